// Node module hooks for running sources through tsx (bin/zeroland's fallback): `import text from './x.sql?raw'`
// gives the file's text, as Vite and the CLI's esbuild build do. Registered with module.register().
import { readFile } from 'node:fs/promises';

export async function load(url, context, nextLoad) {
  if (!/\.sql\?raw$/.test(url)) return nextLoad(url, context);
  const text = await readFile(new URL(url.slice(0, -4)), 'utf8');
  return { format: 'module', source: `export default ${JSON.stringify(text)};`, shortCircuit: true };
}

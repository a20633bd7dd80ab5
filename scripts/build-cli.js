// The CLI as compiled JavaScript: src/cli/main.ts and everything it imports from src/ bundled by esbuild
// (node_modules stay external; each command a chunk loaded when asked for, as main.ts's dynamic imports say),
// so `zeroland` starts without transpiling TypeScript through tsx. Built on first run and again whenever a
// bundled source changed: dist/cli/current.json names the build and records each input's size and mtime, so
// the check is ~200 stat calls, not a walk of the tree.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const stamp = (file) => {
  try {
    const s = statSync(file);
    return `${s.size}:${Math.floor(s.mtimeMs)}`;
  } catch {
    return 'missing';
  }
};

/** The entry file of the current build when none of the sources it was built from changed since, else null. */
export function freshCli(root) {
  const out = path.join(root, 'dist/cli');
  let current;
  try {
    current = JSON.parse(readFileSync(path.join(out, 'current.json'), 'utf8'));
  } catch {
    return null;
  }
  const main = path.join(out, current.dir, 'main.js');
  if (!existsSync(main)) return null;
  // root + '/' + file, not path.join: ~220 joins were ~13 ms of every command's start
  return Object.entries(current.inputs).every(([file, s]) => stamp(`${root}/${file}`) === s) ? main : null;
}

/** `import text from './x.sql?raw'`: the file itself, loaded as text (the `.sql` loader above). */
const rawSqlImports = {
  name: 'raw-sql',
  setup(b) {
    b.onResolve({ filter: /\.sql\?raw$/ }, (a) => ({ path: path.resolve(a.resolveDir, a.path.slice(0, -4)) }));
  }
};

/** CommonJS packages on `inspect`'s path, loaded with require() rather than `import`: Node's ESM loader first
 *  compiles a .js file without "type" to detect its format, then lexes it for named exports, and only then
 *  runs it (proj4, iconv-lite and polygon-clipping: ~190 ms and ~4,000 page faults against ~45 ms and ~1,200).
 *  And only when first used: the default export is a stand-in that requires the package at its first call or
 *  property read (a shapefile in a Gauss-Krüger plane needs none of proj4, a valid one none of polygon-clipping:
 *  ~50 ms and ~20 ms of loading). Only default imports are mapped; a named import from one of these fails the
 *  build (the CLI then runs on tsx). */
const CJS_VIA_REQUIRE = ['proj4', 'iconv-lite', 'polygon-clipping'];
const cjsViaRequire = {
  name: 'cjs-via-require',
  setup(b) {
    const filter = new RegExp(`^(${CJS_VIA_REQUIRE.join('|')})$`);
    b.onResolve({ filter }, (a) => ({ path: a.path, namespace: 'cjs-require' }));
    b.onLoad({ filter: /.*/, namespace: 'cjs-require' }, (a) => ({
      contents: `import { createRequire } from 'node:module';
let m;
const get = () => (m ??= createRequire(import.meta.url)(${JSON.stringify(a.path)}));
export default new Proxy(function () {}, {
  apply: (_, self, args) => Reflect.apply(get(), self, args),
  construct: (_, args) => Reflect.construct(get(), args),
  get: (_, key) => Reflect.get(get(), key),
  has: (_, key) => Reflect.has(get(), key)
});`,
      loader: 'js'
    }));
  }
};

/** Bundles the CLI into a new directory and makes it current; returns its entry file. Several processes may
 *  build at once: each writes its own directory and the last rename wins (the results are alike). Builds
 *  older than an hour are removed (a running command may still load chunks from a recent one). */
export async function buildCli(root) {
  const { build } = await import('esbuild');
  const out = path.join(root, 'dist/cli');
  const dir = `b${Date.now().toString(36)}-${process.pid}`;
  const started = Date.now() - 1000; // a source saved during the build makes the next run build again
  const r = await build({
    absWorkingDir: root,
    entryPoints: { main: 'src/cli/main.ts' },
    outdir: path.join(out, dir),
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // the app's tsconfig extends SvelteKit's generated one, which may not exist yet; the CLI needs none of it
    tsconfigRaw: '{"compilerOptions":{}}',
    // queries kept in .sql files are imported as text (`./x.sql?raw`, as Vite reads them)
    plugins: [rawSqlImports, cjsViaRequire],
    loader: { '.sql': 'text' },
    metafile: true,
    logLevel: 'error'
  });
  const inputs = Object.fromEntries(
    // this script too: a change to how the CLI is built builds it again
    [...Object.keys(r.metafile.inputs), 'scripts/build-cli.js']
      .filter((f) => !f.startsWith('node_modules/') && !f.startsWith('cjs-require:'))
      .map((f) => {
        const s = stamp(path.join(root, f));
        return [f, Number(s.split(':')[1]) >= started ? 'changed-during-build' : s];
      })
  );
  const tmp = path.join(out, `current.${process.pid}.tmp`);
  writeFileSync(tmp, JSON.stringify({ dir, inputs }, null, 1));
  renameSync(tmp, path.join(out, 'current.json'));
  for (const d of readdirSync(out)) {
    if (d === dir || !d.startsWith('b')) continue;
    try {
      if (Date.now() - statSync(path.join(out, d)).mtimeMs > 3600_000)
        rmSync(path.join(out, d), { recursive: true, force: true });
    } catch {
      /* another process removed it */
    }
  }
  return path.join(out, dir, 'main.js');
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
  mkdirSync(path.join(root, 'dist/cli'), { recursive: true });
  const file = await buildCli(root);
  console.log(`zeroland CLI built: ${path.relative(root, file)}`);
}

// Builds the app when any source is newer than build/index.js. Used by `npm start` and the browser tests.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function newest(p) {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((f) => newest(path.join(p, f))));
}

export function buildIfNeeded(root) {
  const at = (p) => path.join(root, p);
  const built = existsSync(at('build/index.js')) ? statSync(at('build/index.js')).mtimeMs : 0;
  const sources = Math.max(
    ...['src', 'static', 'package-lock.json', 'svelte.config.js', 'vite.config.ts'].map((p) => newest(at(p)))
  );
  if (sources <= built) return;
  console.log('zeroland: building the app (first start or sources changed)…');
  const r = spawnSync(process.execPath, [at('node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit'
  });
  if (r.status !== 0) throw new Error('build failed');
}

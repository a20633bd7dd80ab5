#!/usr/bin/env node
// `npm start`: build the app when the sources are newer than the build, then serve it.
// With no DATABASE_URL it runs on the embedded PostGIS under ./data, seeded with demo users and sample layers.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);

function newest(p) {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((f) => newest(path.join(p, f))));
}

const built = existsSync('build/index.js') ? statSync('build/index.js').mtimeMs : 0;
const sources = Math.max(newest('src'), newest('static'), newest('package-lock.json'), newest('svelte.config.js'), newest('vite.config.ts'));
if (sources > built) {
  console.log('zeroland: building the app (first start or sources changed)…');
  const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const port = process.env.PORT ?? '3000';
const env = {
  ...process.env,
  PORT: port,
  TZ: process.env.TZ ?? 'Asia/Shanghai',
  // adapter-node needs the public origin for its CSRF check and for https detection; set ORIGIN in production.
  ORIGIN: process.env.ORIGIN ?? `http://localhost:${port}`,
  // Boundary uploads carry CAD drawings; the upload endpoints enforce their own, smaller limits with a clear message.
  BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT ?? '210M'
};
console.log(
  `zeroland: starting on ${process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'the embedded database in ' + (process.env.DATA_DIR ?? './data')}` +
    ' — the first start loads PostGIS and seeds sample data (about 30 s)…'
);
const child = spawn(process.execPath, ['build/index.js'], { env, stdio: ['inherit', 'pipe', 'inherit'] });
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  if (String(chunk).includes('Listening on'))
    console.log(`\n  ➜ Open http://localhost:${port}\n  ➜ Demo accounts: see the table in README.md (all use the password demo2026)\n`);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));

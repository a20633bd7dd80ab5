#!/usr/bin/env node
// `npm start`: build the app when the sources are newer than the build, then serve it.
// With no DATABASE_URL it runs on the embedded PostGIS under ./data, seeded with demo users and sample layers.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildIfNeeded } from './build-if-needed.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);

try {
  buildIfNeeded(root);
} catch {
  process.exit(1);
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
    console.log(
      `\n  ➜ Open http://localhost:${port}\n` +
        // Demo accounts exist only in a demo installation (src/lib/server/seed/demo-policy.ts).
        (env.ZEROLAND_DEMO !== '0' && env.NODE_ENV !== 'production'
          ? '  ➜ Demo installation: demo accounts in README.md (password demo2026) when the database was seeded\n'
          : '  ➜ Production mode: no demo accounts; create users with `npx zeroland users add` or in the browser\n')
    );
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));

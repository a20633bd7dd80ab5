#!/usr/bin/env node
// `npm start`: build the app when the sources are newer than the build, then serve it — supervised: if the
// server process dies it is started again (with a log line, backing off 1 s … 30 s), unless it stopped
// on purpose or for a setup problem the operator must fix (exit 78).
// With no DATABASE_URL it runs on the embedded PostGIS under ./data, seeded with demo users and sample layers.
//
// Signals: SIGINT/SIGTERM are passed to the server, which stops cleanly within 5 s; a second Ctrl-C stops it
// at once. The server runs in its own process group so it gets each signal once (from here), and it stops
// by itself if this supervisor goes away (IPC channel closed).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildIfNeeded } from './build-if-needed.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);

const log = (level, event, fields = {}) =>
  console.log(JSON.stringify({ time: new Date().toISOString(), level, event, ...fields }));

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
  BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT ?? '210M',
  // In-flight requests get a little time in the clean stop (src/lib/server/ops/lifecycle.ts), not 30 s.
  SHUTDOWN_TIMEOUT: process.env.SHUTDOWN_TIMEOUT ?? '3'
};
console.log(
  `zeroland: starting on ${process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'the embedded database in ' + (process.env.DATA_DIR ?? './data')}` +
    ' — the first start loads PostGIS and seeds sample data (about 30 s)…'
);

const EXIT_CONFIG = 78;
let child = null;
let restarts = 0;
let backoff = 1000;
let startedAt = 0;
let stopSignal = null;
let stopAt = 0;
let greeted = false;

function start() {
  startedAt = Date.now();
  child = spawn(process.execPath, ['scripts/server.js'], {
    env: { ...env, ZEROLAND_RESTARTS: String(restarts) },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    detached: true
  });
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    if (!greeted && String(chunk).includes('Listening on')) {
      greeted = true;
      console.log(
        `\n  ➜ Open http://localhost:${port}\n` +
          // Demo accounts exist only in a demo installation (src/lib/server/seed/demo-policy.ts).
          (env.ZEROLAND_DEMO !== '0' && env.NODE_ENV !== 'production'
            ? '  ➜ Demo installation: demo accounts in README.md (password demo2026) when the database was seeded\n'
            : '  ➜ Production mode: no demo accounts; create users with `npx zeroland users add` or in the browser\n')
      );
    }
  });
  child.on('exit', (code, signal) => {
    child = null;
    if (stopSignal) process.exit(code ?? (signal ? 1 : 0));
    if (code === EXIT_CONFIG) {
      log('error', 'server_not_restarted', {
        code,
        msg: 'the server stopped for a setup problem (see the line above); fix it and start again'
      });
      process.exit(code);
    }
    // A server that ran for a minute earns a fresh back-off.
    if (Date.now() - startedAt > 60_000) backoff = 1000;
    restarts++;
    log('error', 'server_died', {
      code,
      signal,
      restarts,
      restart_in_ms: backoff,
      msg: `the server process ended unexpectedly; restarting it in ${backoff / 1000} s`
    });
    setTimeout(() => (stopSignal ? process.exit(1) : start()), backoff);
    backoff = Math.min(backoff * 2, 30_000);
  });
}

function stop(sig) {
  const now = Date.now();
  if (!stopSignal) {
    stopSignal = sig;
    stopAt = now;
    if (!child) process.exit(0);
    child.kill(sig);
    // The server enforces its own 5 s deadline; this is the last resort.
    setTimeout(() => child?.kill('SIGKILL'), 6000).unref();
    return;
  }
  // The same Ctrl-C may arrive twice (from the terminal's process group and forwarded by npm): only a
  // second press counts.
  if (now - stopAt < 300) return;
  child?.kill('SIGINT');
  setTimeout(() => child?.kill('SIGKILL'), 1000).unref();
}

for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => stop(sig));
start();

// Browser and HTTP tests run against the real built app: build if stale, start it on a free port with its
// own database (embedded in a temp folder, or DATABASE_URL in CI), seeded with the demo users and layers.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildIfNeeded } from '../../scripts/build-if-needed.js';
import { freePort } from './service.ts';

const root = path.resolve(import.meta.dirname, '../..');

let child: ChildProcess | null = null;

/** On a PostgreSQL server the app gets a clean schema, as the embedded database does in its temp folder. */
async function wipeTestDatabase() {
  if (process.env.DATABASE_URL) await (await import('./integration.global.ts')).default();
}
let dataDir = '';

export default async function setup(project: TestProject) {
  await wipeTestDatabase();
  buildIfNeeded(root);
  const port = await freePort();
  dataDir = mkdtempSync(path.join(tmpdir(), 'zeroland-e2e-'));
  const baseUrl = `http://localhost:${port}`;
  let log = '';
  child = spawn(process.execPath, [path.join(root, 'scripts/server.js')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      ORIGIN: baseUrl,
      DATA_DIR: dataDir,
      ZEROLAND_SEED: '1',
      TZ: 'Asia/Shanghai',
      BODY_SIZE_LIMIT: '210M'
    },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  child.stdout!.on('data', (c) => (log += c));
  child.stderr!.on('data', (c) => (log += c));
  const deadline = Date.now() + 600_000; // PostGIS in WASM loads in ~20 s, but minutes on a loaded 2-core machine
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app server exited early:\n${log}`);
    try {
      const r = await fetch(`${baseUrl}/api/v1/health`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`app server did not start in time:\n${log}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  project.provide('baseUrl', baseUrl);
  return async () => {
    child?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

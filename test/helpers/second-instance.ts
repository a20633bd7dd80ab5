// A second app instance on the same PostgreSQL as the test server (issue 17.4): its own port and its own
// DATA_DIR, so that nothing it shares with the first instance can come through a common disk.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './service.ts';

const root = path.resolve(import.meta.dirname, '../..');

export async function startSecondInstance(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'zeroland-second-'));
  const url = `http://localhost:${port}`;
  let log = '';
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'scripts/server.js')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      ORIGIN: url,
      DATA_DIR: dataDir,
      ZEROLAND_SEED: '0',
      TZ: 'Asia/Shanghai'
    },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  child.stdout!.on('data', (c) => (log += c));
  child.stderr!.on('data', (c) => (log += c));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`second instance exited:\n${log}`);
    if (
      await fetch(`${url}/api/v1/ready`).then(
        (r) => r.ok,
        () => false
      )
    )
      break;
    if (Date.now() > deadline) throw new Error(`second instance did not get ready:\n${log}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
}

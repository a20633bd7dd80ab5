// Runs bin/zeroland as a user would. On PostgreSQL the CLI works on the tests' database; embedded, on one
// temporary folder shared by all CLI tests of the run (integration tests share a process), so the embedded
// database is created and migrated once, not once per test file.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

let dir: string | null = null;

export function cliDataDir(): string {
  if (!dir) {
    const d = (dir = mkdtempSync(path.join(tmpdir(), 'zeroland-cli-')));
    process.once('exit', () => rmSync(d, { recursive: true, force: true }));
  }
  return dir;
}

export function cli(args: string[], stdin = '', extraEnv: Record<string, string> = {}) {
  const env: Record<string, string | undefined> = { ...process.env, DATA_DIR: cliDataDir(), ...extraEnv };
  delete env.PGLITE_DIR;
  return spawnSync(process.execPath, ['bin/zeroland', ...args], {
    input: stdin,
    env,
    encoding: 'utf8',
    timeout: 280_000
  });
}

// `npm start` as an operator runs it: its own process group, its own port and data, signals sent to the
// whole group as a terminal's Ctrl-C or systemd would. On PostgreSQL (CI) each run gets its own database.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import pg from 'pg';

const root = path.resolve(import.meta.dirname, '../..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** A fresh PostgreSQL database next to DATABASE_URL's (dropped by the returned function); null when embedded. */
export async function scratchDatabase(suffix: string): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const base = process.env.DATABASE_URL;
  if (!base) return null;
  const u = new URL(base);
  const name = `${u.pathname.slice(1)}_${suffix}`.replace(/[^a-z0-9_]/gi, '_');
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`drop database if exists ${name} with (force)`);
  await admin(`create database ${name}`);
  u.pathname = '/' + name;
  return { url: u.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

export interface Started {
  proc: ChildProcess;
  base: string;
  log: () => string;
  exited: Promise<number | null>;
}

export function npmStart(port: number, env: Record<string, string | undefined>): Started {
  let out = '';
  const proc = spawn('npm', ['start'], {
    cwd: root,
    detached: true, // its own process group, like a terminal session
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      ORIGIN: `http://localhost:${port}`,
      TZ: 'Asia/Shanghai',
      ...env
    },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  proc.stdout!.on('data', (c) => (out += c));
  proc.stderr!.on('data', (c) => (out += c));
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  return { proc, base: `http://localhost:${port}`, log: () => out, exited };
}

export async function waitHealthy(s: Started, timeoutMs = 300_000, since = 0) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (s.proc.exitCode !== null) throw new Error(`npm start exited early:\n${s.log()}`);
    try {
      const r = await fetch(`${s.base}/api/v1/ready`);
      if (r.ok && s.log().length > since) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`not ready in time:\n${s.log()}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** JSON log lines of one event. */
export const events = (s: Started, event: string) =>
  s
    .log()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => {
      try {
        return JSON.parse(l) as Record<string, unknown>;
      } catch {
        return {};
      }
    })
    .filter((l) => l.event === event);

export function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// Readiness (is this instance fit to take traffic?), as opposed to liveness (/api/v1/health: the process
// answers). Ready when the database answers within 2 s, every migration in migrations/ is applied, the
// worker pools report up, and the server is not stopping.
import { readdir } from 'node:fs/promises';
import type { Queryable } from '../db/index.ts';
import { migrationsDir } from '../db/migrate.ts';
import { isStopping } from './lifecycle.ts';
import { appliedMigrations, postgisVersion } from './ops.repository.ts';

export interface Check {
  ok: boolean;
  detail: string;
  ms?: number;
}
export interface Readiness {
  ready: boolean;
  checks: Record<string, Check>;
}

export type PoolStatus = { ok: boolean; detail: string };
const pools = new Map<string, () => PoolStatus>();

/** A worker pool says whether it is up (e.g. the upload parsing pool: workers alive, not all crashed). */
export function registerWorkerPool(name: string, status: () => PoolStatus) {
  pools.set(name, status);
}

const DB_TIMEOUT_MS = 2000;

async function timed<T>(fn: () => Promise<T>, ms: number): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const value = await Promise.race([
      fn(),
      new Promise<never>((_, rej) => (timer = setTimeout(() => rej(new Error(`no answer within ${ms} ms`)), ms)))
    ]);
    return { value, ms: Math.round(performance.now() - t0) };
  } finally {
    clearTimeout(timer);
  }
}

export async function checkReadiness(openDb: () => Promise<Queryable>, dir = migrationsDir()): Promise<Readiness> {
  const checks: Record<string, Check> = {};
  let applied: Set<string> | null = null;
  try {
    const r = await timed(async () => {
      const db = await openDb();
      return appliedMigrations(db);
    }, DB_TIMEOUT_MS);
    applied = new Set(r.value);
    checks.database = { ok: true, detail: 'answers', ms: r.ms };
  } catch (e) {
    checks.database = { ok: false, detail: `does not answer: ${(e as Error).message}` };
  }
  if (applied) {
    const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => /^\d+_.+\.sql$/.test(f));
    const missing = files.filter((f) => !applied!.has(f));
    checks.migrations = missing.length
      ? { ok: false, detail: `not applied: ${missing.join(', ')}` }
      : { ok: files.length > 0, detail: files.length ? `${files.length} applied` : `no migrations found in ${dir}` };
  } else checks.migrations = { ok: false, detail: 'unknown: the database does not answer' };
  const poolChecks = [...pools.entries()].map(([name, status]) => {
    try {
      return [name, status()] as const;
    } catch (e) {
      return [name, { ok: false, detail: (e as Error).message }] as const;
    }
  });
  checks.workers = poolChecks.every(([, s]) => s.ok)
    ? {
        ok: true,
        detail: poolChecks.length
          ? poolChecks.map(([n, s]) => `${n}: ${s.detail}`).join('; ')
          : 'no worker pools registered'
      }
    : {
        ok: false,
        detail: poolChecks
          .filter(([, s]) => !s.ok)
          .map(([n, s]) => `${n}: ${s.detail}`)
          .join('; ')
      };
  checks.server = isStopping() ? { ok: false, detail: 'stopping' } : { ok: true, detail: 'accepting requests' };
  return { ready: Object.values(checks).every((c) => c.ok), checks };
}

/** The liveness answer of GET /api/v1/health: the engine and its PostGIS version. */
export async function health(db: Queryable & { kind: string }): Promise<{ status: 'ok'; db: string; postgis: string }> {
  return { status: 'ok', db: db.kind, postgis: await postgisVersion(db) };
}

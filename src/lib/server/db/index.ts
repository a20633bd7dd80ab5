// The process-wide database: PostgreSQL when DATABASE_URL is set, embedded PGlite + PostGIS otherwise.
// Opened once per process (PostGIS WASM takes seconds to load) and migrated before first use.
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { migrate } from './migrate.ts';
import { lockDataDir } from './lock.ts';
import { dbSetupError, type Db } from './types.ts';

let opening: Promise<Db> | null = null;
let release: (() => void) | null = null;
let appliedAtOpen: string[] = [];

export function dataDir(): string {
  return path.resolve(process.env.DATA_DIR ?? 'data');
}

/** Where the embedded database lives (PGLITE_DIR, else DATA_DIR/pglite). */
export function pgliteDir(): string {
  return process.env.PGLITE_DIR ?? path.join(dataDir(), 'pglite');
}

async function open(): Promise<Db> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const { openPostgres } = await import('./pg.ts');
    const db = await openPostgres(url);
    await requirePostgis(db);
    return db;
  }
  const dir = pgliteDir();
  if (!dir.startsWith('memory://')) {
    mkdirSync(dir, { recursive: true });
    release = lockDataDir(dir);
  }
  const { openPglite } = await import('./pglite.ts');
  try {
    return await openPglite(dir);
  } catch (e) {
    unlock();
    throw e;
  }
}

/** Fails with one line that says what to do when the server has no PostGIS. */
export async function requirePostgis(db: Pick<Db, 'query'>) {
  let available: unknown[];
  try {
    available = (await db.query(`select 1 from pg_available_extensions where name = 'postgis'`)).rows;
  } catch (e) {
    throw dbSetupError(`cannot reach the database at DATABASE_URL: ${(e as Error).message}`);
  }
  if (available.length === 0)
    throw dbSetupError(
      'PostGIS is not installed on the PostgreSQL server at DATABASE_URL: install it (Debian: apt-get install postgresql-15-postgis-3) and restart.'
    );
}

export function getDb(): Promise<Db> {
  opening ??= open().then(async (db) => {
    appliedAtOpen = await migrate(db);
    return db;
  });
  opening.catch(() => (opening = null));
  return opening;
}

/** Migrations the process applied when it opened the database (the server logs them). */
export const migrationsAppliedAtOpen = () => appliedAtOpen;

function unlock() {
  release?.();
  release = null;
}

/** Closes the process-wide database (and releases the embedded data directory); says which engine it was. */
export async function closeDb(): Promise<Db['kind'] | null> {
  if (!opening) return null;
  const db = await opening.catch(() => null);
  opening = null;
  try {
    await db?.close();
  } finally {
    unlock();
  }
  return db?.kind ?? null;
}

export type { Db, Queryable } from './types.ts';
export { runPrepared } from './types.ts';

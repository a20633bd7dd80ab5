// The process-wide database: PostgreSQL when DATABASE_URL is set, embedded PGlite + PostGIS otherwise.
// Opened once per process (PostGIS WASM takes seconds to load) and migrated before first use.
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { migrate } from './migrate.ts';
import { DbSetupError, type Db } from './types.ts';

let opening: Promise<Db> | null = null;

export function dataDir(): string {
  return path.resolve(process.env.DATA_DIR ?? 'data');
}

async function open(): Promise<Db> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const { openPostgres } = await import('./pg.ts');
    const db = await openPostgres(url);
    await requirePostgis(db);
    return db;
  }
  const dir = process.env.PGLITE_DIR ?? path.join(dataDir(), 'pglite');
  if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true });
  const { openPglite } = await import('./pglite.ts');
  return openPglite(dir);
}

/** Fails with one line that says what to do when the server has no PostGIS. */
async function requirePostgis(db: Db) {
  let available: unknown[];
  try {
    available = (await db.query(`select 1 from pg_available_extensions where name = 'postgis'`)).rows;
  } catch (e) {
    throw new DbSetupError(`cannot reach the database at DATABASE_URL: ${(e as Error).message}`);
  }
  if (available.length === 0)
    throw new DbSetupError(
      'PostGIS is not installed on the PostgreSQL server at DATABASE_URL: install it (Debian: apt-get install postgresql-15-postgis-3) and restart.'
    );
}

export function getDb(): Promise<Db> {
  opening ??= open().then(async (db) => {
    await migrate(db);
    return db;
  });
  opening.catch(() => (opening = null));
  return opening;
}

export async function closeDb() {
  if (!opening) return;
  const db = await opening.catch(() => null);
  opening = null;
  await db?.close();
}

export type { Db, Queryable } from './types.ts';

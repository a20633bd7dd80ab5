// Migrations: migrations/NNN_name.sql applied in order, each in its own transaction, recorded in schema_migrations.
// A PostgreSQL advisory lock keeps two app instances from migrating at the same time.
import { readdir, readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Db } from './types.ts';

const MIGRATION_LOCK = 727_001;

export function migrationsDir(): string {
  return path.resolve(process.env.MIGRATIONS_DIR ?? 'migrations');
}

export async function migrate(db: Db, dir = migrationsDir()): Promise<string[]> {
  const files = (await readdir(dir)).filter((f) => /^\d+_.+\.sql$/.test(f)).sort();
  await db.exec(`create table if not exists schema_migrations (
      name text primary key, checksum text not null, applied_at timestamptz not null default now())`);
  const applied: string[] = [];
  await db.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    const done = new Set(
      (await db.query<{ name: string }>('select name from schema_migrations')).rows.map((r) => r.name)
    );
    for (const file of files) {
      if (done.has(file)) continue;
      const sql = await readFile(path.join(dir, file), 'utf8');
      const checksum = createHash('sha256').update(sql).digest('hex');
      await db.transaction(async (tx) => {
        await tx.exec(sql);
        await tx.query('insert into schema_migrations (name, checksum) values ($1, $2)', [file, checksum]);
      });
      applied.push(file);
    }
  } finally {
    await db.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
  return applied;
}

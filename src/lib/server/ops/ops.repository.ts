// What the health and readiness checks ask the database.
import type { Queryable } from '../db/index.ts';

/** The PostGIS library version (the health answer names it). */
export async function postgisVersion(db: Queryable): Promise<string> {
  return (await db.query<{ v: string }>('select postgis_lib_version() as v')).rows[0].v;
}

/** The migration files applied so far (schema_migrations). */
export async function appliedMigrations(db: Queryable): Promise<string[]> {
  return (await db.query<{ name: string }>('select name from schema_migrations')).rows.map((x) => x.name);
}

// The basemap setting (map_settings, migration 115) and its change log (events 'basemap_changed').
import type { Queryable } from '../db/index.ts';
import { insertOfficeEvent } from '../audit/events.repository.ts';

/** The stored setting as saved (unchecked), or null; null also when the table is not there yet. */
export async function storedBasemap(db: Queryable): Promise<unknown> {
  const { rows } = await db
    .query<{ value: unknown }>(`select value from map_settings where key = 'basemap'`)
    .catch(() => ({ rows: [] as { value: unknown }[] }));
  return rows[0]?.value ?? null;
}

export async function writeBasemap(db: Queryable, value: unknown | null, by: string): Promise<void> {
  if (value === null) {
    await db.query(`delete from map_settings where key = 'basemap'`);
    return;
  }
  await db.query(
    `insert into map_settings (key, value, updated_by, updated_at) values ('basemap', $1, $2, now())
     on conflict (key) do update set value = excluded.value, updated_by = excluded.updated_by, updated_at = now()`,
    [JSON.stringify(value), by]
  );
}

export async function insertBasemapEvent(
  db: Queryable,
  actor: { id: string; role: string },
  payload: Record<string, unknown>
): Promise<void> {
  await insertOfficeEvent(db, { actorId: actor.id, role: actor.role, action: 'basemap_changed', payload });
}

/** The latest changes (Shanghai time, who), newest first. */
export async function basemapChanges(db: Queryable, limit = 10): Promise<{ at: string; who: string | null }[]> {
  const { rows } = await db.query<{ at: string; who: string | null }>(
    `select to_char(e.at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as at, u.display_name as who
       from events e left join users u on u.id = e.actor_id where e.action = 'basemap_changed' order by e.at desc limit $1`,
    [limit]
  );
  return rows;
}

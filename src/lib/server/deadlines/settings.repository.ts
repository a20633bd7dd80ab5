// The stored time limits (workflow_settings 'deadlines', migration 071) and their change log.
import type { Queryable } from '../db/index.ts';
import { insertOfficeEvent } from '../audit/events.repository.ts';

/** The stored value as saved (unchecked), or null. */
export async function storedDeadlines(db: Queryable): Promise<unknown> {
  const { rows } = await db.query<{ value: unknown }>(`select value from workflow_settings where key = 'deadlines'`);
  return rows[0]?.value ?? null;
}

export async function writeDeadlines(db: Queryable, value: unknown, by: string): Promise<void> {
  await db.query(
    `insert into workflow_settings (key, value, updated_by, updated_at) values ('deadlines', $1, $2, now())
     on conflict (key) do update set value = excluded.value, updated_by = excluded.updated_by, updated_at = now()`,
    [JSON.stringify(value), by]
  );
}

export async function insertDeadlinesEvent(
  db: Queryable,
  actor: { id: string; role: string },
  payload: Record<string, unknown>
): Promise<void> {
  await insertOfficeEvent(db, { actorId: actor.id, role: actor.role, action: 'deadlines_changed', payload });
}

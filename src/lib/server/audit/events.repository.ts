// The event log beyond one project's history (projects.repository.ts writes and reads that): project-less
// events (accounts, tokens, settings, policy versions, district criteria), and the rows of the hash chain.
import type { Queryable } from '../db/index.ts';

export interface NewOfficeEvent {
  actorId: string | null;
  /** The actor's role; null where nobody acted yet (a first single sign-on), 'system' for the installation. */
  role: string | null;
  action: string;
  comment?: string | null;
  payload: Record<string, unknown>;
}

/** Writes one event that belongs to no project. */
export async function insertOfficeEvent(db: Queryable, e: NewOfficeEvent): Promise<void> {
  await db.query(
    `insert into events (project_id, actor_id, actor_role, action, comment, payload) values (null, $1, $2, $3, $4, $5)`,
    [e.actorId, e.role, e.action, e.comment ?? null, JSON.stringify(e.payload)]
  );
}

/** A policy refusal, on its project (written only while the project exists) or on none. */
export async function insertRefusalEvent(
  db: Queryable,
  projectId: string | null,
  actor: { id: string; role: string },
  comment: string,
  payload: Record<string, unknown>
): Promise<void> {
  await db.query(
    `insert into events (project_id, actor_id, actor_role, action, comment, payload)
     select $1, $2, $3, 'policy_refusal', $4, $5 where $1::uuid is null or exists (select 1 from projects where id = $1::uuid)`,
    [projectId, actor.id, actor.role, comment, JSON.stringify(payload)]
  );
}

export interface OfficeEventRow {
  id: string;
  at: Date;
  action: string;
  actor_name: string | null;
  /** The actor's own username (the payload's `username` names the account acted on). */
  actor_username: string | null;
  username: string | null;
  comment: string | null;
  payload: Record<string, unknown>;
}

/** The latest project-less events of these actions, newest first. */
export async function officeEvents(
  db: Queryable,
  actions: readonly string[],
  limit: number
): Promise<OfficeEventRow[]> {
  const { rows } = await db.query<OfficeEventRow>(
    `select e.id::text as id, e.at, e.action, u.display_name as actor_name, u.username as actor_username,
            e.payload->>'username' as username, e.comment, e.payload
       from events e left join users u on u.id = e.actor_id
      where e.project_id is null and e.action = any($1::text[]) order by e.id desc limit $2`,
    [[...actions], limit]
  );
  return rows;
}

// ---- the hash chain (migrations/050_events_chain.sql) ----

export interface ChainRow {
  id: string;
  chain_no: number | null;
  prev_hash: string | null;
  hash: string | null;
  recomputed: string | null;
}

/** Where the chain head says the log ends (null before the first event). */
export async function chainHead(db: Queryable): Promise<{ last_no: number; last_hash: string } | null> {
  const { rows } = await db.query<{ last_no: number; last_hash: string }>(
    'select last_no::float8 as last_no, last_hash from events_chain_head'
  );
  return rows[0] ?? null;
}

/** The first event written without a chain position (the trigger was off), if any. */
export async function firstUnchainedEvent(db: Queryable): Promise<ChainRow | null> {
  const { rows } = await db.query<ChainRow>(
    'select id::text as id, null::float8 as chain_no, prev_hash, hash, null as recomputed from events where chain_no is null order by id limit 1'
  );
  return rows[0] ?? null;
}

/** Up to `limit` events from chain position `from` on, each with its hash recomputed by the trigger's function. */
export async function chainRows(db: Queryable, from: number, limit: number): Promise<ChainRow[]> {
  const { rows } = await db.query<ChainRow>(
    `select e.id::text as id, e.chain_no::float8 as chain_no, e.prev_hash, e.hash, events_row_hash(e.prev_hash, e) as recomputed
       from events e where e.chain_no >= $1 order by e.chain_no limit $2`,
    [from, limit]
  );
  return rows;
}

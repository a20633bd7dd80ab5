// SQL of the supervision map and exports: recognised projects with their current parcel, and the tracking
// events that give their status; district measures (events without a project).
import type { Queryable } from '../db/index.ts';

export interface RecognisedRow {
  id: string;
  code: string;
  title: string;
  enterprise_name: string;
  authority_code: string | null;
  stage: string;
  land_type: string | null;
  area_m2: number;
  decided_at: Date | null;
  form: Record<string, unknown>;
  geometry: { type: 'MultiPolygon'; coordinates: number[][][][] };
}

/** Recognised projects (认定 passed: stages recognised and tracking) that have a parcel. */
export async function recognisedParcels(
  db: Queryable,
  authorityCode: string | null,
  landType: string | null
): Promise<RecognisedRow[]> {
  const params: unknown[] = [];
  const where = [`p.stage in ('recognised', 'tracking')`];
  if (authorityCode) {
    params.push(authorityCode);
    where.push(`p.authority_code = $${params.length}`);
  }
  if (landType) {
    params.push(landType);
    where.push(`p.land_type = $${params.length}`);
  }
  const { rows } = await db.query<RecognisedRow>(
    `select p.id, p.code, p.title, coalesce(nullif(p.form->>'enterpriseName', ''), u.enterprise_name, u.display_name) as enterprise_name,
            p.authority_code, p.stage, p.land_type, pa.area_m2, p.decided_at, p.form, ST_AsGeoJSON(pa.geom, 8)::json as geometry
       from projects p join users u on u.id = p.owner_id join parcels pa on pa.project_id = p.id and pa.is_current
      where ${where.join(' and ')} order by p.code`,
    params
  );
  return rows;
}

export async function trackingEvents(
  db: Queryable,
  ids: string[]
): Promise<Map<string, { action: string; at: Date; payload: Record<string, unknown> }[]>> {
  const out = new Map<string, { action: string; at: Date; payload: Record<string, unknown> }[]>();
  if (!ids.length) return out;
  const { rows } = await db.query<{ project_id: string; action: string; at: Date; payload: Record<string, unknown> }>(
    `select project_id, action, at, payload from events
      where project_id = any($1::uuid[]) and action in ('record_milestone', 'record_finding', 'record_measure', 'recognise') order by id`,
    [ids]
  );
  for (const r of rows) out.set(r.project_id, [...(out.get(r.project_id) ?? []), r]);
  return out;
}

export interface MeasureRow {
  id: string;
  at: Date;
  actor_name: string | null;
  actor_role: string | null;
  comment: string | null;
  payload: Record<string, unknown>;
}

export async function insertDistrictMeasure(
  db: Queryable,
  m: { actorId: string; role: string; note: string | null; payload: Record<string, unknown> }
) {
  const { rows } = await db.query<{ id: string; at: Date }>(
    `insert into events (project_id, actor_id, actor_role, action, comment, payload) values (null, $1, $2, 'district_measure', $3, $4) returning id::text as id, at`,
    [m.actorId, m.role, m.note, JSON.stringify(m.payload)]
  );
  return rows[0];
}

export async function listDistrictMeasures(db: Queryable, authorityCode: string | null): Promise<MeasureRow[]> {
  const { rows } = await db.query<MeasureRow>(
    `select e.id::text as id, e.at, u.display_name as actor_name, e.actor_role, e.comment, e.payload
       from events e left join users u on u.id = e.actor_id
      where e.action = 'district_measure' and e.project_id is null ${authorityCode ? `and e.payload->>'authorityCode' = $1` : ''}
      order by e.id desc limit 500`,
    authorityCode ? [authorityCode] : []
  );
  return rows;
}

/** The city's revocations and restorations of districts' authority (of one district if given), oldest first. */
export async function authorityMeasureRows(
  db: Queryable,
  authorityCode: string | null
): Promise<{ at: Date; comment: string | null; payload: Record<string, unknown>; by: string | null }[]> {
  const { rows } = await db.query<{
    at: Date;
    comment: string | null;
    payload: Record<string, unknown>;
    by: string | null;
  }>(
    `select e.at, e.comment, e.payload, u.display_name as by
       from events e left join users u on u.id = e.actor_id
      where e.action = 'district_measure' and e.project_id is null
        and e.payload->>'measure' in ('revoke_authority', 'restore_authority')
        ${authorityCode ? `and e.payload->>'authorityCode' = $1` : ''}
      order by e.id`,
    authorityCode ? [authorityCode] : []
  );
  return rows;
}

/** Locks the district's row: one measure on a district at a time. */
export async function lockAuthority(db: Queryable, authorityCode: string): Promise<void> {
  await db.query('select code from authorities where code = $1 for update', [authorityCode]);
}

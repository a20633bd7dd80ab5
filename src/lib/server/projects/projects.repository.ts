// All SQL of projects, parcels, project files and events. Services decide; this file only reads and writes.
import { isUuid } from '../http/ids.ts';
import type { Queryable } from '../db/index.ts';
import type { Role } from '../../domain/roles.ts';
import type { WorkflowState } from '../../domain/workflow-model.ts';
import { AREA_SRID } from '../../geo/area.ts';
import { sqlFile } from '../db/sql-file.ts';
import insertParcelUnionSql from './insert-parcel-union.sql?raw';

export interface ProjectRow {
  id: string;
  code: string;
  title: string;
  owner_id: string;
  authority_code: string | null;
  stage: string;
  version: number;
  form: Record<string, unknown>;
  land_type: string | null;
  workflow: WorkflowState;
  submitted_at: Date | null;
  decided_at: Date | null;
  created_at: Date;
  updated_at: Date;
  owner_name: string;
  owner_enterprise: string | null;
  /** Issue 12: the policy version that governed the project, and the planning department's confirmed facts. */
  policy_version_id?: number | null;
  confirmed_facts?: Record<string, unknown> | null;
}

const SELECT_PROJECT = `select p.id, p.code, p.title, p.owner_id, p.authority_code, p.stage, p.version, p.form, p.land_type,
    p.workflow, p.submitted_at, p.decided_at, p.created_at, p.updated_at, p.policy_version_id, p.confirmed_facts,
    u.display_name as owner_name, u.enterprise_name as owner_enterprise
  from projects p join users u on u.id = p.owner_id`;

/** Next ZL-<year>-<serial>; the counter row is locked by the upsert, so two creators never share a code. */
export async function nextProjectCode(db: Queryable, year: number): Promise<string> {
  const { rows } = await db.query<{ last: number }>(
    `insert into project_code_counters (year, last) values ($1, 1)
     on conflict (year) do update set last = project_code_counters.last + 1 returning last`,
    [year]
  );
  return `ZL-${year}-${String(rows[0].last).padStart(4, '0')}`;
}

export async function insertProject(
  db: Queryable,
  p: {
    id: string;
    code: string;
    title: string;
    ownerId: string;
    authorityCode: string | null;
    form: unknown;
    workflow: WorkflowState;
  }
): Promise<void> {
  await db.query(
    `insert into projects (id, code, title, owner_id, authority_code, stage, version, form, workflow)
     values ($1, $2, $3, $4, $5, 'draft', $6, $7, $8)`,
    [
      p.id,
      p.code,
      p.title,
      p.ownerId,
      p.authorityCode,
      p.workflow.version,
      JSON.stringify(p.form ?? {}),
      JSON.stringify(p.workflow)
    ]
  );
}

export async function findProject(
  db: Queryable,
  id: string,
  opts: { forUpdate?: boolean } = {}
): Promise<ProjectRow | null> {
  if (!isUuid(id)) return null;
  // A deleted draft (issue 14.2) is gone for every reader: it answers like a project that never existed.
  const { rows } = await db.query<ProjectRow>(
    `${SELECT_PROJECT} where p.id = $1 and p.deleted_at is null${opts.forUpdate ? ' for update of p' : ''}`,
    [id]
  );
  return rows[0] ?? null;
}

export interface ScopeFilter {
  /** null: every project (city roles, admin). */
  authorityCode?: string | null;
  ownerId?: string | null;
  authority?: string;
  stages?: string[];
  excludeStages?: string[];
  landType?: string;
  q?: string;
}

/** Projects in the caller's scope (the service re-checks canView on every row). */
export async function listProjectRows(db: Queryable, f: ScopeFilter): Promise<ProjectRow[]> {
  const where: string[] = ['p.deleted_at is null'];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.ownerId) add('p.owner_id = ?', f.ownerId);
  if (f.authorityCode) add('p.authority_code = ?', f.authorityCode);
  if (f.authority) add('p.authority_code = ?', f.authority);
  if (f.stages?.length) add('p.stage = any(?::text[])', f.stages);
  if (f.excludeStages?.length) add('not (p.stage = any(?::text[]))', f.excludeStages);
  if (f.landType) add('p.land_type = ?', f.landType);
  if (f.q) {
    add(
      `(p.code ilike ? or p.title ilike $Q or coalesce(p.form->>'enterpriseName', '') ilike $Q or coalesce(u.enterprise_name, '') ilike $Q)`,
      `%${f.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`
    );
    where[where.length - 1] = where[where.length - 1].replaceAll('$Q', `$${params.length}`);
  }
  const { rows } = await db.query<ProjectRow>(
    `${SELECT_PROJECT}${where.length ? ' where ' + where.join(' and ') : ''} order by p.updated_at desc limit 2000`,
    params
  );
  return rows;
}

/**
 * The optimistic write: succeeds only if nobody changed the project since `expectedVersion`.
 * Returns false when 0 rows matched (someone else acted first → 409).
 */
export async function updateProjectGuarded(
  db: Queryable,
  id: string,
  expectedVersion: number,
  set: {
    workflow: WorkflowState;
    form?: unknown;
    title?: string;
    authorityCode?: string | null;
    submittedAt?: boolean;
    decidedAt?: boolean;
    dueDate?: string | null;
  }
): Promise<boolean> {
  const r = await db.query(
    `update projects set stage = $3, version = $4, workflow = $5,
        form = coalesce($6::jsonb, form), title = coalesce($7, title),
        authority_code = case when $8::boolean then $9 else authority_code end,
        submitted_at = case when $10::boolean then coalesce(submitted_at, now()) else submitted_at end,
        decided_at = case when $11::boolean then now() else decided_at end,
        due_date = case when $12::boolean then $13::date else due_date end,
        updated_at = now()
      where id = $1 and version = $2`,
    [
      id,
      expectedVersion,
      set.workflow.stage,
      set.workflow.version,
      JSON.stringify(set.workflow),
      set.form === undefined ? null : JSON.stringify(set.form),
      set.title ?? null,
      set.authorityCode !== undefined,
      set.authorityCode ?? null,
      set.submittedAt ?? false,
      set.decidedAt ?? false,
      set.dueDate !== undefined,
      set.dueDate ?? null
    ]
  );
  return r.rowCount === 1;
}

/** Hides a draft for good (the row stays for its events); false when it was not a live draft. */
export async function markDraftDeleted(
  db: Queryable,
  id: string,
  expectedVersion: number,
  userId: string
): Promise<boolean> {
  const r = await db.query(
    `update projects set deleted_at = now(), deleted_by = $3, updated_at = now()
      where id = $1 and version = $2 and stage = 'draft' and submitted_at is null and deleted_at is null`,
    [id, expectedVersion, userId]
  );
  return r.rowCount === 1;
}

export interface NewEvent {
  projectId: string;
  actorId: string | null;
  role: Role | 'system';
  action: string;
  from: string | null;
  to: string | null;
  comment: string | null;
  payload: Record<string, unknown>;
  version: number | null;
  at?: string;
}

export async function insertEvent(db: Queryable, e: NewEvent): Promise<void> {
  await db.query(
    `insert into events (project_id, actor_id, actor_role, at, action, from_stage, to_stage, comment, payload, version)
     values ($1, $2, $3, coalesce($4::timestamptz, now()), $5, $6, $7, $8, $9, $10)`,
    [
      e.projectId,
      e.actorId,
      e.role,
      e.at ?? null,
      e.action,
      e.from,
      e.to,
      e.comment,
      JSON.stringify(e.payload),
      e.version
    ]
  );
}

export interface EventRow {
  id: string;
  actor_id: string | null;
  actor_role: string | null;
  actor_name: string | null;
  /** The writer's authority (district officials), for keeping internal comments within their district. */
  actor_authority: string | null;
  at: Date;
  action: string;
  from_stage: string | null;
  to_stage: string | null;
  comment: string | null;
  payload: Record<string, unknown>;
  version: number | null;
}

export async function listEvents(db: Queryable, projectId: string, actions?: string[]): Promise<EventRow[]> {
  const { rows } = await db.query<EventRow>(
    `select e.id::text as id, e.actor_id, e.actor_role, u.display_name as actor_name, u.authority_code as actor_authority, e.at, e.action, e.from_stage, e.to_stage,
            e.comment, e.payload, e.version
       from events e left join users u on u.id = e.actor_id
      where e.project_id = $1 ${actions ? 'and e.action = any($2::text[])' : ''}
      order by e.id`,
    actions ? [projectId, actions] : [projectId]
  );
  return rows;
}

export interface ParcelRow {
  id: string;
  geometry: unknown;
  area_m2: number;
  source_crs: string | null;
  source_name: string | null;
  file_id: string | null;
}

export async function currentParcel(db: Queryable, projectId: string): Promise<ParcelRow | null> {
  const { rows } = await db.query<ParcelRow>(
    `select pa.id, ST_AsGeoJSON(pa.geom, 7)::json as geometry, pa.area_m2, pa.source_crs, f.original_name as source_name, pa.file_id
       from parcels pa left join files f on f.id = pa.file_id
      where pa.project_id = $1 and pa.is_current`,
    [projectId]
  );
  return rows[0] ?? null;
}

/** The query is in insert-parcel-union.sql. */
const INSERT_PARCEL_UNION_SQL = sqlFile(insertParcelUnionSql, { AREA_SRID });

/** Replaces the current parcel with the union of `geometries` (EPSG:4490 GeoJSON); area on CGCS2000 / 3° GK 120°E. */
export async function replaceParcel(
  db: Queryable,
  p: { projectId: string; geometries: unknown[]; sourceGeometries: unknown[]; sourceCrs: string; fileId: string }
): Promise<{ id: string; areaM2: number }> {
  await db.query('update parcels set is_current = false where project_id = $1 and is_current', [p.projectId]);
  const { rows } = await db.query<{ id: string; area_m2: number }>(INSERT_PARCEL_UNION_SQL, [
    p.projectId,
    JSON.stringify(p.geometries),
    p.sourceCrs,
    JSON.stringify({ type: 'GeometryCollection', geometries: p.sourceGeometries }),
    p.fileId
  ]);
  return { id: rows[0].id, areaM2: Number(rows[0].area_m2) };
}

export async function setLandType(db: Queryable, projectId: string, landType: string | null): Promise<void> {
  await db.query('update projects set land_type = $2 where id = $1', [projectId, landType]);
}

export async function attachFile(
  db: Queryable,
  projectId: string,
  fileId: string,
  kind: string,
  userId: string
): Promise<void> {
  await db.query(
    `insert into project_files (project_id, file_id, kind, added_by) values ($1, $2, $3, $4) on conflict do nothing`,
    [projectId, fileId, kind, userId]
  );
}

export interface ProjectFileRow {
  id: string;
  kind: string;
  original_name: string;
  size_bytes: number;
  mime: string | null;
  sha256: string;
  added_at: Date;
  added_by_name: string | null;
}

export async function listProjectFiles(db: Queryable, projectId: string): Promise<ProjectFileRow[]> {
  const { rows } = await db.query<ProjectFileRow>(
    `select f.id, pf.kind, f.original_name, f.size_bytes::float8 as size_bytes, f.mime, f.sha256, pf.added_at, u.display_name as added_by_name
       from project_files pf join files f on f.id = pf.file_id left join users u on u.id = pf.added_by
      where pf.project_id = $1 order by pf.added_at, f.original_name`,
    [projectId]
  );
  return rows;
}

/** A file with the projects it belongs to (download permission follows the project). */
export async function findFile(
  db: Queryable,
  fileId: string
): Promise<{
  id: string;
  sha256: string;
  original_name: string;
  mime: string | null;
  size_bytes: number;
  uploaded_by: string | null;
  project_ids: string[];
} | null> {
  if (!isUuid(fileId)) return null;
  const { rows } = await db.query<{
    id: string;
    sha256: string;
    original_name: string;
    mime: string | null;
    size_bytes: number;
    uploaded_by: string | null;
    project_ids: string[] | null;
  }>(
    `select f.id, f.sha256, f.original_name, f.mime, f.size_bytes::float8 as size_bytes, f.uploaded_by,
            (select array_agg(distinct pf.project_id::text) from project_files pf where pf.file_id = f.id) as project_ids
       from files f where f.id = $1`,
    [fileId]
  );
  const r = rows[0];
  return r ? { ...r, project_ids: r.project_ids ?? [] } : null;
}

export async function findOwner(
  db: Queryable,
  ref: string
): Promise<{ id: string; role: Role; enterprise_name: string | null } | null> {
  const byId = isUuid(ref);
  const { rows } = await db.query<{ id: string; role: Role; enterprise_name: string | null }>(
    `select id, role, enterprise_name from users where ${byId ? 'id = $1::uuid' : 'lower(username) = lower($1)'} and not disabled`,
    [ref]
  );
  return rows[0] ?? null;
}

/** The guideline version an application was taken on under (set once the lead accepts it). */
export async function setPolicyVersion(db: Queryable, projectId: string, policyVersionId: number): Promise<void> {
  await db.query('update projects set policy_version_id = $2 where id = $1', [projectId, policyVersionId]);
}

/** The current parcels of these projects as GeoJSON text (6 decimals), by project. */
export async function currentParcelGeoJson(
  db: Queryable,
  projectIds: string[]
): Promise<{ project_id: string; g: string }[]> {
  const { rows } = await db.query<{ project_id: string; g: string }>(
    `select project_id, ST_AsGeoJSON(geom, 6) as g from parcels where is_current and project_id = any($1::uuid[])`,
    [projectIds]
  );
  return rows;
}

export async function projectTitleExists(db: Queryable, title: string): Promise<boolean> {
  return (await db.query('select 1 from projects where title = $1', [title])).rows.length > 0;
}

// The guideline's own tables and the policy reads of projects: policy versions, parcel overlaps (parcel-overlaps.sql),
// the lead's overlap acknowledgements and the city's clock from the event log, the confirmed path facts.
import type { Queryable } from '../db/index.ts';
import { sqlFile } from '../db/sql-file.ts';
import { AREA_SRID } from '../../geo/area.ts';
import type { PolicyVersion } from '../../domain/policy/versions.ts';
import parcelOverlapsSql from './parcel-overlaps.sql?raw';

export interface PolicyVersionRow {
  id: number;
  doc_number: string;
  title: string;
  kind: PolicyVersion['kind'];
  effective_from: string | Date;
  effective_to: string | Date | null;
  based_on: number | null;
  sample: boolean;
  note: string;
}

/** Every recorded version, in the order they took effect. */
export async function policyVersionRows(db: Queryable): Promise<PolicyVersionRow[]> {
  const { rows } = await db.query<PolicyVersionRow>(
    `select id, doc_number, title, kind, effective_from::text as effective_from, effective_to::text as effective_to, based_on, sample, note from policy_versions order by effective_from, id`
  );
  return rows;
}

/** One writer of versions at a time (readers go on) until the transaction ends. */
export async function lockPolicyVersions(db: Queryable): Promise<void> {
  await db.query('lock table policy_versions in share row exclusive mode');
}

export interface NewPolicyVersion {
  docNumber: string;
  title: string;
  kind: PolicyVersion['kind'];
  effectiveFrom: string;
  effectiveTo: string | null;
  basedOn: number | null;
  sample: boolean;
  note: string;
  recordedBy: string;
}

export async function insertPolicyVersion(db: Queryable, v: NewPolicyVersion): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `insert into policy_versions (doc_number, title, kind, effective_from, effective_to, based_on, sample, note, recorded_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [v.docNumber, v.title, v.kind, v.effectiveFrom, v.effectiveTo, v.basedOn, v.sample, v.note, v.recordedBy]
  );
  return rows[0].id;
}

/** Records a sample version based on the original, unless a sample with this document number exists. */
export async function insertSampleVersionOnce(
  db: Queryable,
  v: {
    docNumber: string;
    title: string;
    kind: PolicyVersion['kind'];
    effectiveFrom: string;
    effectiveTo: string;
    note: string;
  }
): Promise<void> {
  await db.query(
    `insert into policy_versions (doc_number, title, kind, effective_from, effective_to, based_on, sample, note)
     select $1, $2, $3, $4, $5, o.id, true, $6 from policy_versions o
      where o.kind = 'original' and not exists (select 1 from policy_versions where sample and doc_number = $1)
      order by o.id limit 1`,
    [v.docNumber, v.title, v.kind, v.effectiveFrom, v.effectiveTo, v.note]
  );
}

export interface OverlapRow {
  project_id: string;
  code: string;
  title: string;
  stage: string;
  authority_code: string | null;
  owner_id: string;
  submitted_at: Date | null;
  overlap_m2: number;
  area_m2: number;
  other_area_m2: number;
}

/** The query is in parcel-overlaps.sql. */
const PARCEL_OVERLAPS_SQL = sqlFile(parcelOverlapsSql, { AREA_SRID });

/** Other projects in `stages` whose current parcel intersects this project's, with the shared area. */
export async function parcelOverlapRows(
  db: Queryable,
  projectId: string,
  stages: readonly string[]
): Promise<OverlapRow[]> {
  const { rows } = await db.query<OverlapRow>(PARCEL_OVERLAPS_SQL, [projectId, [...stages]]);
  return rows;
}

/** The overlap acknowledgements recorded on the project's events, oldest first, with who recorded them. */
export async function overlapAcknowledgementRows(
  db: Queryable,
  projectId: string
): Promise<{ ack: { projectIds?: string[]; reason?: string }; by: string | null; at: Date }[]> {
  const { rows } = await db.query<{ ack: { projectIds?: string[]; reason?: string }; by: string | null; at: Date }>(
    `select e.payload -> 'overlapAcknowledgement' as ack, u.display_name as by, e.at
       from events e left join users u on u.id = e.actor_id
      where e.project_id = $1 and e.payload ? 'overlapAcknowledgement' order by e.id`,
    [projectId]
  );
  return rows;
}

export async function projectSubmittedAt(db: Queryable, projectId: string): Promise<Date | null> {
  const { rows } = await db.query<{ submitted_at: Date | null }>('select submitted_at from projects where id = $1', [
    projectId
  ]);
  return rows[0]?.submitted_at ?? null;
}

/** The project's forwards to the city and the city's decisions, oldest first. */
export async function cityClockEvents(db: Queryable, projectId: string): Promise<{ action: string; at: Date }[]> {
  const { rows } = await db.query<{ action: string; at: Date }>(
    `select action, at from events where project_id = $1 and action in ('forward_to_city', 'recognise', 'reject') order by id`,
    [projectId]
  );
  return rows;
}

export async function setConfirmedFacts(db: Queryable, projectId: string, facts: unknown): Promise<void> {
  await db.query('update projects set confirmed_facts = $2, updated_at = now() where id = $1', [
    projectId,
    JSON.stringify(facts)
  ]);
}

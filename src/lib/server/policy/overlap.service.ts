// One parcel, one live project (issue 12 item 9): the parcels of live or recognised projects that overlap this
// project's current parcel (PostGIS, areas in EPSG:4549 like the parcel's own), the lead's acknowledgements from
// the event log, and the gate the workflow service runs before the lead takes an application on.
import type { Queryable } from '../db/index.ts';
import { apiError } from '../http/api.ts';
import { AREA_SRID } from '../../geo/area.ts';
import { canView, type Actor } from '../../domain/permissions.ts';
import {
  LIVE_STAGES,
  OVERLAP_GATED_ACTIONS,
  acknowledgementRecord,
  checkOverlapAcknowledged,
  heldBefore,
  liveOverlaps,
  unacknowledged,
  type OverlapAcknowledgement,
  type ParcelOverlap
} from '../../domain/policy/overlap.ts';

interface Row {
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

/** Significant overlaps of the project's current parcel with live projects' parcels, named only to who may see them. */
export async function parcelOverlaps(db: Queryable, projectId: string, viewer: Actor | null): Promise<ParcelOverlap[]> {
  const { rows } = await db.query<Row>(
    `select o.project_id, p.code, p.title, p.stage, p.authority_code, p.owner_id, p.submitted_at, a.area_m2, o.area_m2 as other_area_m2,
            ST_Area(ST_Transform(ST_Intersection(a.geom, o.geom), ${AREA_SRID})) as overlap_m2
       from parcels a
       join parcels o on o.is_current and o.project_id <> a.project_id and a.geom && o.geom and ST_Intersects(a.geom, o.geom)
       join projects p on p.id = o.project_id
      where a.project_id = $1 and a.is_current and p.stage = any($2::text[])`,
    [projectId, [...LIVE_STAGES]]
  );
  // Those who may not see the other project learn that it exists and how much land it shares, nothing more.
  return liveOverlaps(
    rows.map((r) => ({
      projectId: r.project_id,
      code: r.code,
      title: r.title,
      stage: r.stage,
      overlapM2: Number(r.overlap_m2),
      areaM2: Number(r.area_m2),
      otherAreaM2: Number(r.other_area_m2),
      otherSubmittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
      visible: viewer ? canView(viewer, { authorityCode: r.authority_code, ownerId: r.owner_id }) : false
    }))
  ).map((o) => (o.visible ? o : { ...o, code: '', title: '' }));
}

export interface OverlapAckView extends OverlapAcknowledgement {
  by: string | null;
  at: string;
}

/** The lead's acknowledgements so far (each recorded on the action that carried it). */
export async function overlapAcknowledgements(db: Queryable, projectId: string): Promise<OverlapAckView[]> {
  const { rows } = await db.query<{ ack: { projectIds?: string[]; reason?: string }; by: string | null; at: Date }>(
    `select e.payload -> 'overlapAcknowledgement' as ack, u.display_name as by, e.at
       from events e left join users u on u.id = e.actor_id
      where e.project_id = $1 and e.payload ? 'overlapAcknowledgement' order by e.id`,
    [projectId]
  );
  return rows.map((r) => ({
    projectIds: r.ack.projectIds ?? [],
    reason: r.ack.reason ?? '',
    by: r.by,
    at: new Date(r.at).toISOString()
  }));
}

export async function submittedAt(db: Queryable, projectId: string): Promise<string | null> {
  const { rows } = await db.query<{ submitted_at: Date | null }>('select submitted_at from projects where id = $1', [
    projectId
  ]);
  return rows[0]?.submitted_at ? new Date(rows[0].submitted_at).toISOString() : null;
}

export function overlapReasonFrom(body: unknown): string | null {
  const j = body && typeof body === 'object' ? (body as Record<string, unknown>).overlapAcknowledgement : undefined;
  return typeof j === 'string' && j.trim() ? j.trim().slice(0, 4000) : null;
}

/**
 * Before the lead takes the application on (accept, start the joint review, forward, close): every significant
 * overlap not acknowledged before needs a reason now; it is recorded in the action's event.
 */
export async function overlapGate(
  db: Queryable,
  projectId: string,
  actor: Actor,
  actionType: string,
  body: unknown
): Promise<{ payload: Record<string, unknown>; comment: string | null } | null> {
  if (!OVERLAP_GATED_ACTIONS.includes(actionType)) return null;
  const pending = unacknowledged(
    heldBefore(await parcelOverlaps(db, projectId, actor), await submittedAt(db, projectId)),
    await overlapAcknowledgements(db, projectId)
  );
  const reason = overlapReasonFrom(body);
  const r = checkOverlapAcknowledged(pending, reason);
  if (r) throw apiError(r.status, r.code, { zh: r.zh, en: r.en });
  if (pending.length === 0) return null;
  return {
    payload: { overlapAcknowledgement: acknowledgementRecord(pending, reason!) },
    comment: `地块重叠已核实（${pending.length} 个项目），理由：${reason}`
  };
}

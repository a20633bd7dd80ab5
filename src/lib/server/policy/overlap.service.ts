// One parcel, one live project (issue 12 item 9): the parcels of live or recognised projects that overlap this
// project's current parcel (PostGIS, areas in EPSG:4549 like the parcel's own), the lead's acknowledgements from
// the event log, and the gate the workflow service runs before the lead takes an application on.
import type { Queryable } from '../db/index.ts';
import { apiError } from '../http/api.ts';
import { overlapAcknowledgementRows, parcelOverlapRows, projectSubmittedAt } from './policy.repository.ts';
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

/** Significant overlaps of the project's current parcel with live projects' parcels, named only to who may see them. */
export async function parcelOverlaps(db: Queryable, projectId: string, viewer: Actor | null): Promise<ParcelOverlap[]> {
  const rows = await parcelOverlapRows(db, projectId, LIVE_STAGES);
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
  const rows = await overlapAcknowledgementRows(db, projectId);
  return rows.map((r) => ({
    projectIds: r.ack.projectIds ?? [],
    reason: r.ack.reason ?? '',
    by: r.by,
    at: new Date(r.at).toISOString()
  }));
}

export async function submittedAt(db: Queryable, projectId: string): Promise<string | null> {
  const at = await projectSubmittedAt(db, projectId);
  return at ? new Date(at).toISOString() : null;
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

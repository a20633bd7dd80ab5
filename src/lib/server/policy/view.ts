// What the project page shows of the guideline's rules (issue 12), computed before the user tries anything:
// a withdrawn authority, the governing policy version, failing positive-list rows, sanctions in force and
// whether construction may be recorded, the construction types the path allows.
import type { Queryable } from '../db/index.ts';
import { shanghaiDate } from '../../domain/dates.ts';
import { pathOf, type PathFacts } from '../../domain/paths.ts';
import type { WorkflowState } from '../../domain/workflow-model.ts';
import type { MeasureRecord } from '../../domain/tracking.ts';
import type { AuthorityStatus } from '../../domain/policy/authority.ts';
import { allowedConstructionTypes, type ConstructionType } from '../../domain/policy/construction-type.ts';
import { constructionGate, type ConstructionGate } from '../../domain/policy/construction.ts';
import { positiveGaps, type PositiveGap } from '../../domain/policy/positive-list.ts';
import { activeSanctions, type ActiveSanction, type LiftRecord } from '../../domain/policy/sanctions.ts';
import { latestStarted, versionInForce, type PolicyVersion } from '../../domain/policy/versions.ts';
import { evaluateWith, loadEvaluationInput, ruleSetForProject } from '../standard/evaluation.service.ts';
import type { ProjectRow } from '../projects/projects.repository.ts';
import { authorityStatusOf } from './authority.service.ts';
import { cityClockRecord } from '../../domain/policy/city-path.ts';
import { clockStatus } from '../../domain/clock.ts';
import { loadCalendar } from '../calendar/calendar.service.ts';
import { declaredFactsOf } from '../projects/project-view.ts';
import {
  CONFIRMING_STAGES,
  PATH_FACTS,
  type ConfirmedFact,
  type ConfirmedFacts,
  type PathFactKey
} from '../../domain/policy/facts.ts';
import type { Actor } from '../../domain/permissions.ts';
import { policyVersions } from './versions.service.ts';
import { cityClockEvents } from './policy.repository.ts';
import { overlapAcknowledgements, parcelOverlaps, type OverlapAckView } from './overlap.service.ts';
import { OVERLAP_GATED_ACTIONS, heldBefore, type ParcelOverlap } from '../../domain/policy/overlap.ts';

export interface PolicyView {
  authority: AuthorityStatus | null;
  /** The version recorded on the project (or, before submission, the one that would govern it). */
  governingVersion: PolicyVersion | null;
  versionInForce: PolicyVersion | null;
  /** Positive-list criteria failing or unjudged (failures first), shown before a decision. */
  positiveGaps: PositiveGap[];
  sanctions: ActiveSanction[];
  construction: ConstructionGate;
  allowedConstructionTypes: ConstructionType[];
  /** The path-deciding facts: the enterprise's declaration and the planning department's confirmation (or null). */
  facts: { fact: PathFactKey; declared: boolean | number | null; confirmed: ConfirmedFact | null }[];
  /** The viewer is the planning side and the project is under review: the page offers confirm/correct. */
  canConfirmFacts: boolean;
  /** The city's review clock (三.1, or a district whose authority is withdrawn): not counted against the district. */
  cityClock: { startedOn: string; stoppedOn: string | null; usedDays: number } | null;
  /** One parcel, one live project (issue 12.9): significant overlaps, each with the lead's acknowledgement if any. */
  overlaps: (ParcelOverlap & { held: boolean; acknowledged: Omit<OverlapAckView, 'projectIds'> | null })[];
  /** The lead's actions that would ask for an acknowledgement now (overlaps not yet acknowledged). */
  overlapGatedActions: string[];
}

const DECIDING = ['decision', 'city_review'];

/** Positive-list gaps without storing an evaluation (a page view must not write). */
async function gapsNow(db: Queryable, projectId: string): Promise<PositiveGap[]> {
  const input = await loadEvaluationInput(db, projectId);
  if (!input) return [];
  return positiveGaps((await evaluateWith(db, await ruleSetForProject(db, projectId), input)).results);
}

export async function policyView(
  db: Queryable,
  row: ProjectRow,
  state: WorkflowState,
  facts: PathFacts,
  tracking: { measures: MeasureRecord[]; lifts: LiftRecord[] },
  actor?: Actor
): Promise<PolicyView> {
  const today = shanghaiDate(new Date());
  const [authority, versions, gaps] = await Promise.all([
    authorityStatusOf(db, row.authority_code),
    policyVersions(db),
    DECIDING.includes(state.stage) ? gapsNow(db, row.id).catch(() => []) : Promise.resolve([])
  ]);
  const [overlaps, acks] = await Promise.all([
    parcelOverlaps(db, row.id, actor ?? null),
    overlapAcknowledgements(db, row.id)
  ]);
  const mine = row.submitted_at ? new Date(row.submitted_at).toISOString() : null;
  const owed = new Set(heldBefore(overlaps, mine).map((o) => o.projectId));
  // An overlap with a newer application is shown here, but that application's lead checks it ("held" false).
  const withAcks = overlaps.map((o) => {
    const ack = acks.find((k) => k.projectIds.includes(o.projectId));
    return {
      ...o,
      held: owed.has(o.projectId),
      acknowledged: ack ? { reason: ack.reason, by: ack.by, at: ack.at } : null
    };
  });
  const sanctions = activeSanctions(tracking.measures, tracking.lifts);
  const cityClock = await cityClockOf(db, row.id);
  const recorded = row.policy_version_id ? (versions.find((v) => v.id === row.policy_version_id) ?? null) : null;
  return {
    authority,
    governingVersion: recorded ?? latestStarted(versions, today),
    versionInForce: versionInForce(versions, today),
    positiveGaps: gaps,
    sanctions,
    construction: constructionGate(state, sanctions),
    allowedConstructionTypes: allowedConstructionTypes(pathOf(facts)),
    facts: PATH_FACTS.map((fact) => {
      const declared = declaredFactsOf(row)[fact];
      return {
        fact,
        declared: declared ?? null,
        confirmed: ((row.confirmed_facts ?? {}) as ConfirmedFacts)[fact] ?? null
      };
    }),
    cityClock,
    overlaps: withAcks,
    overlapGatedActions: withAcks.some((o) => o.held && !o.acknowledged) ? [...OVERLAP_GATED_ACTIONS] : [],
    canConfirmFacts:
      !!actor &&
      CONFIRMING_STAGES.includes(state.stage) &&
      ((actor.role === 'district_department' && actor.department === 'planning_resources') ||
        actor.role === 'city_planning')
  };
}

async function cityClockOf(db: Queryable, projectId: string): Promise<PolicyView['cityClock']> {
  const rows = await cityClockEvents(db, projectId);
  const fwd = [...rows].reverse().find((r) => r.action === 'forward_to_city');
  if (!fwd) return null;
  const decided = rows.find((r) => r.action !== 'forward_to_city' && new Date(r.at) >= new Date(fwd.at));
  const rec = cityClockRecord(shanghaiDate(new Date(fwd.at)), decided ? shanghaiDate(new Date(decided.at)) : null)!;
  const st = clockStatus(rec, await loadCalendar(db), shanghaiDate(new Date()));
  return { startedOn: rec.startedOn!, stoppedOn: rec.stoppedOn, usedDays: st.used };
}

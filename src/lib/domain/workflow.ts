// The recognition workflow as pure functions: availableActions (what this user may do now) and
// applyAction (new state + events to append, or a typed refusal). The server runs applyAction inside
// the transaction that stores the state, guarded by `UPDATE … WHERE version = expectedVersion`.
//
// Clock rule (see clock.ts): the 10 working days start on acceptance of the complete application
// (accept: submitted → preliminary_review), pause from a return to the enterprise until it resubmits,
// and stop at the decision (recognise / reject, by the district, the Lingang committee or the city).
//
// Commitment guard (一.4(2)): the 无条件服从收回承诺 is a required document of a complete application,
// checked on submit/resubmit, and checked again on recognise because the facts (retained in plan) may
// be corrected during review. The server passes the attached document kinds in the action.
import { shanghaiDate } from './dates.ts';
import type { Actor } from './permissions.ts';
import { pathOf, type PathFacts } from './paths.ts';
import { authorise } from './workflow-rules.ts';
import { WORKFLOW, targetStage } from './workflow-transitions.ts';
import { departmentLabel } from './departments.ts';
import { bad, checkPayload, missingAnswers, needsOverride } from './workflow-payload.ts';
import {
  ACTIONS,
  ACTION_LABELS,
  AUTO_ENTER_TRACKING,
  FILING_RECIPIENTS,
  STAGE_LABELS,
  type FilingRecipient,
  type Stage,
  type ActionType,
  type ApplyResult,
  type CityReviewer,
  type DistrictDepartment,
  type OpinionRecord,
  type WorkflowAction,
  type WorkflowEvent,
  type WorkflowState
} from './workflow-model.ts';

export * from './workflow-model.ts';
export { authorise } from './workflow-rules.ts';
export { ACTION_ROLES, WITHDRAWABLE_STAGES, WORKFLOW } from './workflow-transitions.ts';

export function initialState(projectId: string, authorityCode: string | null, ownerId: string): WorkflowState {
  return {
    projectId,
    authorityCode,
    ownerId,
    stage: 'draft',
    version: 0,
    returnedFrom: null,
    invitedDepartments: [],
    jointOpinions: {},
    jointReviewOverride: null,
    cityOpinions: {},
    cityReviewOverride: null,
    decision: null,
    planAdjustment: 'not_required',
    filing: { required: false, acknowledgements: {} },
    clock: { startedOn: null, pauses: [], stoppedOn: null }
  };
}

/** Stage label for this project: the decision stage names the Lingang committee for Lingang parcels (三.2). */
export function stageLabel(stage: Stage, facts: Pick<PathFacts, 'lingang'>): { zh: string; en: string } {
  if (stage === 'decision' && facts.lingang)
    return { zh: '临港新片区管委会认定', en: 'Lingang New Area committee decision' };
  return STAGE_LABELS[stage];
}

/** City recipients that have not yet acknowledged the 报备 (empty when none is required). */
export function outstandingFiling(state: WorkflowState): FilingRecipient[] {
  return state.filing.required ? FILING_RECIPIENTS.filter((r) => !state.filing.acknowledgements[r]) : [];
}

/** Joint-review departments (or city reviewers) that have not answered yet, in the current review stage. */
export const unansweredReviewers = (state: WorkflowState): string[] => missingAnswers(state);

export interface AvailableAction {
  type: ActionType;
  zh: string;
  en: string;
  /** What the request must carry. */
  needs: {
    comment: 'required' | 'optional' | 'required_unless_agree';
    opinion: boolean;
    departments: boolean;
    /** enter_opinion: which invited department, from which channel. */
    department: boolean;
    document: 'recognition' | 'plan_adjustment' | 'opinion_letter' | null;
    /** Not everyone has answered: closing needs override=true and a reason. */
    override: boolean;
  };
}

/** The actions this actor may take now (nothing else should be offered in the UI). */
export function availableActions(state: WorkflowState, actor: Actor, facts: PathFacts): AvailableAction[] {
  return ACTIONS.filter((t) => authorise(state, t, actor, facts) === null).map((type) => {
    const needs = WORKFLOW[type].needs;
    return {
      type,
      ...ACTION_LABELS[type],
      needs: {
        comment: needs.reason ? 'required' : needs.opinion ? 'required_unless_agree' : 'optional',
        opinion: !!needs.opinion,
        departments: !!needs.departments,
        department: !!needs.department,
        document: needs.document ?? null,
        override: needsOverride(state, type)
      }
    };
  });
}

/**
 * The actions that make a to-do for this actor: not withdrawing, and not revising an opinion already given
 * (a department that has answered is done; it may still revise from the project page).
 */
export function todoActions(state: WorkflowState, actor: Actor, facts: PathFacts): AvailableAction[] {
  return availableActions(state, actor, facts).filter((a) => {
    if (a.type === 'withdraw') return false;
    if (a.type === 'record_opinion') return !(actor.department && state.jointOpinions[actor.department]);
    if (a.type === 'record_city_opinion') return !state.cityOpinions[actor.role as CityReviewer];
    if (a.type === 'acknowledge_filing') return !state.filing.acknowledgements[actor.role as FilingRecipient];
    return true;
  });
}

/** Whether the project waits on this actor (inbox). */
export const waitsOn = (state: WorkflowState, actor: Actor, facts: PathFacts) =>
  todoActions(state, actor, facts).length > 0;

/** Apply one action. Never throws for user mistakes: returns a refusal instead. */
export function applyAction(
  state: WorkflowState,
  action: WorkflowAction,
  actor: Actor,
  facts: PathFacts,
  now: Date
): ApplyResult {
  if (!(ACTIONS as readonly string[]).includes(action.type)) {
    return {
      ok: false,
      refusal: bad('unknown_action', `未知的操作“${String(action.type)}”。`, `Unknown action "${String(action.type)}".`)
    };
  }
  const refusal =
    authorise(state, action.type, actor, facts, action.expectedVersion) ?? checkPayload(state, action, facts, now);
  if (refusal) return { ok: false, refusal };

  const at = now.toISOString();
  const today = shanghaiDate(now);
  const comment = action.comment?.trim() || null;
  const path = pathOf(facts);
  const s: WorkflowState = structuredClone(state);
  const payload: Record<string, unknown> = {};
  const opinion = (): OpinionRecord => ({
    opinion: action.opinion!,
    comment,
    actorId: actor.id,
    ...(actor.name ? { actorName: actor.name } : {}),
    at
  });
  const closeOpenPause = () => {
    for (const p of s.clock.pauses) if (p.to === null) p.to = today;
  };
  const stopClock = () => {
    closeOpenPause();
    if (s.clock.startedOn !== null && s.clock.stoppedOn === null) s.clock.stoppedOn = today;
  };

  // Where the action leads is the transition table's; the switch records what the action changes besides.
  s.stage = targetStage(action.type, path, state);
  switch (action.type) {
    case 'submit':
      s.clock.submittedOn = today;
      payload.documents = action.attachedDocuments;
      break;
    case 'withdraw':
      stopClock();
      break;
    case 'accept':
      s.clock.startedOn ??= today;
      payload.clockStartedOn = s.clock.startedOn;
      break;
    case 'return':
      s.returnedFrom = state.stage as 'submitted' | 'preliminary_review' | 'joint_review';
      if (state.stage === 'joint_review') payload.supplement = true;
      if (s.clock.startedOn !== null) s.clock.pauses.push({ from: today, to: null });
      break;
    case 'resubmit':
      s.returnedFrom = null;
      if (s.stage === 'submitted') s.clock.submittedOn = today;
      closeOpenPause();
      payload.documents = action.attachedDocuments;
      break;
    case 'start_joint_review':
      s.invitedDepartments = [...new Set(action.departments ?? [])];
      s.invitations = Object.fromEntries(
        s.invitedDepartments.map((d) => [
          d,
          { ...departmentLabel(d, null, action.directory), invitedOn: today, dueOn: action.dueOn ?? null }
        ])
      );
      s.jointOpinions = {};
      s.jointReviewOverride = null;
      payload.departments = s.invitedDepartments;
      payload.dueOn = action.dueOn ?? null;
      break;
    case 'forward_to_city':
      // The city's review runs on its own clock, not against the district's 10 working days (三.1; policy/city-path.ts).
      stopClock();
      s.cityOpinions = {};
      s.cityReviewOverride = null;
      break;
    case 'record_opinion':
      s.jointOpinions[actor.department as DistrictDepartment] = opinion();
      payload.department = actor.department;
      payload.departmentName = departmentLabel(actor.department!, state.invitations);
      payload.opinion = action.opinion;
      break;
    case 'enter_opinion':
      // The lead fills in the table from the department's letter or the meeting (附件 二.2).
      s.jointOpinions[action.department!] = {
        ...opinion(),
        onBehalf: { documentId: action.documentId!, via: action.via ?? 'letter' }
      };
      payload.department = action.department;
      payload.opinion = action.opinion;
      payload.enteredFor = action.department;
      payload.departmentName = departmentLabel(action.department!, state.invitations);
      payload.via = action.via ?? 'letter';
      payload.documentId = action.documentId;
      break;
    case 'record_city_opinion':
      s.cityOpinions[actor.role as CityReviewer] = opinion();
      payload.opinion = action.opinion;
      break;
    case 'close_joint_review':
      if (needsOverride(state, 'close_joint_review')) {
        s.jointReviewOverride = comment;
        payload.override = true;
        payload.unanswered = missingAnswers(state);
      }
      break;
    case 'recognise':
    case 'reject': {
      if (needsOverride(state, action.type)) {
        s.cityReviewOverride = comment;
        payload.override = true;
        payload.unanswered = missingAnswers(state);
      }
      const recognised = action.type === 'recognise';
      s.decision = {
        outcome: recognised ? 'recognised' : 'rejected',
        actorId: actor.id,
        role: actor.role,
        at,
        documentId: recognised ? action.documentId! : (action.documentId ?? null),
        reason: recognised ? null : comment
      };
      // The district industry department records the government's decision (附件 二.3).
      if (actor.role === 'district_industry') payload.recordedFor = path.decisionRole;
      stopClock();
      if (recognised) {
        s.planAdjustment = path.planAdjustmentRequired ? 'pending' : 'not_required';
        s.filing = { required: path.filingRequired, acknowledgements: {} };
        payload.documentId = action.documentId;
        payload.planAdjustment = s.planAdjustment;
        payload.filingRequired = s.filing.required;
      }
      break;
    }
    case 'complete_plan_adjustment':
      s.planAdjustment = 'done';
      payload.documentId = action.documentId;
      break;
    case 'acknowledge_filing':
      s.filing.acknowledgements[actor.role as 'city_sheitc' | 'city_planning'] = { actorId: actor.id, at };
      break;
  }

  s.version = state.version + 1;
  const event: WorkflowEvent = {
    projectId: state.projectId,
    action: action.type,
    actorId: actor.id,
    role: actor.role,
    from: state.stage,
    to: s.stage,
    comment,
    payload,
    at,
    version: s.version
  };
  const events = [event];
  // 附件 三.2: recognised projects move to tracking automatically, unless a plan adjustment must come
  // first (一.4(3) "经项目认定和规划调整后实施"). One version per event keeps (project, version) unique.
  if (s.stage === 'recognised' && s.planAdjustment !== 'pending') {
    s.stage = 'tracking';
    s.version += 1;
    events.push({
      ...event,
      action: AUTO_ENTER_TRACKING,
      actorId: 'system',
      role: 'system',
      from: 'recognised',
      to: 'tracking',
      comment: null,
      payload: {},
      version: s.version
    });
  }
  return { ok: true, state: s, event, events };
}

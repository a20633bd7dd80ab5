// The one table of the workflow's transitions (沪经信规范〔2020〕9号 一.4, 三.1, 三.2, 附件 二–三): for each
// action, what the request must carry and the moves it makes — from which stages, on which branch of the
// procedure, by which roles, under which condition, to which stage. The guards (workflow-rules.ts authorise),
// the state change (workflow.ts applyAction), the offered actions and their forms (availableActions), the
// inbox (todoActions/waitsOn) and who may attach a decision's document (attachments.ts) all read it.
// The stages themselves (labels, phases, the timeline's main line) are in workflow-model.ts STAGE_TABLE.
import type { PathInfo } from './paths.ts';
import type { Role } from './roles.ts';
import {
  ACTIONS,
  CITY_REVIEWERS,
  FILING_RECIPIENTS,
  OPEN_STAGES,
  type ActionType,
  type Stage,
  type WorkflowState
} from './workflow-model.ts';

/** The district industry department leads the district's case (附件 二). */
const LEAD: readonly Role[] = ['district_industry'];
/** The enterprise applies; the district industry department may do it on its behalf (canEditApplication). */
const SUBMITTERS: readonly Role[] = ['enterprise', 'district_industry'];
/** The planning side records a plan adjustment: the city bureau or the district's planning department. */
const PLANNERS: readonly Role[] = ['city_planning', 'district_department'];
/** 'decider': the project's deciding government (PathInfo.decisionRole: the district, or the Lingang committee). */
export const DECIDERS: readonly PathInfo['decisionRole'][] = ['district_government', 'lingang_committee'];
type RoleOrDecider = Role | 'decider';

/**
 * The branch of the procedure a move lies on: every path, the district path (joint review, district
 * decision), or the city path (三.1: reserve-area new land goes from preliminary review to the city).
 */
export type Branch = 'any' | 'district' | 'city';
/** A condition of the state or the facts a move needs besides its stage. */
export type MoveCondition = 'authority_withdrawn' | 'plan_adjustment_pending' | 'filing_required';
/** Where a move leads: a stage, the same stage (opinions, acknowledgements), or back to where it was returned from. */
export type Target = Stage | 'same' | 'back';

export interface Move {
  branch: Branch;
  from: readonly Stage[];
  roles: readonly RoleOrDecider[];
  to: Target;
  when?: MoveCondition;
}

/** What the request for an action must carry (checked in workflow.ts, offered in the action forms). */
export interface ActionNeeds {
  /** A reason in the comment (withdraw, return, reject). */
  reason?: true;
  /** An opinion; a comment unless it is 'agree'. */
  opinion?: true;
  /** Which departments are invited (start_joint_review). */
  departments?: true;
  /** Which invited department's opinion is entered, and from which channel (enter_opinion). */
  department?: true;
  /** The uploaded document the action rests on. */
  document?: 'recognition' | 'plan_adjustment' | 'opinion_letter';
  /** A complete application: the required documents attached (submit, resubmit). */
  completeApplication?: true;
}

export interface ActionRule {
  needs: ActionNeeds;
  moves: readonly Move[];
}

const DECISION_MOVES = (outcome: 'recognised' | 'rejected'): readonly Move[] => [
  { branch: 'city', from: ['city_review'], roles: ['city_sheitc'], to: outcome },
  // The government decides; the district industry department may record its decision on the platform
  // (附件 二.3 "由区产业部门…反馈区政府项目认定情况"); on the city path SHEITC decides (三.1).
  { branch: 'district', from: ['decision'], roles: ['decider', 'district_industry'], to: outcome }
];

/** THE transition table. Moves are listed in procedure order; refusals name their roles in this order. */
export const WORKFLOW: Record<ActionType, ActionRule> = {
  submit: {
    needs: { completeApplication: true },
    moves: [{ branch: 'any', from: ['draft'], roles: SUBMITTERS, to: 'submitted' }]
  },
  // Before the decision is taken the enterprise may withdraw.
  withdraw: {
    needs: { reason: true },
    moves: [{ branch: 'any', from: OPEN_STAGES, roles: ['enterprise'], to: 'withdrawn' }]
  },
  accept: { needs: {}, moves: [{ branch: 'any', from: ['submitted'], roles: LEAD, to: 'preliminary_review' }] },
  return: {
    needs: { reason: true },
    moves: [
      { branch: 'any', from: ['submitted', 'preliminary_review'], roles: LEAD, to: 'returned' },
      // From the joint review too: 退回补充材料 (the departments' questions go back to the enterprise).
      { branch: 'district', from: ['joint_review'], roles: LEAD, to: 'returned' }
    ]
  },
  resubmit: {
    needs: { completeApplication: true },
    moves: [{ branch: 'any', from: ['returned'], roles: SUBMITTERS, to: 'back' }]
  },
  start_joint_review: {
    needs: { departments: true },
    moves: [{ branch: 'district', from: ['preliminary_review'], roles: LEAD, to: 'joint_review' }]
  },
  forward_to_city: {
    needs: {},
    moves: [
      { branch: 'city', from: ['preliminary_review'], roles: LEAD, to: 'city_review' },
      // 二.5: while the district's authority is withdrawn its pending projects go to the city (policy/authority.ts).
      {
        branch: 'district',
        from: ['preliminary_review', 'decision'],
        roles: LEAD,
        to: 'city_review',
        when: 'authority_withdrawn'
      }
    ]
  },
  record_opinion: {
    needs: { opinion: true },
    moves: [{ branch: 'district', from: ['joint_review'], roles: ['district_department'], to: 'same' }]
  },
  // 附件 二.2: the district industry department fills in the joint-review table from the departments' opinions.
  enter_opinion: {
    needs: { opinion: true, department: true, document: 'opinion_letter' },
    moves: [{ branch: 'district', from: ['joint_review'], roles: LEAD, to: 'same' }]
  },
  close_joint_review: {
    needs: {},
    moves: [{ branch: 'district', from: ['joint_review'], roles: LEAD, to: 'decision' }]
  },
  record_city_opinion: {
    needs: { opinion: true },
    moves: [{ branch: 'city', from: ['city_review'], roles: CITY_REVIEWERS, to: 'same' }]
  },
  recognise: { needs: { document: 'recognition' }, moves: DECISION_MOVES('recognised') },
  reject: { needs: { reason: true }, moves: DECISION_MOVES('rejected') },
  // Frozen at recognition (state.planAdjustment), not re-derived from facts edited later.
  complete_plan_adjustment: {
    needs: { document: 'plan_adjustment' },
    moves: [{ branch: 'any', from: ['recognised'], roles: PLANNERS, to: 'tracking', when: 'plan_adjustment_pending' }]
  },
  acknowledge_filing: {
    needs: {},
    moves: [
      { branch: 'any', from: ['recognised', 'tracking'], roles: FILING_RECIPIENTS, to: 'same', when: 'filing_required' }
    ]
  }
};

const unique = <T>(xs: readonly T[]): T[] => xs.filter((x, i) => xs.indexOf(x) === i);
const expand = (roles: readonly RoleOrDecider[], decider: readonly Role[]): Role[] =>
  roles.flatMap((r) => (r === 'decider' ? decider : [r]));

/** Every role that takes the action on some path (a role outside this list gets 403 whatever the stage). */
export const ACTION_ROLES: Record<ActionType, readonly Role[]> = Object.fromEntries(
  ACTIONS.map((a): [ActionType, readonly Role[]] => [
    a,
    unique(WORKFLOW[a].moves.flatMap((m) => expand(m.roles, DECIDERS)))
  ])
) as Record<ActionType, readonly Role[]>;

/** Before the decision is taken the enterprise may withdraw. */
export const WITHDRAWABLE_STAGES: readonly Stage[] = WORKFLOW.withdraw.moves[0].from;

/** The actions whose request needs a reason, and those that record an opinion. */
export const REASON_REQUIRED: readonly ActionType[] = ACTIONS.filter((a) => WORKFLOW[a].needs.reason);
export const OPINION_ACTIONS: readonly ActionType[] = ACTIONS.filter((a) => WORKFLOW[a].needs.opinion);

/**
 * Whether the project runs on the city branch now. A project already in a review stage stays on that
 * branch even if its facts are corrected later.
 */
export function onCityBranch(path: PathInfo, state: WorkflowState): boolean {
  return (
    state.stage === 'city_review' || (path.cityReview && state.stage !== 'joint_review' && state.stage !== 'decision')
  );
}

function holds(c: MoveCondition | undefined, path: PathInfo, state: WorkflowState): boolean {
  if (c === 'authority_withdrawn') return path.cityDecidesWithdrawn;
  if (c === 'plan_adjustment_pending') return state.planAdjustment === 'pending';
  if (c === 'filing_required') return state.filing.required;
  return true;
}

/** The moves of `type` open on this project's path and state (whatever its current stage). */
export function movesOnPath(type: ActionType, path: PathInfo, state: WorkflowState): Move[] {
  const city = onCityBranch(path, state);
  return WORKFLOW[type].moves.filter(
    (m) => (m.branch === 'any' || m.branch === (city ? 'city' : 'district')) && holds(m.when, path, state)
  );
}

/** Stages (on this project's path) where the action applies, with the roles that take it there. */
export function stageRoles(
  type: ActionType,
  path: PathInfo,
  state: WorkflowState
): Partial<Record<Stage, readonly Role[]>> {
  const table: Partial<Record<Stage, readonly Role[]>> = {};
  for (const m of movesOnPath(type, path, state)) {
    const roles = expand(m.roles, [path.decisionRole]);
    for (const s of m.from) table[s] = unique([...(table[s] ?? []), ...roles]);
  }
  return table;
}

/** The stage the action leads to from the current stage (its move must be open: see authorise). */
export function targetStage(type: ActionType, path: PathInfo, state: WorkflowState): Stage {
  const move = movesOnPath(type, path, state).find((m) => m.from.includes(state.stage));
  const to = move?.to ?? 'same';
  if (to === 'same') return state.stage;
  if (to === 'back') return state.returnedFrom ?? 'submitted';
  return to;
}

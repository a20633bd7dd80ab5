// Whether this actor may take a workflow action now — and the typed refusal when not. Which action leads
// from which stage, on which path, by which roles is the transition table's (workflow-transitions.ts).
// Order of checks (so the status tells the user what to do):
//   403 cannot see the project (canView) → 403 role never takes this action → 409 stale version →
//   409 step not on this project's path → 403 role does not take it on this path → 409 not in this
//   stage → 403 actor-specific (department not invited, not the planning side) → 409 state guards.
// Payload checks (missing reason, document, opinion) come last, in workflow.ts, as 400.
import { canView, type Actor } from './permissions.ts';
import { pathOf, type PathFacts, type PathInfo } from './paths.ts';
import { ROLE_LABELS, type Role } from './roles.ts';
import { authorityByCode } from './authorities.ts';
import { checkRecognitionAuthority } from './policy/authority.ts';
import {
  ACTION_LABELS,
  STAGE_LABELS,
  type ActionType,
  type Refusal,
  type Stage,
  type WorkflowState
} from './workflow-model.ts';
import { ACTION_ROLES, WORKFLOW, stageRoles } from './workflow-transitions.ts';

const roleLabel = (r: Role) => ROLE_LABELS[r];

/** Why the action is not on this project's path, read from its moves in the transition table. */
function notOnPath(type: ActionType, state: WorkflowState): Refusal {
  const a = ACTION_LABELS[type];
  const moves = WORKFLOW[type].moves;
  let zh = `本项目的办理路径不包含“${a.zh}”。`;
  let en = `This project's procedure has no "${a.en}" step.`;
  if (moves.every((m) => m.branch === 'district')) {
    zh += '战略预留区内新出让土地的项目由区政府初审后报市“三委两局”审核认定（三.1），不经区级联审。';
    en +=
      ' Newly transferred land in a strategic reserve area goes from district preliminary review to city review (clause 三.1), not to a district joint review.';
  } else if (moves.some((m) => m.branch === 'city') && !moves.some((m) => m.branch === 'district' && !m.when)) {
    zh += '仅战略预留区内新出让土地的项目报市级审核（三.1）。';
    en += ' Only newly transferred land in a strategic reserve area goes to city review (clause 三.1).';
  } else if (moves.some((m) => m.when === 'plan_adjustment_pending')) {
    zh +=
      state.planAdjustment === 'done'
        ? '规划调整已登记完成。'
        : '仅开发边界外、未经规划确认保留的项目需要规划调整（一.4(3)）。';
    en +=
      state.planAdjustment === 'done'
        ? ' The plan adjustment is already recorded.'
        : ' Only projects outside the development boundary that the plans do not retain need a plan adjustment (clause 一.4(3)).';
  } else if (moves.some((m) => m.when === 'filing_required')) {
    zh += '仅开发边界外、突破原土地出让合同容积率的项目需向市经济信息化委、市规划资源局报备（一.4(3)）。';
    en +=
      " Only projects outside the development boundary that exceed the land contract's plot ratio are filed with the city (clause 一.4(3)).";
  }
  return { status: 409, code: 'not_on_path', zh, en };
}

/**
 * Whether `actor` may take action `type` now, ignoring the request's payload. Null when allowed.
 * `expectedVersion` (when given) is compared with the state's version.
 */
export function authorise(
  state: WorkflowState,
  type: ActionType,
  actor: Actor,
  facts: PathFacts,
  expectedVersion?: number
): Refusal | null {
  const a = ACTION_LABELS[type];
  if (!canView(actor, { authorityCode: state.authorityCode, ownerId: state.ownerId })) {
    return {
      status: 403,
      code: 'not_visible',
      zh: '您无权查看或办理该项目：它不属于您所在的区，或不是您单位的项目。',
      en: 'You cannot see or act on this project: it belongs to another district or another enterprise.'
    };
  }
  if (!ACTION_ROLES[type].includes(actor.role)) {
    return {
      status: 403,
      code: 'role_not_allowed',
      zh: `“${roleLabel(actor.role).zh}”不能执行“${a.zh}”。`,
      en: `The role "${roleLabel(actor.role).en}" cannot "${a.en}".`
    };
  }
  if (expectedVersion !== undefined && expectedVersion !== state.version) {
    return {
      status: 409,
      code: 'version_conflict',
      zh: `项目已被他人更新（当前版本 ${state.version}，您看到的是版本 ${expectedVersion}），请刷新页面查看最新状态后再操作。`,
      en: `Someone else updated this project (now version ${state.version}, you saw version ${expectedVersion}); reload it and try again.`
    };
  }
  const path = pathOf(facts);
  const table = stageRoles(type, path, state);
  const stages = Object.keys(table) as Stage[];
  if (stages.length === 0) return notOnPath(type, state);
  const rolesOnPath = new Set(stages.flatMap((s) => table[s] ?? []));
  if (!rolesOnPath.has(actor.role)) {
    const who = stages.flatMap((s) => table[s] ?? []).filter((r, i, all) => all.indexOf(r) === i);
    return {
      status: 403,
      code: 'role_not_allowed',
      zh: `本项目的“${a.zh}”应由${who.map((r) => `“${roleLabel(r).zh}”`).join('或')}办理。`,
      en: `On this project "${a.en}" is for ${who.map((r) => roleLabel(r).en).join(' or ')}.`
    };
  }
  const atStage = table[state.stage];
  if (!atStage) {
    const s = STAGE_LABELS[state.stage];
    return {
      status: 409,
      code: 'stage_conflict',
      zh: `项目当前处于“${s.zh}”阶段，不能执行“${a.zh}”。`,
      en: `The project is at "${s.en}"; "${a.en}" is not possible now.`
    };
  }
  if (!atStage.includes(actor.role)) {
    return {
      status: 403,
      code: 'role_not_allowed',
      zh: `“${roleLabel(actor.role).zh}”在当前阶段不能执行“${a.zh}”。`,
      en: `The role "${roleLabel(actor.role).en}" cannot "${a.en}" at this stage.`
    };
  }
  if (type === 'recognise' || type === 'reject') {
    const withdrawn = facts.authorityWithdrawnSince
      ? { withdrawn: true, since: facts.authorityWithdrawnSince, authorityCode: state.authorityCode ?? '' }
      : null;
    const r = checkRecognitionAuthority(
      withdrawn,
      actor.role,
      state.stage === 'city_review',
      state.authorityCode ? authorityByCode(state.authorityCode) : undefined
    );
    if (r) return r;
  }
  return actorSpecific(state, type, actor, path);
}

function actorSpecific(state: WorkflowState, type: ActionType, actor: Actor, path: PathInfo): Refusal | null {
  if (type === 'record_opinion') {
    const dept = actor.department ?? null;
    if (dept === null || !(state.invitedDepartments as readonly string[]).includes(dept)) {
      return {
        status: 403,
        code: 'department_not_invited',
        zh: '您所在的部门未被邀请参加本项目的区级联审。',
        en: 'Your department was not invited to this joint review.'
      };
    }
  }
  if (
    type === 'complete_plan_adjustment' &&
    actor.role === 'district_department' &&
    actor.department !== 'planning_resources'
  ) {
    return {
      status: 403,
      code: 'not_planning_department',
      zh: '规划调整完成情况应由区规划资源部门或市规划资源局登记。',
      en: 'Only the district planning department or the city planning bureau records the plan adjustment.'
    };
  }
  if (type === 'acknowledge_filing' && state.filing.acknowledgements[actor.role as 'city_sheitc' | 'city_planning']) {
    return {
      status: 409,
      code: 'already_acknowledged',
      zh: '贵单位已确认收到本项目的报备。',
      en: 'Your organisation has already acknowledged this filing.'
    };
  }
  if ((type === 'submit' || type === 'resubmit') && !path.eligible && path.blocker) {
    return { status: 400, ...path.blocker };
  }
  return null;
}

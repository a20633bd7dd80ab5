// What an action's request must carry, checked after the actor is authorised (workflow-rules.ts): reasons,
// documents of a complete application, invited departments, opinions, dates. Pure; used by applyAction
// (workflow.ts), which also uses missingAnswers/needsOverride for the lead's override of a missing answer.
import { shanghaiDate } from './dates.ts';
import { DOCUMENT_LABELS, missingDocuments, pathOf, type PathFacts } from './paths.ts';
import { ROLE_LABELS } from './roles.ts';
import { OPINION_ACTIONS, REASON_REQUIRED, WORKFLOW } from './workflow-transitions.ts';
import { checkInvitation, departmentLabel } from './departments.ts';
import {
  ACTION_LABELS,
  CITY_REVIEWERS,
  type ActionType,
  type CityReviewer,
  type DistrictDepartment,
  type Refusal,
  type WorkflowAction,
  type WorkflowState
} from './workflow-model.ts';

export function missingAnswers(state: WorkflowState): string[] {
  if (state.stage === 'joint_review') return state.invitedDepartments.filter((d) => !state.jointOpinions[d]);
  if (state.stage === 'city_review') return CITY_REVIEWERS.filter((r) => !state.cityOpinions[r]);
  return [];
}
export const needsOverride = (state: WorkflowState, type: ActionType) =>
  (type === 'close_joint_review' || (state.stage === 'city_review' && (type === 'recognise' || type === 'reject'))) &&
  missingAnswers(state).length > 0;

export const bad = (code: string, zh: string, en: string): Refusal => ({ status: 400, code, zh, en });

/** Check the request's content for this action; null when complete. */
export function checkPayload(
  state: WorkflowState,
  action: WorkflowAction,
  facts: PathFacts,
  now: Date
): Refusal | null {
  const comment = action.comment?.trim() ?? '';
  const a = ACTION_LABELS[action.type];
  if (REASON_REQUIRED.includes(action.type) && comment === '') {
    return bad('reason_missing', `“${a.zh}”须填写理由。`, `"${a.en}" needs a reason.`);
  }
  if (WORKFLOW[action.type].needs.completeApplication) {
    const missing = missingDocuments(facts, action.attachedDocuments ?? []);
    if (missing.length > 0) {
      return bad(
        'documents_missing',
        `申报材料不齐，缺少：${missing.map((d) => DOCUMENT_LABELS[d].zh).join('、')}。`,
        `The application is incomplete; missing: ${missing.map((d) => DOCUMENT_LABELS[d].en).join(', ')}.`
      );
    }
  }
  if (action.type === 'start_joint_review') {
    const refusal = checkInvitation(action.departments ?? [], action.directory);
    if (refusal) return refusal;
    if (action.dueOn && action.dueOn < shanghaiDate(now)) {
      return bad(
        'due_in_past',
        `反馈期限（${action.dueOn}）不能早于今天。`,
        `The reply deadline (${action.dueOn}) cannot be in the past.`
      );
    }
  }
  if (action.type === 'enter_opinion') {
    const dept = action.department ?? '';
    if (!state.invitedDepartments.includes(dept)) {
      return bad(
        'department_not_invited',
        `“${departmentLabel(dept, state.invitations).zh}”未被邀请参加本项目的区级联审，不能代其录入意见。`,
        `"${departmentLabel(dept, state.invitations).en}" is not invited to this joint review; its opinion cannot be entered.`
      );
    }
    if (!action.documentId) {
      return bad(
        'opinion_document_missing',
        '代部门录入意见须上传该部门盖章的意见函或会议纪要（附件 二.2）。',
        "Entering a department's opinion needs its signed letter or the meeting minutes uploaded (Annex 2.2)."
      );
    }
  }
  if (OPINION_ACTIONS.includes(action.type)) {
    if (!action.opinion)
      return bad(
        'opinion_missing',
        '请选择意见：同意、有条件同意或不同意。',
        'Choose an opinion: agree, agree with conditions, or disagree.'
      );
    if (action.opinion !== 'agree' && comment === '') {
      return bad(
        'comment_missing',
        '“有条件同意”或“不同意”须写明条件或理由。',
        'Agreeing with conditions or disagreeing needs the conditions or reasons in a comment.'
      );
    }
  }
  if (needsOverride(state, action.type)) {
    const missing = missingAnswers(state);
    const names = missing.map((m) =>
      state.stage === 'city_review'
        ? ROLE_LABELS[m as CityReviewer]
        : departmentLabel(m as DistrictDepartment, state.invitations)
    );
    if (!action.override) {
      return {
        status: 409,
        code: 'review_incomplete',
        zh: `尚有 ${missing.length} 个部门未提交意见：${names.map((n) => n.zh).join('、')}。请等待，或选择“强制结束”并说明理由。`,
        en: `${missing.length} still to answer: ${names.map((n) => n.en).join(', ')}. Wait, or override with a reason.`
      };
    }
    if (comment === '')
      return bad('override_reason_missing', '强制结束审核须说明理由。', 'Overriding the review needs a reason.');
  }
  if (action.type === 'recognise') {
    if (!action.documentId) {
      return bad(
        'recognition_document_missing',
        '“通过认定”须上传认定文件。',
        'Recognition needs the recognition document uploaded.'
      );
    }
    if (pathOf(facts).commitmentRequired && !(action.attachedDocuments ?? []).includes('commitment')) {
      return bad(
        'commitment_missing',
        '该地块位于城市开发边界内且未在规划中保留，认定前须有企业“无条件服从政府实施规划收回土地”的承诺书（一.4(2)）。',
        "The parcel is inside the development boundary and not retained in the plan: recognition needs the enterprise's commitment to surrender the land unconditionally (clause 一.4(2))."
      );
    }
  }
  if (action.type === 'complete_plan_adjustment' && !action.documentId) {
    return bad('plan_adjustment_document_missing', '请上传规划调整批复文件。', 'Upload the plan adjustment approval.');
  }
  return null;
}

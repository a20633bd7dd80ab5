// 承诺声明 and reviewer judgements (issue 13.3) as rules: who may declare, who may judge, when, and what a
// declaration needs. The enterprise declares, as part of its application form (draft or returned); nobody
// declares on its behalf (a commitment is the enterprise's own word). Reviewers judge the manual criteria:
// the district's lead, departments and government in scope, and the city — never the enterprise.
import { canView, type Actor, type ProjectScope } from './permissions.ts';
import { isCityRole, ROLE_LABELS, type Role } from './roles.ts';
import { EDITABLE_STAGES, OPEN_STAGES, type Refusal } from './workflow-model.ts';

/** The application form is editable in these stages, and with it the declarations. */
export const DECLARATION_STAGES: readonly string[] = EDITABLE_STAGES;

export const JUDGING_ROLES: readonly Role[] = [
  'district_industry',
  'district_department',
  'district_government',
  'lingang_committee'
];

/** Stages in which the checklist is still open for judgements: any stage before the decision. */
export const JUDGEMENT_STAGES: readonly string[] = OPEN_STAGES;

const refuse = (status: 403 | 409 | 400, code: string, zh: string, en: string): Refusal => ({ status, code, zh, en });

export function declarationRefusal(actor: Actor, project: ProjectScope & { stage: string }): Refusal | null {
  if (actor.role !== 'enterprise' || !canView(actor, project)) {
    return refuse(
      403,
      'declare_not_allowed',
      `承诺声明只能由项目单位本身作出（${ROLE_LABELS[actor.role].zh}不能代为声明）。`,
      `Only the enterprise itself makes the declarations (a ${ROLE_LABELS[actor.role].en} cannot declare for it).`
    );
  }
  if (!DECLARATION_STAGES.includes(project.stage)) {
    return refuse(
      409,
      'declare_not_now',
      '承诺声明是申请表的一部分，只能在提交前（或退回补正期间）填写。',
      'Declarations are part of the application form: they can be answered before submitting, or while the application is returned.'
    );
  }
  return null;
}

export function judgementRefusal(actor: Actor, project: ProjectScope & { stage: string }): Refusal | null {
  const may = canView(actor, project) && (JUDGING_ROLES.includes(actor.role) || isCityRole(actor.role));
  if (!may) {
    return refuse(
      403,
      'judge_not_allowed',
      `“${ROLE_LABELS[actor.role].zh}”不能填写研判意见：研判由区产业部门、区级相关部门、区政府（管委会）或市级部门作出。`,
      `A ${ROLE_LABELS[actor.role].en} cannot record a judgement: reviewers are the district industry department, district departments, the district government (Lingang committee) or the city.`
    );
  }
  if (!JUDGEMENT_STAGES.includes(project.stage)) {
    return refuse(
      409,
      'judge_not_now',
      '认定已办结，不能再填写研判意见。',
      'The recognition is decided: judgements can no longer be recorded.'
    );
  }
  return null;
}

/** A "yes" to a declaration that requires a document needs the document; a "no" needs none. */
export function declarationPayloadRefusal(
  affirmed: unknown,
  hasFile: boolean,
  documentRequired: boolean
): Refusal | null {
  if (typeof affirmed !== 'boolean') return refuse(400, 'affirmed_required', '请选择“是”或“否”。', 'Answer yes or no.');
  if (affirmed && documentRequired && !hasFile) {
    return refuse(
      400,
      'evidence_required',
      '此项承诺须上传证明材料（如盖章承诺书）。',
      'This declaration needs its supporting document (e.g. the signed commitment letter).'
    );
  }
  return null;
}

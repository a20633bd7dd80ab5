// 产业项目跟踪 (附件 三.2): after recognition a project is supervised through milestones, and city users
// record findings and measures (沪经信规范〔2020〕9号 二.3–二.5). Pure data + validators; the server
// stores the records and calls these checks in the same transaction.
import { z } from 'zod';
import { isIsoDate, shanghaiDate, type IsoDate } from './dates.ts';
import { canView, type Actor } from './permissions.ts';
import { CITY_ROLES, type Role } from './roles.ts';
import type { DistrictDepartment, Refusal, WorkflowState } from './workflow-model.ts';

type Label = { zh: string; en: string };

export const MILESTONES = [
  'eia_filed',
  'eia_approved',
  'planning_check',
  'construction_permit',
  'construction_start',
  'completion_acceptance',
  'operation',
  'post_evaluation'
] as const;
export type Milestone = (typeof MILESTONES)[number];

export interface MilestoneInfo extends Label {
  /** Where the duty comes from. */
  basis: string;
  /** Department responsible by default (shown; the record may name another). */
  responsible: Label;
  /** Roles that may record it; a district department only if its department is `department`. */
  recordedBy: readonly Role[];
  department?: DistrictDepartment;
  documentRequired: boolean;
  /** Milestones that must be recorded first, on an earlier or the same date. */
  after: readonly Milestone[];
  /** Inspections and evaluations recur; the others happen once. */
  repeatable: boolean;
  /** Whether the record carries a pass/fail result. */
  hasResult: boolean;
}

const DISTRICT_LEAD: Role = 'district_industry';

export const MILESTONE_INFO: Record<Milestone, MilestoneInfo> = {
  eia_filed: {
    zh: '环评报批',
    en: 'EIA submitted',
    basis: '二.3 已认定的优质项目应开展环评并报生态环境主管部门审查',
    responsible: { zh: '市、区生态环境部门', en: 'City/district ecology and environment bureau' },
    recordedBy: [DISTRICT_LEAD, 'district_department', 'city_ecology'],
    department: 'ecology_environment',
    documentRequired: false,
    after: [],
    repeatable: false,
    hasResult: false
  },
  eia_approved: {
    zh: '环评批复',
    en: 'EIA approved',
    basis: '二.3；环境影响评价法 第二十五条（未经审批不得开工建设）',
    responsible: { zh: '市、区生态环境部门', en: 'City/district ecology and environment bureau' },
    recordedBy: [DISTRICT_LEAD, 'district_department', 'city_ecology'],
    department: 'ecology_environment',
    documentRequired: true,
    after: ['eia_filed'],
    repeatable: false,
    hasResult: false
  },
  planning_check: {
    zh: '规划和土地利用执行情况检查',
    en: 'Planning and land-use check',
    basis: '二.4 市规划资源局负责监督检查',
    responsible: {
      zh: '市规划资源局（或区规划资源部门）',
      en: 'City planning bureau (or district planning department)'
    },
    recordedBy: ['city_planning', 'district_department'],
    department: 'planning_resources',
    documentRequired: false,
    after: [],
    repeatable: true,
    hasResult: true
  },
  construction_permit: {
    zh: '施工许可',
    en: 'Construction permit',
    basis: '建筑法 第七条',
    responsible: { zh: '区建设管理部门', en: 'District construction commission' },
    recordedBy: [DISTRICT_LEAD, 'district_department'],
    department: 'housing_construction',
    documentRequired: true,
    after: [],
    repeatable: false,
    hasResult: false
  },
  construction_start: {
    zh: '开工建设',
    en: 'Construction started',
    basis: '建筑法 第七条；环境影响评价法 第二十五条',
    responsible: { zh: '区产业部门', en: 'District industry department' },
    recordedBy: [DISTRICT_LEAD],
    documentRequired: false,
    after: ['construction_permit', 'eia_approved'],
    repeatable: false,
    hasResult: false
  },
  completion_acceptance: {
    zh: '竣工验收',
    en: 'Completion acceptance',
    basis: '建设工程质量管理条例 第十六条',
    responsible: { zh: '区建设管理部门', en: 'District construction commission' },
    recordedBy: [DISTRICT_LEAD, 'district_department'],
    department: 'housing_construction',
    documentRequired: true,
    after: ['construction_start'],
    repeatable: false,
    hasResult: false
  },
  operation: {
    zh: '投产运营',
    en: 'In operation',
    basis: '二.1 日常运营阶段跟踪',
    responsible: { zh: '区产业部门', en: 'District industry department' },
    recordedBy: [DISTRICT_LEAD],
    documentRequired: false,
    after: ['completion_acceptance'],
    repeatable: false,
    hasResult: false
  },
  post_evaluation: {
    zh: '认定后评估',
    en: 'Post-recognition evaluation',
    basis: '二.1 建立优质项目认定后评估机制；二.5 督查评估',
    responsible: { zh: '区产业部门、市经济信息化委', en: 'District industry department, city SHEITC' },
    recordedBy: [DISTRICT_LEAD, 'city_sheitc'],
    documentRequired: false,
    after: [],
    repeatable: true,
    hasResult: true
  }
};

export const FINDINGS = ['false_information', 'contract_breach'] as const;
export type Finding = (typeof FINDINGS)[number];
export const FINDING_LABELS: Record<Finding, Label> = {
  false_information: { zh: '项目申报信息不实', en: 'False application information' },
  contract_breach: { zh: '土地出让合同履约不达标', en: 'Land transfer contract not fulfilled' }
};

/** Measures against a project (二.5 "停止改扩建手续办理、收回土地、纳入信用监管"). */
export const MEASURES = ['stop_procedures', 'land_recovery', 'credit_record'] as const;
export type Measure = (typeof MEASURES)[number];
export const MEASURE_LABELS: Record<Measure, Label> = {
  stop_procedures: { zh: '停止改扩建手续办理', en: 'Stop renovation procedures' },
  land_recovery: { zh: '收回土地', en: 'Take the land back' },
  credit_record: { zh: '纳入信用监管', en: 'Enter in the credit supervision record' }
};

/** Measures against a district (二.5), for the statistics pages; not recorded on projects. */
export const DISTRICT_MEASURES = ['interview', 'public_notice', 'revoke_authority', 'restore_authority'] as const;
export const DISTRICT_MEASURE_LABELS: Record<(typeof DISTRICT_MEASURES)[number], Label> = {
  interview: { zh: '约谈', en: 'Interview' },
  public_notice: { zh: '通报', en: 'Public notice' },
  revoke_authority: { zh: '收回优质项目认定权', en: 'Withdraw recognition authority' },
  restore_authority: { zh: '恢复优质项目认定权', en: 'Restore recognition authority' }
};

const isoDate = z.string().refine(isIsoDate, { message: 'YYYY-MM-DD' });
const note = z.string().trim().max(4000).optional();

export const milestoneInputSchema = z.object({
  milestone: z.enum(MILESTONES),
  date: isoDate,
  documentId: z.string().min(1).optional(),
  department: z.string().trim().min(1).max(100).optional(),
  result: z.enum(['pass', 'fail']).optional(),
  note
});
export type MilestoneInput = z.infer<typeof milestoneInputSchema>;
export interface MilestoneRecord extends MilestoneInput {
  id: string;
  actorId: string;
  role: Role;
  recordedAt: string;
}

export const findingInputSchema = z.object({
  kind: z.enum(FINDINGS),
  date: isoDate,
  description: z.string().trim().min(1).max(4000),
  documentId: z.string().min(1).optional()
});
export type FindingInput = z.infer<typeof findingInputSchema>;
export interface FindingRecord extends FindingInput {
  id: string;
  actorId: string;
  role: Role;
  recordedAt: string;
}

export const measureInputSchema = z.object({
  kind: z.enum(MEASURES),
  findingId: z.string().min(1),
  date: isoDate,
  department: z.string().trim().min(1).max(100),
  documentId: z.string().min(1).optional(),
  note
});
export type MeasureInput = z.infer<typeof measureInputSchema>;
export interface MeasureRecord extends MeasureInput {
  id: string;
  actorId: string;
  role: Role;
  recordedAt: string;
}

const TRACKED_STAGES = ['recognised', 'tracking'] as const;
const refuse = (status: 400 | 403 | 409, code: string, zh: string, en: string): Refusal => ({ status, code, zh, en });

function scopeAndStage(state: WorkflowState, actor: Actor): Refusal | null {
  if (!canView(actor, { authorityCode: state.authorityCode, ownerId: state.ownerId })) {
    return refuse(403, 'not_visible', '您无权查看该项目。', 'You cannot see this project.');
  }
  if (!(TRACKED_STAGES as readonly string[]).includes(state.stage)) {
    return refuse(
      409,
      'not_tracked',
      '项目尚未通过认定，不在产业项目跟踪范围内。',
      'The project is not recognised, so it is not under tracking.'
    );
  }
  return null;
}

/**
 * Check a milestone record against who records it, the recognition date, today's date (Shanghai),
 * required documents, the legal order of steps and duplicates. Null when it may be stored.
 */
export function checkMilestone(
  state: WorkflowState,
  actor: Actor,
  input: MilestoneInput,
  existing: readonly MilestoneRecord[],
  today: IsoDate
): Refusal | null {
  const info = MILESTONE_INFO[input.milestone];
  const scoped = scopeAndStage(state, actor);
  if (scoped) return scoped;
  const deptOk = actor.role !== 'district_department' || actor.department === info.department;
  if (!info.recordedBy.includes(actor.role) || !deptOk) {
    return refuse(
      403,
      'role_not_allowed',
      `“${info.zh}”应由${info.responsible.zh}或区产业部门登记。`,
      `"${info.en}" is recorded by ${info.responsible.en} or the district industry department.`
    );
  }
  const recognisedOn = state.decision ? shanghaiDate(new Date(state.decision.at)) : null;
  if (recognisedOn && input.date < recognisedOn) {
    return refuse(
      400,
      'date_before_recognition',
      `“${info.zh}”日期不能早于认定日期（${recognisedOn}）。`,
      `The date of "${info.en}" cannot be before recognition (${recognisedOn}).`
    );
  }
  if (input.date > today) {
    return refuse(
      400,
      'date_in_future',
      `“${info.zh}”日期不能晚于今天（${today}），请在事项发生后登记。`,
      `The date of "${info.en}" cannot be after today (${today}); record it once it has happened.`
    );
  }
  if (info.documentRequired && !input.documentId) {
    return refuse(
      400,
      'document_missing',
      `登记“${info.zh}”须上传相关文件。`,
      `Recording "${info.en}" needs the document uploaded.`
    );
  }
  if (info.hasResult && !input.result) {
    return refuse(
      400,
      'result_missing',
      `请填写“${info.zh}”的结论（合格 / 不合格）。`,
      `Give the result of "${info.en}" (pass / fail).`
    );
  }
  if (!info.repeatable && existing.some((r) => r.milestone === input.milestone)) {
    return refuse(409, 'already_recorded', `“${info.zh}”已登记。`, `"${info.en}" is already recorded.`);
  }
  for (const pre of info.after) {
    const p = existing.find((r) => r.milestone === pre);
    const pi = MILESTONE_INFO[pre];
    if (!p)
      return refuse(
        409,
        'prerequisite_missing',
        `须先登记“${pi.zh}”，再登记“${info.zh}”（${info.basis}）。`,
        `Record "${pi.en}" before "${info.en}" (${info.basis}).`
      );
    if (p.date > input.date) {
      return refuse(
        400,
        'date_before_prerequisite',
        `“${info.zh}”日期不能早于“${pi.zh}”（${p.date}）。`,
        `"${info.en}" cannot be dated before "${pi.en}" (${p.date}).`
      );
    }
  }
  return null;
}

/** Findings and measures are recorded by the city (二.5: 市经济信息化委牵头…相关部门视情况采取措施). */
export function checkFinding(state: WorkflowState, actor: Actor, input: FindingInput, today: IsoDate): Refusal | null {
  const scoped = scopeAndStage(state, actor);
  if (scoped) return scoped;
  if (!CITY_ROLES.includes(actor.role))
    return refuse(403, 'role_not_allowed', '问题认定由市级部门登记。', 'Findings are recorded by city departments.');
  if (input.date > today) return refuse(400, 'date_in_future', '日期不能晚于今天。', 'The date cannot be after today.');
  return null;
}

export function checkMeasure(
  state: WorkflowState,
  actor: Actor,
  input: MeasureInput,
  findings: readonly FindingRecord[],
  today: IsoDate
): Refusal | null {
  const scoped = scopeAndStage(state, actor);
  if (scoped) return scoped;
  if (!CITY_ROLES.includes(actor.role))
    return refuse(403, 'role_not_allowed', '处置措施由市级部门登记。', 'Measures are recorded by city departments.');
  const finding = findings.find((f) => f.id === input.findingId);
  if (!finding)
    return refuse(
      400,
      'finding_missing',
      '处置措施须对应一项已登记的问题（申报信息不实或合同履约不达标）。',
      'A measure must refer to a recorded finding (false information or contract breach).'
    );
  if (input.date < finding.date)
    return refuse(
      400,
      'date_before_finding',
      `措施日期不能早于问题认定日期（${finding.date}）。`,
      `The measure cannot be dated before the finding (${finding.date}).`
    );
  if (input.date > today) return refuse(400, 'date_in_future', '日期不能晚于今天。', 'The date cannot be after today.');
  return null;
}

export interface TrackingSummary {
  done: Milestone[];
  /** The first milestone in the usual order not yet recorded (planning checks and evaluations recur). */
  next: Milestone | null;
  failedChecks: MilestoneRecord[];
  openFindings: FindingRecord[];
}

/** What the project page and statistics show; a finding stays open until a measure refers to it. */
export function trackingSummary(
  milestones: readonly MilestoneRecord[],
  findings: readonly FindingRecord[] = [],
  measures: readonly MeasureRecord[] = []
): TrackingSummary {
  const done = MILESTONES.filter((m) => milestones.some((r) => r.milestone === m));
  return {
    done,
    next: MILESTONES.find((m) => !done.includes(m)) ?? null,
    failedChecks: milestones.filter((r) => r.result === 'fail'),
    openFindings: findings.filter((f) => !measures.some((m) => m.findingId === f.id))
  };
}

// Turning stored rows into what pages and the API show: path facts, clock figures, summaries, events.
import { applicationDraftSchema, type ApplicationDraft } from '../../domain/application.ts';
import { clockStatus } from '../../domain/clock.ts';
import { shanghaiDate } from '../../domain/dates.ts';
import { isLandType } from '../../domain/land-types.ts';
import { type PathFacts } from '../../domain/paths.ts';
import { applyConfirmed, type ConfirmedFacts } from '../../domain/policy/facts.ts';
import { isRole, ROLE_LABELS } from '../../domain/roles.ts';
import {
  ACTION_LABELS,
  AUTO_ENTER_TRACKING,
  AUTO_ENTER_TRACKING_LABEL,
  STAGE_LABELS,
  STAGES,
  type Stage,
  type WorkflowState
} from '../../domain/workflow-model.ts';
import { stageLabel } from '../../domain/workflow.ts';
import { pathFactsFrom } from '../../domain/application.ts';
import {
  FINDING_LABELS,
  MEASURE_LABELS,
  MILESTONE_INFO,
  type Finding,
  type Measure,
  type Milestone
} from '../../domain/tracking.ts';
import type { Calendar } from '../../domain/working-days.ts';
import {
  acceptanceClock,
  CLOCK_LABELS,
  DEFAULT_DEADLINES,
  LEVEL_LABELS,
  levelOf,
  type DeadlineSettings
} from '../../domain/deadlines.ts';
import type { EventRow, ProjectRow } from './projects.repository.ts';
import type { AcceptanceView, ClockView, EventView, ProjectSummary } from './projects.types.ts';

type Label = { zh: string; en: string };

/** Stored forms passed the draft schema when saved; anything unreadable counts as not given. */
export function parsedForm(form: unknown): ApplicationDraft {
  const r = applicationDraftSchema.safeParse(form ?? {});
  return r.success ? r.data : {};
}

/** The path facts: the form's declarations, with the planning department's confirmed values over them (issue 12). */
export function factsOf(
  row: Pick<ProjectRow, 'form' | 'land_type' | 'authority_code'> & { confirmed_facts?: Record<string, unknown> | null }
): PathFacts {
  return applyConfirmed(declaredFactsOf(row), row.confirmed_facts as ConfirmedFacts | null | undefined);
}

/** The enterprise's declarations only. */
export function declaredFactsOf(row: Pick<ProjectRow, 'form' | 'land_type' | 'authority_code'>): PathFacts {
  return pathFactsFrom(
    parsedForm(row.form),
    isLandType(row.land_type) ? row.land_type : null,
    row.authority_code === 'lingang'
  );
}

/**
 * A project row without its workflow state (written outside the services, or by a failed migration) cannot
 * show a clock or say whom it waits on. Lists show it with this note instead of failing for everybody.
 */
export function incompleteWorkflow(row: Pick<ProjectRow, 'code' | 'workflow'>): Label | null {
  const w = row.workflow as Partial<WorkflowState> | null | undefined;
  if (w && typeof w === 'object' && w.clock && typeof w.clock === 'object') return null;
  return {
    zh: `项目 ${row.code} 的流程数据不完整（缺少流程状态），无法计算办理时限和待办；请联系系统管理员修复。`,
    en: `Project ${row.code} has incomplete workflow data (no workflow state), so its clock and to-dos cannot be shown; ask the administrator to repair it.`
  };
}

/** The domain's state with the row's authority and owner (the columns are authoritative for scope). */
export function stateOf(row: ProjectRow): WorkflowState {
  return {
    ...row.workflow,
    projectId: row.id,
    authorityCode: row.authority_code,
    ownerId: row.owner_id,
    version: row.version,
    stage: row.stage as Stage
  };
}

export const todayInShanghai = (now = new Date()) => shanghaiDate(now);

/** The recognition clock with the configured limit and its warning level (issue 13.4). */
export function clockView(
  state: WorkflowState,
  cal: Calendar,
  today: string,
  s: DeadlineSettings = DEFAULT_DEADLINES
): ClockView | null {
  if (state.clock.startedOn === null) return null;
  const limit = s.recognitionWorkingDays;
  const c = clockStatus(state.clock, cal, today, limit);
  return {
    state: c.state,
    startedOn: c.startedOn,
    dueDate: c.due,
    usedDays: c.used,
    remainingDays: c.remaining,
    overdue: c.overdue,
    late: c.late,
    provisional: c.provisional,
    pausedDays: c.pausedDays,
    limitDays: limit,
    level: c.state === 'running' ? levelOf(c.used, limit, s) : 'ok'
  };
}

/** The acceptance clock while the file waits to be accepted (submission → 受理). */
export function acceptanceView(
  row: Pick<ProjectRow, 'stage' | 'submitted_at'>,
  state: WorkflowState,
  cal: Calendar,
  today: string,
  s: DeadlineSettings = DEFAULT_DEADLINES
): AcceptanceView | null {
  if (row.stage !== 'submitted') return null;
  const from = state.clock?.submittedOn ?? (row.submitted_at ? shanghaiDate(new Date(row.submitted_at)) : null);
  if (!from) return null;
  const a = acceptanceClock(cal, from, null, today, s);
  return { submittedOn: from, dueDate: a.due, usedDays: a.used, limitDays: a.limit, level: a.level };
}

export function enterpriseNameOf(row: ProjectRow): string {
  const fromForm = typeof row.form?.enterpriseName === 'string' ? row.form.enterpriseName.trim() : '';
  return fromForm || row.owner_enterprise || row.owner_name;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function summaryOf(
  row: ProjectRow,
  cal: Calendar,
  today: string,
  s: DeadlineSettings = DEFAULT_DEADLINES
): ProjectSummary {
  const problem = incompleteWorkflow(row);
  const stage = row.stage as Stage;
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    enterpriseName: enterpriseNameOf(row),
    authorityCode: row.authority_code,
    stage,
    stageLabel: stageLabel(stage, factsOf(row)),
    landType: row.land_type,
    submittedAt: iso(row.submitted_at),
    clock: problem ? null : clockView(stateOf(row), cal, today, s),
    acceptance: problem ? null : acceptanceView(row, stateOf(row), cal, today, s),
    updatedAt: iso(row.updated_at)!,
    version: row.version,
    ...(problem ? { problem } : {})
  };
}

/** Labels of the events that are not workflow transitions. */
const OTHER_EVENT_LABELS: Record<string, Label> = {
  create: { zh: '创建申报', en: 'Application created' },
  save_draft: { zh: '保存申请表', en: 'Application form saved' },
  attach_boundary: { zh: '上传地块边界并完成空间判定', en: 'Boundary uploaded and classified' },
  add_file: { zh: '上传材料', en: 'Document uploaded' },
  standard_override: { zh: '记录负面清单豁免', en: 'Negative-list override recorded' },
  standard_declaration: { zh: '项目单位作出承诺声明', en: 'Declaration made by the enterprise' },
  standard_judgement: { zh: '填写研判意见', en: 'Reviewer judgement recorded' },
  issue_sheet: { zh: '生成项目信息表', en: 'Project information sheet issued' },
  upload_sheet_scan: { zh: '上传盖章扫描件', en: 'Stamped sheet scan uploaded' },
  reclassified: { zh: '图层更新后重新判定', en: 'Re-classified after a layer update' },
  [AUTO_ENTER_TRACKING]: AUTO_ENTER_TRACKING_LABEL,
  record_milestone: { zh: '登记跟踪节点', en: 'Tracking milestone recorded' },
  record_finding: { zh: '登记问题认定', en: 'Finding recorded' },
  record_measure: { zh: '登记处置措施', en: 'Measure recorded' },
  lift_measure: { zh: '解除处置措施', en: 'Sanction lifted' },
  confirm_fact: { zh: '核实申报事实', en: 'Declared fact confirmed' },
  policy_refusal: { zh: '规则拒绝', en: 'Refused by a rule' },
  deadline_warning: { zh: '办理时限预警', en: 'Deadline warning' },
  deadline_overdue: { zh: '办理时限已超时', en: 'Time limit exceeded' }
};

function actionLabel(e: EventRow): Label {
  const base = (ACTION_LABELS as Record<string, Label>)[e.action] ??
    OTHER_EVENT_LABELS[e.action] ?? { zh: e.action, en: e.action };
  const p = e.payload ?? {};
  // 附件 二.2: the log says for which department the lead entered an opinion, and who answered themselves.
  const dept = p.departmentName as Label | undefined;
  if (e.action === 'enter_opinion' && dept)
    return {
      zh: `代${dept.zh}录入联审意见（依据部门意见函）`,
      en: `Opinion entered for ${dept.en} (from its signed letter)`
    };
  if (e.action === 'record_opinion' && dept) return { zh: `${dept.zh}填写联审意见`, en: `${dept.en} gave its opinion` };
  if (e.action === 'deadline_warning' || e.action === 'deadline_overdue') {
    const clock = CLOCK_LABELS[p.clock as keyof typeof CLOCK_LABELS] ?? { zh: '办理时限', en: 'Time limit' };
    const who = dept ? { zh: `（${dept.zh}）`, en: ` (${dept.en})` } : { zh: '', en: '' };
    const lv = LEVEL_LABELS[p.level as keyof typeof LEVEL_LABELS] ?? LEVEL_LABELS.warning;
    const used = `${String(p.used)}/${String(p.limit)}`;
    if (p.escalated)
      return {
        zh: `超时督办：${clock.zh}已超时（${used} 个工作日），提请市经济信息化委督办`,
        en: `Escalated to the city SHEITC: ${clock.en} exceeded (${used} working days)`
      };
    return {
      zh: `${clock.zh}${who.zh}${lv.zh}（已用 ${used} 个工作日）`,
      en: `${clock.en}${who.en}: ${lv.en} (${used} working days used)`
    };
  }
  if (e.action === 'return' && p.supplement)
    return { zh: '退回补充材料（区级联审）', en: 'Returned for supplements (joint review)' };
  if (e.action === 'record_milestone' && typeof p.milestone === 'string' && p.milestone in MILESTONE_INFO) {
    const m = MILESTONE_INFO[p.milestone as Milestone];
    return { zh: `${base.zh}：${m.zh}`, en: `${base.en}: ${m.en}` };
  }
  if (e.action === 'record_finding' && typeof p.kind === 'string' && p.kind in FINDING_LABELS) {
    const f = FINDING_LABELS[p.kind as Finding];
    return { zh: `${base.zh}：${f.zh}`, en: `${base.en}: ${f.en}` };
  }
  if (e.action === 'policy_refusal' && typeof p.attempted === 'string') {
    const a = (ACTION_LABELS as Record<string, Label>)[p.attempted] ??
      OTHER_EVENT_LABELS[p.attempted] ?? { zh: p.attempted, en: p.attempted };
    return { zh: `${base.zh}：${a.zh}`, en: `${base.en}: ${a.en}` };
  }
  if (e.action === 'record_measure' && typeof p.kind === 'string' && p.kind in MEASURE_LABELS) {
    const m = MEASURE_LABELS[p.kind as Measure];
    return { zh: `${base.zh}：${m.zh}`, en: `${base.en}: ${m.en}` };
  }
  return base;
}

const SYSTEM: Label = { zh: '系统', en: 'System' };
const stageLbl = (s: string | null, facts: PathFacts): Label | null =>
  s !== null && (STAGES as readonly string[]).includes(s)
    ? stageLabel(s as Stage, facts)
    : s === null
      ? null
      : ((STAGE_LABELS as Record<string, Label>)[s] ?? { zh: s, en: s });

export function eventView(e: EventRow, facts: PathFacts): EventView {
  const role = e.actor_role;
  return {
    id: e.id,
    at: new Date(e.at).toISOString(),
    action: e.action,
    actionLabel: actionLabel(e),
    actorId: e.actor_id,
    actorName: e.actor_name ?? SYSTEM.zh,
    role,
    roleLabel: role && isRole(role) ? ROLE_LABELS[role] : SYSTEM,
    from: e.from_stage,
    to: e.to_stage,
    fromLabel: stageLbl(e.from_stage, facts),
    toLabel: stageLbl(e.to_stage, facts),
    comment: e.comment,
    payload: e.payload ?? {},
    version: e.version
  };
}

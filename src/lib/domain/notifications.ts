// 站内信 (issue 13.5): which event needs whom, and what they are told. Pure: the server resolves the audiences
// to accounts (server/notifications/notify.service.ts), stores one message per person in the same transaction
// as the event, and e-mails it after the commit when SMTP is configured.
import type { Role } from './roles.ts';
import { CLOCK_LABELS } from './deadlines.ts';
import type { ClockKind } from './deadline-watch.ts';
import { CITY_REVIEWERS } from './workflow-model.ts';
import { MEASURE_LABELS, type Measure } from './tracking.ts';

export const NOTICE_KINDS = [
  'submitted',
  'accepted',
  'returned',
  'opinion_requested',
  'decision_requested',
  'warning',
  'overdue',
  'escalated',
  'recognised',
  'rejected',
  'sanction'
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

type Label = { zh: string; en: string };

export const NOTICE_KIND_LABELS: Record<NoticeKind, Label> = {
  submitted: { zh: '待受理', en: 'To accept' },
  accepted: { zh: '已受理', en: 'Accepted' },
  returned: { zh: '退回补正', en: 'Returned' },
  opinion_requested: { zh: '征求意见', en: 'Opinion requested' },
  decision_requested: { zh: '待认定', en: 'Decision requested' },
  warning: { zh: '时限预警', en: 'Deadline warning' },
  overdue: { zh: '已超时', en: 'Overdue' },
  escalated: { zh: '超时督办', en: 'Escalated (overdue)' },
  recognised: { zh: '通过认定', en: 'Recognised' },
  rejected: { zh: '未通过认定', en: 'Not recognised' },
  sanction: { zh: '处置措施', en: 'Sanction' }
};

/** Who a notice goes to; resolved to accounts of the project's authority (or the city) by the server. */
export type Audience =
  | { to: 'owner' }
  | { to: 'lead' }
  | { to: 'decider' }
  | { to: 'department'; code: string }
  | { to: 'roles'; roles: readonly Role[] };

export interface NoticeFacts {
  code: string;
  title: string;
  comment?: string | null;
  /** opinion_requested: the reply date; warnings: the clock's due date. */
  due?: string | null;
  clock?: ClockKind;
  level?: 'warning' | 'alert' | 'overdue';
  used?: number;
  limit?: number;
  /** The department a warning is about (opinion clock). */
  department?: Label | null;
  measure?: Label | null;
}

export interface Notice {
  kind: NoticeKind;
  audience: Audience;
  facts: NoticeFacts;
}

/** The workflow event as this module needs it. */
export interface NoticeEvent {
  action: string;
  to: string | null;
  comment: string | null;
  payload: Record<string, unknown>;
}

/** The notices a recorded event sends (the actor is left out of the recipients by the server). */
export function noticesForEvent(e: NoticeEvent, base: Pick<NoticeFacts, 'code' | 'title'>): Notice[] {
  const f = (extra: Partial<NoticeFacts> = {}): NoticeFacts => ({ ...base, comment: e.comment, ...extra });
  switch (e.action) {
    case 'submit':
    case 'resubmit':
      return [{ kind: 'submitted', audience: { to: 'lead' }, facts: f() }];
    case 'accept':
      return [{ kind: 'accepted', audience: { to: 'owner' }, facts: f() }];
    case 'return':
      return [{ kind: 'returned', audience: { to: 'owner' }, facts: f() }];
    case 'start_joint_review': {
      const codes = Array.isArray(e.payload.departments) ? (e.payload.departments as string[]) : [];
      const due = typeof e.payload.dueOn === 'string' ? e.payload.dueOn : null;
      return codes.map((code) => ({
        kind: 'opinion_requested' as const,
        audience: { to: 'department' as const, code },
        facts: f({ due })
      }));
    }
    case 'forward_to_city':
      return [{ kind: 'opinion_requested', audience: { to: 'roles', roles: CITY_REVIEWERS }, facts: f() }];
    case 'close_joint_review':
      return [{ kind: 'decision_requested', audience: { to: 'decider' }, facts: f() }];
    case 'recognise':
      return [
        { kind: 'recognised', audience: { to: 'owner' }, facts: f() },
        { kind: 'recognised', audience: { to: 'lead' }, facts: f() }
      ];
    case 'reject':
      return [
        { kind: 'rejected', audience: { to: 'owner' }, facts: f() },
        { kind: 'rejected', audience: { to: 'lead' }, facts: f() }
      ];
    case 'record_measure': {
      const measure = MEASURE_LABELS[e.payload.measure as Measure] ?? null;
      return [
        { kind: 'sanction', audience: { to: 'owner' }, facts: f({ measure }) },
        { kind: 'sanction', audience: { to: 'lead' }, facts: f({ measure }) }
      ];
    }
    default:
      return [];
  }
}

/** A deadline notice of one clock: who must act, and the city when the district's own clock is overdue. */
export function noticesForDeadline(
  c: {
    clock: ClockKind;
    subject: string;
    level: 'warning' | 'alert' | 'overdue';
    used: number;
    limit: number;
    due: string | null;
  },
  base: Pick<NoticeFacts, 'code' | 'title'>,
  department: Label | null
): Notice[] {
  const facts: NoticeFacts = {
    ...base,
    clock: c.clock,
    level: c.level,
    used: c.used,
    limit: c.limit,
    due: c.due,
    department
  };
  const kind: NoticeKind = c.level === 'overdue' ? 'overdue' : 'warning';
  if (c.clock === 'opinion') {
    const out: Notice[] = [{ kind, audience: { to: 'department', code: c.subject }, facts }];
    // The lead may chase the department or enter its opinion from a letter.
    if (c.level === 'overdue') out.push({ kind, audience: { to: 'lead' }, facts });
    return out;
  }
  const out: Notice[] = [{ kind, audience: { to: 'lead' }, facts }];
  if (c.level === 'overdue') out.push({ kind: 'escalated', audience: { to: 'roles', roles: ['city_sheitc'] }, facts });
  return out;
}

const LEVEL_WORDS: Record<'warning' | 'alert' | 'overdue', Label> = {
  warning: { zh: '已过半（黄色预警）', en: 'half used (yellow)' },
  alert: { zh: '临近期限（红色预警）', en: 'nearly used (red)' },
  overdue: { zh: '已超时', en: 'overdue' }
};

export interface NoticeText {
  subjectZh: string;
  subjectEn: string;
  bodyZh: string;
  bodyEn: string;
}

/** What the person reads: a subject naming the project and a body saying what happened and what to do. */
export function noticeText(kind: NoticeKind, f: NoticeFacts): NoticeText {
  const p = `${f.code}「${f.title}」`;
  const pe = `${f.code} "${f.title}"`;
  const why = f.comment ? `\n意见/理由：${f.comment}` : '';
  const whyEn = f.comment ? `\nReason: ${f.comment}` : '';
  const clock = f.clock ? CLOCK_LABELS[f.clock] : { zh: '办理时限', en: 'time limit' };
  const dept = f.department ? `（${f.department.zh}）` : '';
  const deptEn = f.department ? ` (${f.department.en})` : '';
  const used = f.used !== undefined && f.limit !== undefined ? `已用 ${f.used}/${f.limit} 个工作日` : '';
  const usedEn = f.used !== undefined && f.limit !== undefined ? `${f.used}/${f.limit} working days used` : '';
  const due = f.due ? `，期限 ${f.due}` : '';
  const dueEn = f.due ? `, due ${f.due}` : '';
  const t = (subjectZh: string, bodyZh: string, subjectEn: string, bodyEn: string): NoticeText => ({
    subjectZh,
    subjectEn,
    bodyZh,
    bodyEn
  });
  switch (kind) {
    case 'submitted':
      return t(
        `项目 ${f.code} 已提交，待受理`,
        `项目单位已提交申报 ${p}，请在受理时限内受理或退回补正。`,
        `Project ${f.code} submitted, to accept`,
        `The enterprise submitted ${pe}; accept it or return it within the acceptance time limit.`
      );
    case 'accepted':
      return t(
        `项目 ${f.code} 已受理`,
        `您的申报 ${p} 已由区产业部门受理，进入审核；认定时限自受理次日起计算。`,
        `Project ${f.code} accepted`,
        `Your application ${pe} was accepted by the district industry department; the recognition time limit runs from the next working day.`
      );
    case 'returned':
      return t(
        `项目 ${f.code} 被退回补正`,
        `您的申报 ${p} 被退回，请按意见补充材料后重新提交。${why}`,
        `Project ${f.code} returned`,
        `Your application ${pe} was returned: supplement it as asked and resubmit.${whyEn}`
      );
    case 'opinion_requested':
      return t(
        `请对项目 ${f.code} 出具审核意见`,
        `项目 ${p} 征求贵单位意见${f.due ? `，请于 ${f.due} 前反馈` : ''}。`,
        `Opinion requested on project ${f.code}`,
        `Your opinion on ${pe} is requested${f.due ? ` by ${f.due}` : ''}.`
      );
    case 'decision_requested':
      return t(
        `项目 ${f.code} 联审结束，待认定`,
        `项目 ${p} 的区级联审已结束，请作出认定决定。`,
        `Project ${f.code} ready for decision`,
        `The joint review of ${pe} is closed; please decide.`
      );
    case 'warning':
    case 'overdue': {
      const lv = LEVEL_WORDS[f.level ?? (kind === 'overdue' ? 'overdue' : 'warning')];
      return t(
        `【${lv.zh}】项目 ${f.code} ${clock.zh}${dept}`,
        `项目 ${p} 的${clock.zh}${dept}${lv.zh}：${used}${due}。请尽快办理。`,
        `[${lv.en}] Project ${f.code}: ${clock.en}${deptEn}`,
        `${clock.en}${deptEn} of ${pe} is ${lv.en}: ${usedEn}${dueEn}. Please act.`
      );
    }
    case 'escalated':
      return t(
        `【超时督办】项目 ${f.code} ${clock.zh}已超时`,
        `项目 ${p} 的${clock.zh}已超时（${used}${due}），已提请市经济信息化委督办。`,
        `[Escalated] Project ${f.code}: ${clock.en} overdue`,
        `${clock.en} of ${pe} is overdue (${usedEn}${dueEn}) and is escalated to the city SHEITC.`
      );
    case 'recognised':
      return t(
        `项目 ${f.code} 通过认定`,
        `申报 ${p} 已通过认定，转入产业项目跟踪。`,
        `Project ${f.code} recognised`,
        `${pe} is recognised and moves to project tracking.`
      );
    case 'rejected':
      return t(
        `项目 ${f.code} 未通过认定`,
        `申报 ${p} 未通过认定。${why}`,
        `Project ${f.code} not recognised`,
        `${pe} was not recognised.${whyEn}`
      );
    case 'sanction':
      return t(
        `项目 ${f.code} 被采取处置措施${f.measure ? `：${f.measure.zh}` : ''}`,
        `对项目 ${p} 采取处置措施${f.measure ? `“${f.measure.zh}”` : ''}。${why}`,
        `Sanction on project ${f.code}${f.measure ? `: ${f.measure.en}` : ''}`,
        `A sanction${f.measure ? ` (${f.measure.en})` : ''} was applied to ${pe}.${whyEn}`
      );
  }
}

/** The e-mail body: the message and the link to the project, Chinese first. */
export function mailText(n: NoticeText, projectUrl: string | null): string {
  const link = projectUrl ? `\n\n查看项目 / Open the project: ${projectUrl}` : '';
  return `${n.bodyZh}${link}\n\n——\n${n.bodyEn}\n\n本邮件由零增地技术改造优质项目认定平台自动发送，请勿直接回复。\nSent by the zeroland platform; please do not reply.\n`;
}

// Deadlines that warn (issue 13.4). The limits are configuration the city administrator changes
// (table workflow_settings, key 'deadlines'), not constants: these are the defaults and the pure rules.
//  - recognition: "原则上认定时间不超过 10 个工作日" (沪经信规范〔2020〕9号 一.2), from acceptance (clock.ts);
//  - acceptance: from submission to acceptance (受理). The guideline is silent; the default of 5 working days
//    follows 行政许可法 第三十二条 (材料不齐全的，应当当场或者在五日内一次告知申请人需要补正的全部内容);
//  - opinion: the default reply time of an invited department in the joint review;
//  - warn at 50 % of the limit used (yellow), alert at 80 % (red); overdue escalates to the city (超时督办).
import { z } from 'zod';
import { addDays, type IsoDate } from './dates.ts';
import { isWorkingDay, workingDaysBetween, type Calendar } from './working-days.ts';

export const deadlineSettingsSchema = z
  .object({
    recognitionWorkingDays: z.number().int().min(1).max(120),
    acceptanceWorkingDays: z.number().int().min(1).max(60),
    opinionWorkingDays: z.number().int().min(1).max(60),
    /** Share of the limit used from which the clock shows yellow. */
    warnAt: z.number().min(0.05).max(0.99),
    /** Share of the limit used from which the clock shows red. */
    alertAt: z.number().min(0.05).max(0.99)
  })
  .refine((s) => s.warnAt < s.alertAt, { message: 'warnAt must be below alertAt', path: ['alertAt'] });
export type DeadlineSettings = z.infer<typeof deadlineSettingsSchema>;

export const DEFAULT_DEADLINES: DeadlineSettings = {
  recognitionWorkingDays: 10,
  acceptanceWorkingDays: 5,
  opinionWorkingDays: 5,
  warnAt: 0.5,
  alertAt: 0.8
};

export type Level = 'ok' | 'warning' | 'alert' | 'overdue';

export const LEVEL_LABELS: Record<Level, { zh: string; en: string }> = {
  ok: { zh: '正常', en: 'On time' },
  warning: { zh: '预警（过半）', en: 'Warning (half used)' },
  alert: { zh: '临期（红色）', en: 'Due soon (red)' },
  overdue: { zh: '已超时', en: 'Overdue' }
};

/**
 * The level of a running clock: overdue once more than `limit` working days are used; red from
 * `alertAt`·limit, yellow from `warnAt`·limit. With 10 days, 50 % / 80 %: yellow from day 5, red from day 8,
 * overdue on day 11.
 */
export function levelOf(used: number, limit: number, s: Pick<DeadlineSettings, 'warnAt' | 'alertAt'>): Level {
  if (used > limit) return 'overdue';
  if (used >= Math.ceil(limit * s.alertAt - 1e-9)) return 'alert';
  if (used >= Math.ceil(limit * s.warnAt - 1e-9)) return 'warning';
  return 'ok';
}

/** The first working day on which each level is reached, counting from `start` (not counted itself). */
export function levelDays(limit: number, s: Pick<DeadlineSettings, 'warnAt' | 'alertAt'>) {
  return {
    warning: Math.ceil(limit * s.warnAt - 1e-9),
    alert: Math.ceil(limit * s.alertAt - 1e-9),
    overdue: limit + 1
  };
}

export interface AcceptanceClock {
  submittedOn: IsoDate;
  /** null while waiting for acceptance. */
  acceptedOn: IsoDate | null;
  used: number;
  limit: number;
  due: IsoDate;
  level: Level;
  /** Accepted after the limit. */
  late: boolean;
}

/** The n-th working day after `date`. */
function nthWorkingDay(cal: Calendar, date: IsoDate, n: number): IsoDate {
  let d = date;
  for (let left = n; left > 0;) {
    d = addDays(d, 1);
    if (isWorkingDay(cal, d)) left--;
  }
  return d;
}

/** Submission → acceptance, on the working-day calendar (the submission day is not counted). */
export function acceptanceClock(
  cal: Calendar,
  submittedOn: IsoDate,
  acceptedOn: IsoDate | null,
  today: IsoDate,
  s: DeadlineSettings
): AcceptanceClock {
  const end = acceptedOn ?? today;
  const used = Math.max(0, workingDaysBetween(cal, submittedOn, end));
  const limit = s.acceptanceWorkingDays;
  return {
    submittedOn,
    acceptedOn,
    used,
    limit,
    due: nthWorkingDay(cal, submittedOn, limit),
    level: acceptedOn ? 'ok' : levelOf(used, limit, s),
    late: acceptedOn !== null && used > limit
  };
}

/** What a deadline sweep produces for one running clock: the notices due at this level (once each). */
export type DeadlineNotice = { kind: 'warning' | 'alert' | 'overdue'; clock: 'acceptance' | 'recognition' | 'opinion' };

/** The notice for a clock's level; 'ok' needs none. Overdue is also the 超时督办 escalation to the city. */
export function noticeFor(level: Level, clock: DeadlineNotice['clock']): DeadlineNotice | null {
  return level === 'ok' ? null : { kind: level, clock };
}

export const CLOCK_LABELS: Record<DeadlineNotice['clock'], { zh: string; en: string }> = {
  acceptance: { zh: '受理时限', en: 'Acceptance time limit' },
  recognition: { zh: '认定时限', en: 'Recognition time limit' },
  opinion: { zh: '联审意见反馈期限', en: 'Joint-review reply deadline' }
};

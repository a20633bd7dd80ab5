// Which clocks of a case are running today, how far each is used, and which warnings are due (issue 13.4).
// Pure: the deadline sweep (server/deadlines/sweep.service.ts) feeds it the stored state, the calendar and the
// configured limits, and records each notice once (table deadline_notices).
//  - acceptance: from the latest submission while the file waits for acceptance (stage 'submitted');
//  - recognition: the 10 working days (clock.ts), while running (not paused, not stopped);
//  - opinion: each invited department that has not answered, from its invitation to its reply date.
// Overdue on acceptance or recognition is escalated to the city (超时督办); an overdue opinion goes to the lead.
import { clockStatus } from './clock.ts';
import { acceptanceClock, levelOf, type DeadlineSettings, type Level } from './deadlines.ts';
import type { IsoDate } from './dates.ts';
import { workingDaysBetween, type Calendar } from './working-days.ts';
import type { WorkflowState } from './workflow-model.ts';

export type ClockKind = 'acceptance' | 'recognition' | 'opinion';

export interface RunningClock {
  clock: ClockKind;
  /** The invited department's code for an opinion clock; '' otherwise. */
  subject: string;
  /** The day this run of the clock started (a new submission or invitation starts a new run). */
  cycle: IsoDate;
  used: number;
  limit: number;
  due: IsoDate | null;
  level: Level;
}

/**
 * The clocks running on `today`. `fallbackSubmittedOn` is the stored submission date, for states from
 * before the acceptance clock was recorded in the workflow.
 */
export function runningClocks(
  state: WorkflowState,
  cal: Calendar,
  today: IsoDate,
  s: DeadlineSettings,
  fallbackSubmittedOn: IsoDate | null = null
): RunningClock[] {
  const out: RunningClock[] = [];
  const submittedOn = state.clock.submittedOn ?? fallbackSubmittedOn;
  if (state.stage === 'submitted' && submittedOn) {
    const a = acceptanceClock(cal, submittedOn, null, today, s);
    out.push({
      clock: 'acceptance',
      subject: '',
      cycle: submittedOn,
      used: a.used,
      limit: a.limit,
      due: a.due,
      level: a.level
    });
  }
  const r = clockStatus(state.clock, cal, today, s.recognitionWorkingDays);
  if (r.state === 'running' && r.startedOn) {
    out.push({
      clock: 'recognition',
      subject: '',
      cycle: r.startedOn,
      used: r.used,
      limit: s.recognitionWorkingDays,
      due: r.due,
      level: levelOf(r.used, s.recognitionWorkingDays, s)
    });
  }
  if (state.stage === 'joint_review') {
    for (const code of state.invitedDepartments) {
      const inv = state.invitations?.[code];
      if (state.jointOpinions[code] || !inv?.dueOn) continue;
      const limit = Math.max(1, workingDaysBetween(cal, inv.invitedOn, inv.dueOn));
      const used = Math.max(0, workingDaysBetween(cal, inv.invitedOn, today));
      out.push({
        clock: 'opinion',
        subject: code,
        cycle: inv.invitedOn,
        used,
        limit,
        due: inv.dueOn,
        level: levelOf(used, limit, s)
      });
    }
  }
  return out;
}

const RANK: Record<Level, number> = { ok: 0, warning: 1, alert: 2, overdue: 3 };

/** The key under which a notice is recorded once. */
export const noticeKey = (c: Pick<RunningClock, 'clock' | 'subject' | 'cycle'>, level: Level) =>
  `${c.clock}|${c.subject}|${c.cycle}|${level}`;

/**
 * The notices to send now: one per clock at its current level, unless that level or a higher one was already
 * sent for this run (a clock that jumped from 'ok' to 'overdue' while nobody swept gets only 'overdue').
 */
export function dueNotices(clocks: readonly RunningClock[], sent: ReadonlySet<string>): RunningClock[] {
  return clocks.filter((c) => {
    if (c.level === 'ok') return false;
    for (const l of ['warning', 'alert', 'overdue'] as const)
      if (RANK[l] >= RANK[c.level] && sent.has(noticeKey(c, l))) return false;
    return true;
  });
}

/** Overdue acceptance or recognition is the district's delay: escalated to the city (超时督办). */
export const escalates = (c: Pick<RunningClock, 'clock' | 'level'>) => c.level === 'overdue' && c.clock !== 'opinion';

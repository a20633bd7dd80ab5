// The project's recognition clock: "原则上认定时间不超过 10 个工作日" (沪经信规范〔2020〕9号 一.2).
// Rule we apply (recorded by workflow.ts in WorkflowState.clock):
//  - starts on the day the district industry department accepts the complete application (受理,
//    submitted → preliminary_review); that day is not counted (民法典 第二百零一条), so day 1 is the
//    next working day and the due date is the 10th working day after acceptance;
//  - pauses while the application is returned to the enterprise: working days after the return date
//    up to and including the resubmission date do not count (the enterprise holds the file);
//  - stops on the decision date (recognise / reject) or on withdrawal.
import { addDays, type IsoDate } from './dates.ts';
import { isWorkingDay, spansProvisional, type Calendar } from './working-days.ts';
import type { ClockRecord } from './workflow-model.ts';

/** The policy's target: 10 working days. */
export const RECOGNITION_WORKING_DAYS = 10;

export interface ClockStatus {
  state: 'not_started' | 'running' | 'paused' | 'stopped';
  startedOn: IsoDate | null;
  /** Working days counted so far (or until the stop). */
  used: number;
  /** limit − used; negative when over. */
  remaining: number;
  /** The day the limit is reached if nothing pauses it; null before start or while paused. */
  due: IsoDate | null;
  /** Still open and past the due date. */
  overdue: boolean;
  /** Decided (stopped) after more than the limit. */
  late: boolean;
  /** A year in the range has no published holiday schedule: weekends only were assumed. */
  provisional: boolean;
  pausedDays: number;
}

const inPause = (clock: ClockRecord, d: IsoDate, end: IsoDate) =>
  clock.pauses.some((p) => p.from < d && d <= (p.to ?? end));

/** Evaluate the clock on `today` (a Shanghai date: use shanghaiDate(now)). */
export function clockStatus(
  clock: ClockRecord,
  cal: Calendar,
  today: IsoDate,
  limit = RECOGNITION_WORKING_DAYS
): ClockStatus {
  if (clock.startedOn === null) {
    return {
      state: 'not_started',
      startedOn: null,
      used: 0,
      remaining: limit,
      due: null,
      overdue: false,
      late: false,
      provisional: false,
      pausedDays: 0
    };
  }
  const start = clock.startedOn;
  const end = clock.stoppedOn ?? today;
  const paused = clock.stoppedOn === null && clock.pauses.some((p) => p.to === null);
  let used = 0;
  let pausedDays = 0;
  for (let d = addDays(start, 1); d <= end; d = addDays(d, 1)) {
    if (!isWorkingDay(cal, d)) continue;
    if (inPause(clock, d, end)) pausedDays++;
    else used++;
  }
  let due: IsoDate | null = null;
  if (!paused) {
    // Walk from the start counting only unpaused working days; future days count.
    let n = 0;
    let d = start;
    while (n < limit) {
      d = addDays(d, 1);
      if (isWorkingDay(cal, d) && !inPause(clock, d, end)) n++;
    }
    due = d;
  }
  const stopped = clock.stoppedOn !== null;
  return {
    state: stopped ? 'stopped' : paused ? 'paused' : 'running',
    startedOn: start,
    used,
    remaining: limit - used,
    due,
    overdue: !stopped && used > limit,
    late: stopped && used > limit,
    provisional: spansProvisional(cal, start, due !== null && due > end ? due : end),
    pausedDays
  };
}

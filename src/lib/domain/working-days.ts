// The working-day calendar behind the "10 working days" recognition target (沪经信规范〔2020〕9号 一.2:
// "原则上认定时间不超过 10 个工作日"). Working days follow the State Council's yearly holiday notice:
// statutory holidays are off, make-up days (调休补班, often a Saturday or Sunday) are worked.
// The data is stored in the database (seeded by seed-calendar.ts, editable by administrators); this
// module only evaluates it. A year without data falls back to Monday–Friday and is marked provisional.
import { addDays, dayOfWeek, isIsoDate, yearOf, type IsoDate } from './dates.ts';

export type { IsoDate } from './dates.ts';

/** One published exception to the Monday–Friday rule. */
export interface CalendarDay {
  date: IsoDate;
  /** 'holiday': a weekday (or weekend) that is off; 'workday': a weekend day worked in lieu (调休补班). */
  kind: 'holiday' | 'workday';
  /** Festival the day belongs to, e.g. '国庆节'. */
  name: string;
  nameEn?: string;
}

export interface Calendar {
  /** Years whose official schedule is loaded; any other year is provisional (weekends only). */
  readonly years: ReadonlySet<number>;
  readonly days: ReadonlyMap<IsoDate, CalendarDay>;
}

/**
 * Build a calendar from stored rows. `years` lists the years whose schedule is published; by default
 * every year that has at least one row (a published Chinese year always has holidays).
 */
export function buildCalendar(days: readonly CalendarDay[], years?: readonly number[]): Calendar {
  const map = new Map<IsoDate, CalendarDay>();
  for (const d of days) {
    if (!isIsoDate(d.date)) throw new RangeError(`calendar: bad date ${d.date}`);
    map.set(d.date, d);
  }
  const ys = new Set<number>(years ?? days.map((d) => yearOf(d.date)));
  return { years: ys, days: map };
}

export const isProvisionalYear = (cal: Calendar, year: number) => !cal.years.has(year);

export function isWorkingDay(cal: Calendar, date: IsoDate): boolean {
  const special = cal.days.get(date);
  if (special) return special.kind === 'workday';
  const dow = dayOfWeek(date);
  return dow !== 0 && dow !== 6;
}

/** Safety bound: no real schedule has more than a few weeks without a working day. */
const MAX_GAP_DAYS = 366;

/**
 * Working days d with from < d ≤ to (the start day is not counted: 民法典 第二百零一条 "开始的当日不计入").
 * Negative when to < from.
 */
export function workingDaysBetween(cal: Calendar, from: IsoDate, to: IsoDate): number {
  if (to < from) return -workingDaysBetween(cal, to, from);
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) {
    if (isWorkingDay(cal, d)) n++;
  }
  return n;
}

/** The n-th working day after `date` (n ≥ 1); n = 0 returns `date` itself. */
export function addWorkingDays(cal: Calendar, date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('addWorkingDays: n must be a non-negative integer');
  let d = date;
  for (let left = n, gap = 0; left > 0;) {
    d = addDays(d, 1);
    if (isWorkingDay(cal, d)) {
      left--;
      gap = 0;
    } else if (++gap > MAX_GAP_DAYS) throw new RangeError('addWorkingDays: calendar has no working day for a year');
  }
  return d;
}

/** Whether any year from `from` to `to` (inclusive) lacks published data. */
export function spansProvisional(cal: Calendar, from: IsoDate, to: IsoDate): boolean {
  const [a, b] = from <= to ? [yearOf(from), yearOf(to)] : [yearOf(to), yearOf(from)];
  for (let y = a; y <= b; y++) if (!cal.years.has(y)) return true;
  return false;
}

export interface Deadline {
  due: IsoDate;
  /** True when a year in the range has no published schedule (weekends only were assumed). */
  provisional: boolean;
}

/** The due date `workingDays` working days after `start` (the recognition target uses 10). */
export function deadline(cal: Calendar, start: IsoDate, workingDays: number): Deadline {
  const due = addWorkingDays(cal, start, workingDays);
  return { due, provisional: spansProvisional(cal, start, due) };
}

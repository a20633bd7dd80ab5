// Seed rows for the holiday calendar table, taken from the `chinese-days` package (its data follows the
// State Council's yearly notices, 国务院办公厅关于…部分节假日安排的通知; checked for 2020–2026).
// Pure: returns data; a server module stores it, administrators edit it afterwards (next year's notice
// is published each November, and the guideline may be renewed with the same mechanism).
import chineseDays from 'chinese-days';
import { dayOfWeek, type IsoDate } from './dates.ts';
import type { CalendarDay } from './working-days.ts';

export const SEED_FIRST_YEAR = 2020; // the guideline took effect 2020-10-26
export const SEED_LAST_YEAR = 2026; // last year published in the installed chinese-days

/** chinese-days names look like 'National Day,国庆节,8' (English, Chinese, holiday length). */
function splitName(raw: string): { name: string; nameEn?: string } {
  const [en, zh] = raw.split(',');
  return zh ? { name: zh, nameEn: en } : { name: raw };
}

/**
 * chinese-days parses 'YYYY-MM-DD' as UTC but formats in local time, so in a process whose TZ is west
 * of UTC every date shifts by one day. Refuse rather than seed a wrong calendar.
 * Anchors: 2026-10-01 is National Day (off) and Saturday 2026-10-10 is a make-up working day.
 */
function assertLibraryReadsShanghaiDates(): void {
  const off = chineseDays.getDayDetail('2026-10-01');
  const makeUp = chineseDays.getDayDetail('2026-10-10');
  if (
    off.date !== '2026-10-01' ||
    off.work ||
    !off.name.includes('国庆') ||
    makeUp.date !== '2026-10-10' ||
    !makeUp.work
  ) {
    throw new Error(
      'chinese-days returned shifted dates: run the server with TZ=Asia/Shanghai (the library formats dates in the process time zone)'
    );
  }
}

/** Holidays and make-up working days for one year, sorted by date. */
export function seedCalendarYear(year: number): CalendarDay[] {
  assertLibraryReadsShanghaiDates();
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const rows: CalendarDay[] = [];
  // includeWeekends=false: only the dates named in the holiday schedule (not every Saturday).
  for (const date of chineseDays.getHolidaysInRange(first, last, false)) {
    rows.push({ date, kind: 'holiday', ...splitName(chineseDays.getDayDetail(date).name) });
  }
  // includeWeekends=true keeps the make-up days (调休补班), which fall on Saturdays or Sundays;
  // ordinary Monday–Friday working days need no row.
  for (const date of chineseDays.getWorkdaysInRange(first, last, true)) {
    const dow = dayOfWeek(date as IsoDate);
    if (dow === 0 || dow === 6) rows.push({ date, kind: 'workday', ...splitName(chineseDays.getDayDetail(date).name) });
  }
  for (const r of rows)
    if (!r.date.startsWith(`${year}-`)) throw new Error(`chinese-days returned ${r.date} for ${year}`);
  return rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** All seed rows for 2020–2026, plus the list of years they cover (the rest are provisional). */
export function seedCalendar(from = SEED_FIRST_YEAR, to = SEED_LAST_YEAR): { years: number[]; days: CalendarDay[] } {
  const years: number[] = [];
  const days: CalendarDay[] = [];
  for (let y = from; y <= to; y++) {
    years.push(y);
    days.push(...seedCalendarYear(y));
  }
  return { years, days };
}

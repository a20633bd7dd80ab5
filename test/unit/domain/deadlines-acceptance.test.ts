// The acceptance clock (受理时限, default 5 working days from submission, 行政许可法 第三十二条) on a hand-built
// calendar with a mid-week holiday and a Saturday worked in lieu; the notice each level sends; the settings
// an administrator may save; provisional years and calendar dates.
import { describe, expect, it } from 'vitest';
import {
  acceptanceClock,
  deadlineSettingsSchema,
  DEFAULT_DEADLINES,
  noticeFor
} from '../../../src/lib/domain/deadlines.ts';
import { buildCalendar, deadline, isProvisionalYear, spansProvisional } from '../../../src/lib/domain/working-days.ts';
import { daysBetween, isIsoDate, yearOf } from '../../../src/lib/domain/dates.ts';

// November 2026: Wednesday the 4th off, Saturday the 7th worked.
const CAL = buildCalendar([
  { date: '2026-11-04', kind: 'holiday', name: '示例假日' },
  { date: '2026-11-07', kind: 'workday', name: '调休补班' }
]);
const SUBMITTED = '2026-11-02'; // a Monday: not counted; working days 3, 5, 6, 7 (Sat), 9

describe('the acceptance clock', () => {
  it('is due on the 5th working day after submission, skipping the holiday and counting the worked Saturday', () => {
    expect(acceptanceClock(CAL, SUBMITTED, null, '2026-11-02', DEFAULT_DEADLINES)).toEqual({
      submittedOn: SUBMITTED,
      acceptedOn: null,
      used: 0,
      limit: 5,
      due: '2026-11-09',
      level: 'ok',
      late: false
    });
  });
  it('turns yellow from day 3 (50 % of 5, rounded up), red from day 4, overdue after day 5', () => {
    const at = (today: string) => acceptanceClock(CAL, SUBMITTED, null, today, DEFAULT_DEADLINES);
    expect(
      [at('2026-11-05'), at('2026-11-06'), at('2026-11-07'), at('2026-11-08'), at('2026-11-09'), at('2026-11-10')].map(
        (c) => [c.used, c.level]
      )
    ).toEqual([
      [2, 'ok'],
      [3, 'warning'],
      [4, 'alert'],
      [4, 'alert'],
      [5, 'alert'],
      [6, 'overdue']
    ]);
    // Overdue while still waiting is not yet "late": late is said of an acceptance made after the due day.
    expect(at('2026-11-10').late).toBe(false);
  });
  it('once accepted it stops: on time on the due day, late after it; a running level no longer shows', () => {
    expect(acceptanceClock(CAL, SUBMITTED, '2026-11-09', '2026-12-01', DEFAULT_DEADLINES)).toMatchObject({
      used: 5,
      level: 'ok',
      late: false
    });
    expect(acceptanceClock(CAL, SUBMITTED, '2026-11-10', '2026-12-01', DEFAULT_DEADLINES)).toMatchObject({
      used: 6,
      level: 'ok',
      late: true
    });
  });
  it('a clock read before its submission day counts no days', () => {
    expect(acceptanceClock(CAL, SUBMITTED, null, '2026-10-30', DEFAULT_DEADLINES)).toMatchObject({
      used: 0,
      level: 'ok'
    });
  });
  it("follows the administrator's limit", () => {
    expect(
      acceptanceClock(CAL, SUBMITTED, null, '2026-11-05', { ...DEFAULT_DEADLINES, acceptanceWorkingDays: 2 })
    ).toMatchObject({ due: '2026-11-05', level: 'alert', used: 2, limit: 2 });
  });
});

describe('deadline notices and settings', () => {
  it('each level past "ok" sends its notice, for the clock it is about', () => {
    expect(noticeFor('ok', 'acceptance')).toBeNull();
    expect(noticeFor('warning', 'opinion')).toEqual({ kind: 'warning', clock: 'opinion' });
    expect(noticeFor('overdue', 'recognition')).toEqual({ kind: 'overdue', clock: 'recognition' });
  });
  it('yellow must come before red', () => {
    expect(deadlineSettingsSchema.safeParse(DEFAULT_DEADLINES).success).toBe(true);
    const same = deadlineSettingsSchema.safeParse({ ...DEFAULT_DEADLINES, warnAt: 0.8, alertAt: 0.8 });
    expect(same.success).toBe(false);
    expect(same.error?.issues[0].path).toEqual(['alertAt']);
    expect(deadlineSettingsSchema.safeParse({ ...DEFAULT_DEADLINES, recognitionWorkingDays: 0 }).success).toBe(false);
  });
});

describe('provisional years and dates', () => {
  it('a year without a published schedule is provisional, in either order of the range', () => {
    expect(isProvisionalYear(CAL, 2026)).toBe(false);
    expect(isProvisionalYear(CAL, 2027)).toBe(true);
    expect(spansProvisional(CAL, '2026-11-02', '2026-12-31')).toBe(false);
    expect(spansProvisional(CAL, '2026-12-30', '2027-01-05')).toBe(true);
    expect(spansProvisional(CAL, '2027-01-05', '2026-12-30')).toBe(true);
    expect(spansProvisional(CAL, '2025-12-30', '2026-01-05')).toBe(true);
    expect(deadline(CAL, '2026-12-28', 10)).toEqual({ due: '2027-01-11', provisional: true });
  });
  it('calendar dates: real days only, whole days between, the year', () => {
    expect(['2026-02-28', '2028-02-29'].map(isIsoDate)).toEqual([true, true]);
    expect(['2026-02-29', '2026-13-01', '2026-1-01', '26-01-01', '2026-01-01T00:00'].map(isIsoDate)).toEqual([
      false,
      false,
      false,
      false,
      false
    ]);
    expect(daysBetween('2026-02-27', '2026-03-01')).toBe(2);
    expect(daysBetween('2026-03-01', '2026-02-27')).toBe(-2);
    expect(yearOf('2026-11-02')).toBe(2026);
  });
});

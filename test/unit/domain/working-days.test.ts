import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDays, dayOfWeek, shanghaiDate } from '../../../src/lib/domain/dates.ts';
import { seedCalendar, seedCalendarYear } from '../../../src/lib/domain/seed-calendar.ts';
import {
  addWorkingDays,
  buildCalendar,
  deadline,
  isProvisionalYear,
  isWorkingDay,
  workingDaysBetween
} from '../../../src/lib/domain/working-days.ts';

const seed = seedCalendar();
const cal = buildCalendar(seed.days, seed.years);

describe('seed calendar from chinese-days', () => {
  it('covers 2020–2026 and nothing else', () => {
    expect(seed.years).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(new Set(seed.days.map((d) => d.date.slice(0, 4)))).toEqual(
      new Set(['2020', '2021', '2022', '2023', '2024', '2025', '2026'])
    );
  });

  it("agrees with the package's own JSON data file for every day of 2020–2026", () => {
    // Independent source: the per-year JSON the package ships (not the functions we called).
    const pkg = createRequire(import.meta.url).resolve('chinese-days/package.json');
    for (const year of seed.years) {
      const data = JSON.parse(readFileSync(join(dirname(pkg), 'dist', 'years', `${year}.json`), 'utf8')) as {
        holidays: Record<string, string>;
        workdays: Record<string, string>;
      };
      for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) {
        const dow = dayOfWeek(d);
        const expected = d in data.workdays || (dow >= 1 && dow <= 5 && !(d in data.holidays));
        if (isWorkingDay(cal, d) !== expected) throw new Error(`${d}: expected working=${expected}`);
      }
    }
  });

  it('names the days in Chinese and marks 2026 make-up Saturdays as working days', () => {
    const y2026 = seedCalendarYear(2026);
    const makeUp = y2026.filter((d) => d.kind === 'workday').map((d) => d.date);
    // State Council 2026 schedule (gov.cn content_7047091): 1-4, 2-14, 2-28, 5-9, 9-20, 10-10 are worked.
    expect(makeUp).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    expect(y2026.find((d) => d.date === '2026-10-01')).toMatchObject({
      kind: 'holiday',
      name: '国庆节',
      nameEn: 'National Day'
    });
    expect(y2026.find((d) => d.date === '2026-02-17')).toMatchObject({ kind: 'holiday', name: '春节' });
  });
});

describe('National Day 2026 (10-01..10-07 off, Sunday 9-20 and Saturday 10-10 worked; Mid-Autumn 9-25..27)', () => {
  it('classifies the days around the holiday', () => {
    expect(isWorkingDay(cal, '2026-09-20')).toBe(true); // Sunday, make-up
    expect(isWorkingDay(cal, '2026-09-25')).toBe(false); // Friday, Mid-Autumn
    for (const d of ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'])
      expect(isWorkingDay(cal, d)).toBe(false);
    expect(isWorkingDay(cal, '2026-10-08')).toBe(true);
    expect(isWorkingDay(cal, '2026-10-10')).toBe(true); // Saturday, make-up
    expect(isWorkingDay(cal, '2026-10-11')).toBe(false); // ordinary Sunday
  });

  it('10 working days from Monday 2026-09-28 end on Friday 2026-10-16', () => {
    // 9-29, 9-30, 10-08, 10-09, 10-10(Sat), 10-12, 10-13, 10-14, 10-15, 10-16
    expect(deadline(cal, '2026-09-28', 10)).toEqual({ due: '2026-10-16', provisional: false });
    // Weekends only would have said 10-12: the holiday calendar matters.
    expect(deadline(buildCalendar([], [2026]), '2026-09-28', 10).due).toBe('2026-10-12');
  });

  it('counts working days with the start day excluded and the end day included', () => {
    expect(workingDaysBetween(cal, '2026-09-30', '2026-10-09')).toBe(2);
    expect(workingDaysBetween(cal, '2026-09-28', '2026-10-16')).toBe(10);
    expect(workingDaysBetween(cal, '2026-10-16', '2026-09-28')).toBe(-10);
    expect(workingDaysBetween(cal, '2026-10-01', '2026-10-01')).toBe(0);
    expect(addWorkingDays(cal, '2026-09-30', 1)).toBe('2026-10-08');
    expect(addWorkingDays(cal, '2026-09-30', 0)).toBe('2026-09-30');
  });
});

describe('Spring Festival 2026 (2-15..2-23 off, Saturdays 2-14 and 2-28 worked)', () => {
  it('10 working days from Wednesday 2026-02-11 end on Tuesday 2026-03-03', () => {
    // 2-12, 2-13, 2-14(Sat), 2-24, 2-25, 2-26, 2-27, 2-28(Sat), 3-02, 3-03
    expect(deadline(cal, '2026-02-11', 10)).toEqual({ due: '2026-03-03', provisional: false });
    expect(workingDaysBetween(cal, '2026-02-13', '2026-02-24')).toBe(2); // 2-14 and 2-24
  });
});

describe('a year without published data', () => {
  it('2030 falls back to Monday–Friday and is marked provisional', () => {
    expect(deadline(cal, '2030-09-30', 10)).toEqual({ due: '2030-10-14', provisional: true });
    expect(isWorkingDay(cal, '2030-10-01')).toBe(true); // no holiday data: an ordinary Tuesday
  });
  it('a range reaching into 2027 is provisional too', () => {
    expect(deadline(cal, '2026-12-28', 10).provisional).toBe(true);
    expect(deadline(cal, '2026-12-01', 10).provisional).toBe(false);
  });
});

describe('Shanghai dates from instants', () => {
  it('uses Asia/Shanghai whatever the machine time zone', () => {
    expect(shanghaiDate(new Date('2026-09-30T16:30:00Z'))).toBe('2026-10-01');
    expect(shanghaiDate(new Date('2026-09-30T15:59:59Z'))).toBe('2026-09-30');
  });
  it('rejects malformed calendar rows', () => {
    expect(() => buildCalendar([{ date: '2026-02-30', kind: 'holiday', name: 'x' }])).toThrow(RangeError);
  });
});

describe('calendar edge cases', () => {
  it('a calendar of valid days builds; a bad date is refused by name', () => {
    expect(buildCalendar([{ date: '2026-10-01', kind: 'holiday', name: '国庆节' }]).days.size).toBe(1);
    expect(() => buildCalendar([{ date: '2026-02-30', kind: 'holiday', name: 'x' }])).toThrow(
      'calendar: bad date 2026-02-30'
    );
  });

  it('the published years are those listed, not those that happen to have rows', () => {
    const c = buildCalendar([{ date: '2027-01-01', kind: 'holiday', name: '元旦' }], [2026]);
    expect(isProvisionalYear(c, 2026)).toBe(false);
    expect(isProvisionalYear(c, 2027)).toBe(true);
  });

  it('a number of working days must be a whole number, not negative', () => {
    expect(() => addWorkingDays(cal, '2026-11-02', -1)).toThrow('addWorkingDays: n must be a non-negative integer');
    expect(() => addWorkingDays(cal, '2026-11-02', 1.5)).toThrow(RangeError);
    expect(addWorkingDays(cal, '2026-11-02', 0)).toBe('2026-11-02');
  });

  it('a calendar without any working day for more than a year is an error, not an endless count', () => {
    const days: { date: string; kind: 'holiday'; name: string }[] = [];
    for (let d = '2025-12-31'; d <= '2027-01-01'; d = addDays(d, 1)) days.push({ date: d, kind: 'holiday', name: 'x' });
    // 2025-12-31 … 2027-01-01 off, then a weekend: 369 days without work.
    expect(() => addWorkingDays(buildCalendar(days), '2025-12-30', 1)).toThrow(
      'addWorkingDays: calendar has no working day for a year'
    );
    // Exactly 366 days off in a row (2025-12-31 … 2026-12-31) are still crossed: Friday 2027-01-01 is worked.
    expect(addWorkingDays(buildCalendar(days.slice(0, 366)), '2025-12-30', 1)).toBe('2027-01-01');
  });
});

describe('dates that do not exist', () => {
  it('date arithmetic refuses an impossible date instead of rolling it over', () =>
    expect(() => addDays('2026-02-30', 1)).toThrow('not a YYYY-MM-DD date: 2026-02-30'));
  it('an invalid instant has no Shanghai date', () =>
    expect(() => shanghaiDate(new Date('not a date'))).toThrow('invalid instant'));
});

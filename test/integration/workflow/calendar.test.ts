// The stored calendar: migration 021 equals seedCalendar() (chinese-days), and an administrator's edit
// changes a project's due date because the clock reads the table.
import { describe, expect, it } from 'vitest';
import { seedCalendar } from '../../../src/lib/domain/seed-calendar.ts';
import { calendarSeedSql } from '../../../src/lib/server/calendar/calendar-seed-sql.ts';
import { calendarYear, loadCalendar, setCalendarDay } from '../../../src/lib/server/calendar/calendar.service.ts';
import { clockStatus } from '../../../src/lib/domain/clock.ts';
import { readFileSync } from 'node:fs';
import { getDb, user } from './harness.ts';
import { UserError } from '../../../src/lib/errors.ts';

describe('working-day calendar in the database', () => {
  it('migration 021 is exactly what seedCalendar() generates today', () => {
    expect(readFileSync('migrations/021_calendar_seed.sql', 'utf8')).toBe(calendarSeedSql());
  });

  it('holds every seeded day; 2026 National Day and its make-up Saturday are read back', async () => {
    const db = await getDb();
    const cal = await loadCalendar(db);
    const seed = seedCalendar();
    for (const d of seed.days.filter((x) => x.date < '2030-01-01')) expect(cal.days.get(d.date)?.kind).toBe(d.kind);
    expect(cal.days.get('2026-10-01')?.kind).toBe('holiday');
    expect(cal.days.get('2026-10-10')?.kind).toBe('workday');
    expect(cal.years.has(2026)).toBe(true);
    expect(cal.years.has(2031)).toBe(false);
  });

  it('accepted on Tuesday 2026-09-29 the due date is 2026-10-19 (National Day 10-1..10-7 off, Saturday 10-10 worked)', async () => {
    const db = await getDb();
    const clock = { startedOn: '2026-09-29', pauses: [], stoppedOn: null };
    // Counted by hand (the acceptance day itself does not count): 9-30=1, [10-1..10-7 off], 10-8=2,
    // 10-9=3, Sat 10-10 make-up=4, 10-12..10-16=5..9, [weekend], Mon 10-19=10.
    expect(clockStatus(clock, await loadCalendar(db), '2026-09-29').due).toBe('2026-10-19');
  });

  it('an administrator declaring an extra holiday in an unpublished year moves the due date; others may not', async () => {
    const db = await getDb();
    const admin = await user(db, 'admin');
    const officer = await user(db, 'district_industry', 'pudong');
    const clock = { startedOn: '2031-03-03', pauses: [], stoppedOn: null }; // Monday; 2031 has no published schedule
    const before = clockStatus(clock, await loadCalendar(db), '2031-03-03');
    expect(before.due).toBe('2031-03-17');
    expect(before.provisional).toBe(true);
    const refused = await setCalendarDay(db, officer, '2031-03-05', { kind: 'holiday', name: '测试假日' }).then(
      () => null,
      (e) => e as UserError
    );
    expect(refused?.status).toBe(403);
    await setCalendarDay(db, admin, '2031-03-05', { kind: 'holiday', name: '测试假日' });
    expect(clockStatus(clock, await loadCalendar(db), '2031-03-03').due).toBe('2031-03-18');
    await setCalendarDay(db, admin, '2031-03-05', { kind: null });
    expect((await calendarYear(db, 2031)).days).toEqual([]);
  });
});

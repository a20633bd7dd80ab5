// The recognition clock (clock.ts) as a user reads it on the case page: before acceptance, and whether the
// figures rest on a year whose holiday schedule is not published yet (示意: weekends only).
import { describe, expect, it } from 'vitest';
import { clockStatus } from '../../../src/lib/domain/clock.ts';
import { seedCalendar } from '../../../src/lib/domain/seed-calendar.ts';
import { buildCalendar } from '../../../src/lib/domain/working-days.ts';

const seed = seedCalendar(); // published schedules up to 2026; 2027 is provisional
const cal = buildCalendar(seed.days, seed.years);
const started = (startedOn: string, stoppedOn: string | null = null) => ({
  startedOn,
  pauses: [],
  stoppedOn,
  submittedOn: null
});

describe('the recognition clock', () => {
  it('before acceptance nothing runs: 10 days left, no due date, nothing late or provisional', () =>
    expect(clockStatus({ startedOn: null, pauses: [], stoppedOn: null, submittedOn: null }, cal, '2026-11-30')).toEqual(
      {
        state: 'not_started',
        startedOn: null,
        used: 0,
        remaining: 10,
        due: null,
        overdue: false,
        late: false,
        provisional: false,
        pausedDays: 0
      }
    ));

  it('accepted on Monday 2026-12-21: the due date falls in 2027, whose schedule is not published, so it is provisional', () => {
    const s = clockStatus(started('2026-12-21'), cal, '2026-12-22');
    expect(s).toMatchObject({ state: 'running', used: 1, due: '2027-01-04', provisional: true });
  });

  it('accepted on 2026-12-01 and still open on 2027-01-05: overdue, and provisional because today is in 2027', () => {
    const s = clockStatus(started('2026-12-01'), cal, '2027-01-05');
    expect(s).toMatchObject({ state: 'running', due: '2026-12-15', overdue: true, provisional: true });
  });

  it('decided within 2026: not provisional, however late the page is read', () => {
    const s = clockStatus(started('2026-12-01', '2026-12-10'), cal, '2027-03-01');
    expect(s).toMatchObject({ state: 'stopped', used: 7, due: '2026-12-15', late: false, provisional: false });
  });
});

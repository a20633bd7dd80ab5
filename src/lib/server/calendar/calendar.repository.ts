// The working-day calendar's tables (calendar_days, calendar_years; migration 021) and the calendar's events.
import type { Queryable } from '../db/index.ts';
import { insertOfficeEvent } from '../audit/events.repository.ts';

export interface CalendarDayRow {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
  name_en: string | null;
}

export async function calendarDays(db: Queryable): Promise<CalendarDayRow[]> {
  return (
    await db.query<CalendarDayRow>(
      `select to_char(date, 'YYYY-MM-DD') as date, kind, name, name_en from calendar_days order by date`
    )
  ).rows;
}

/** The years whose schedule is published (complete), in order. */
export async function publishedYears(db: Queryable): Promise<number[]> {
  return (await db.query<{ year: number }>('select year from calendar_years order by year')).rows.map((r) => r.year);
}

export async function calendarDay(db: Queryable, date: string): Promise<{ kind: string; name: string } | null> {
  return (
    (await db.query<{ kind: string; name: string }>('select kind, name from calendar_days where date = $1', [date]))
      .rows[0] ?? null
  );
}

export async function deleteCalendarDay(db: Queryable, date: string): Promise<void> {
  await db.query('delete from calendar_days where date = $1', [date]);
}

export async function upsertCalendarDay(
  db: Queryable,
  d: { date: string; kind: string; name: string; nameEn: string | null; by: string }
): Promise<void> {
  await db.query(
    `insert into calendar_days (date, kind, name, name_en, updated_by, updated_at) values ($1, $2, $3, $4, $5, now())
     on conflict (date) do update set kind = excluded.kind, name = excluded.name, name_en = excluded.name_en,
       updated_by = excluded.updated_by, updated_at = now()`,
    [d.date, d.kind, d.name, d.nameEn, d.by]
  );
}

/** Replaces a year's days by `days`; answers how many there were. */
export async function replaceYearDays(
  db: Queryable,
  year: number,
  days: { date: string; kind: string; name: string }[],
  by: string
): Promise<number> {
  const old = await db.query<{ n: number }>(
    `select count(*)::int as n from calendar_days where extract(year from date) = $1`,
    [year]
  );
  await db.query(`delete from calendar_days where extract(year from date) = $1`, [year]);
  for (const d of days) {
    await db.query(
      `insert into calendar_days (date, kind, name, updated_by, updated_at) values ($1, $2, $3, $4, now())`,
      [d.date, d.kind, d.name, by]
    );
  }
  return old.rows[0]?.n ?? 0;
}

export async function publishYear(db: Queryable, year: number, source: string): Promise<void> {
  await db.query(
    `insert into calendar_years (year, source) values ($1, $2) on conflict (year) do update set source = excluded.source, updated_at = now()`,
    [year, source]
  );
}

export async function insertCalendarEvent(
  db: Queryable,
  actor: { id: string; role: string },
  action: string,
  payload: Record<string, unknown>
): Promise<void> {
  await insertOfficeEvent(db, { actorId: actor.id, role: actor.role, action, payload });
}

export interface CalendarEventRow {
  id: string;
  at: Date;
  action: string;
  actor_name: string | null;
  payload: Record<string, unknown>;
}

/** The latest changes of the calendar and the time limits, newest first. */
export async function calendarEvents(db: Queryable, limit: number): Promise<CalendarEventRow[]> {
  const { rows } = await db.query<CalendarEventRow>(
    `select e.id::text as id, e.at, e.action, u.display_name as actor_name, e.payload from events e left join users u on u.id = e.actor_id
      where e.project_id is null and e.action in ('calendar_day_changed', 'calendar_imported', 'deadlines_changed') order by e.id desc limit $1`,
    [limit]
  );
  return rows;
}

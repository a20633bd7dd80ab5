// The working-day calendar stored in the database (seeded by migration 021 from chinese-days; edited by
// administrators through PUT /api/v1/calendar/:date). The clock (domain/clock.ts) evaluates it.
import { z } from 'zod';
import type { Db, Queryable } from '../db/index.ts';
import { buildCalendar, type Calendar, type CalendarDay } from '../../domain/working-days.ts';
import { isIsoDate, yearOf } from '../../domain/dates.ts';
import { parseHolidayList } from '../../domain/calendar-import.ts';
import { apiError } from '../http/api.ts';
import type { SessionUser } from '../auth/session.ts';
import * as repo from './calendar.repository.ts';

export async function loadCalendar(db: Queryable): Promise<Calendar> {
  const days = await repo.calendarDays(db);
  return buildCalendar(
    days.map((r) => ({ date: r.date, kind: r.kind, name: r.name, ...(r.name_en ? { nameEn: r.name_en } : {}) })),
    await repo.publishedYears(db)
  );
}

/** The years whose holiday schedule is published. */
export const publishedYears = (db: Queryable): Promise<number[]> => repo.publishedYears(db);

export interface CalendarYearView {
  year: number;
  published: boolean;
  days: CalendarDay[];
}

export async function calendarYear(db: Queryable, year: number): Promise<CalendarYearView> {
  const cal = await loadCalendar(db);
  return { year, published: cal.years.has(year), days: [...cal.days.values()].filter((d) => yearOf(d.date) === year) };
}

export const calendarDayInputSchema = z.object({
  /** null removes the exception: the day follows Monday–Friday again. */
  kind: z.enum(['holiday', 'workday']).nullable(),
  name: z.string().trim().min(1).max(50).optional(),
  nameEn: z.string().trim().max(50).optional(),
  /** Mark the day's year as published (its schedule is complete; no longer provisional). */
  publishYear: z.boolean().optional()
});
export type CalendarDayInput = z.infer<typeof calendarDayInputSchema>;

/** Admin edit of one day (and optionally marks its year published). */
export async function setCalendarDay(
  db: Db,
  actor: SessionUser,
  date: string,
  input: CalendarDayInput
): Promise<CalendarYearView> {
  if (actor.role !== 'admin')
    throw apiError(403, 'forbidden', {
      zh: '只有系统管理员可以修改工作日历。',
      en: 'Only administrators can edit the working-day calendar.'
    });
  if (!isIsoDate(date))
    throw apiError(400, 'bad_date', {
      zh: `日期格式应为 YYYY-MM-DD：${date}`,
      en: `The date must be YYYY-MM-DD: ${date}`
    });
  if (input.kind !== null && !input.name)
    throw apiError(400, 'name_missing', {
      zh: '请填写节日名称（如“国庆节”）。',
      en: 'Give the holiday name (e.g. National Day).'
    });
  await db.transaction(async (tx) => {
    const before = await repo.calendarDay(tx, date);
    if (input.kind === null) await repo.deleteCalendarDay(tx, date);
    else
      await repo.upsertCalendarDay(tx, {
        date,
        kind: input.kind,
        name: input.name!,
        nameEn: input.nameEn ?? null,
        by: actor.id
      });
    if (input.publishYear) await repo.publishYear(tx, yearOf(date), `admin:${actor.username}`);
    // Every change of the calendar is in the log (issue 13.6): what the day was and what it is now.
    await repo.insertCalendarEvent(tx, actor, 'calendar_day_changed', {
      date,
      before,
      after: input.kind === null ? null : { kind: input.kind, name: input.name },
      publishYear: input.publishYear ?? false
    });
  });
  return calendarYear(db, yearOf(date));
}

/**
 * Import a year's whole holiday schedule (pasted from the State Council's notice): replaces the year's days,
 * marks the year published, logs one event. One bad line refuses the whole list, naming every bad line.
 */
export async function importHolidayYear(
  db: Db,
  actor: SessionUser,
  year: number,
  text: string
): Promise<CalendarYearView & { imported: number }> {
  if (actor.role !== 'admin')
    throw apiError(403, 'forbidden', {
      zh: '只有系统管理员可以修改工作日历。',
      en: 'Only administrators can edit the working-day calendar.'
    });
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw apiError(400, 'bad_year', {
      zh: `年份应在 2000–2100 之间：${year}`,
      en: `The year must lie between 2000 and 2100: ${year}`
    });
  const parsed = parseHolidayList(String(text ?? ''), year);
  if (!parsed.ok) {
    throw apiError(400, 'bad_holiday_list', {
      zh: `节假日安排未导入，请改正后重试：${parsed.problems.map((p) => p.zh).join('；')}`,
      en: `The schedule was not imported; correct it and try again: ${parsed.problems.map((p) => p.en).join('; ')}`
    });
  }
  await db.transaction(async (tx) => {
    const replaced = await repo.replaceYearDays(tx, year, parsed.days, actor.id);
    await repo.publishYear(tx, year, `import:${actor.username}`);
    await repo.insertCalendarEvent(tx, actor, 'calendar_imported', {
      year,
      days: parsed.days.length,
      holidays: parsed.days.filter((d) => d.kind === 'holiday').length,
      workdays: parsed.days.filter((d) => d.kind === 'workday').length,
      replaced
    });
  });
  return { ...(await calendarYear(db, year)), imported: parsed.days.length };
}

export interface CalendarLogEntry {
  id: string;
  at: string;
  action: string;
  actorName: string | null;
  payload: Record<string, unknown>;
}

/** The latest changes of the calendar and the time limits, newest first. */
export async function calendarLog(db: Queryable, limit = 30): Promise<CalendarLogEntry[]> {
  return (await repo.calendarEvents(db, limit)).map((r) => ({
    id: r.id,
    at: new Date(r.at).toISOString(),
    action: r.action,
    actorName: r.actor_name,
    payload: r.payload
  }));
}

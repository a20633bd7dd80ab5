// The working-day calendar stored in the database (seeded by migration 021 from chinese-days; edited by
// administrators through PUT /api/v1/calendar/:date). The clock (domain/clock.ts) evaluates it.
import { z } from 'zod';
import type { Db, Queryable } from '../db/index.ts';
import { buildCalendar, type Calendar, type CalendarDay } from '../../domain/working-days.ts';
import { isIsoDate, yearOf } from '../../domain/dates.ts';
import { apiError } from '../http/api.ts';
import type { SessionUser } from '../auth/session.ts';

export async function loadCalendar(db: Queryable): Promise<Calendar> {
  const days = await db.query<{ date: string; kind: 'holiday' | 'workday'; name: string; name_en: string | null }>(
    `select to_char(date, 'YYYY-MM-DD') as date, kind, name, name_en from calendar_days order by date`
  );
  const years = await db.query<{ year: number }>('select year from calendar_years order by year');
  return buildCalendar(
    days.rows.map((r) => ({ date: r.date, kind: r.kind, name: r.name, ...(r.name_en ? { nameEn: r.name_en } : {}) })),
    years.rows.map((r) => r.year)
  );
}

export interface CalendarYearView { year: number; published: boolean; days: CalendarDay[] }

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
export async function setCalendarDay(db: Db, actor: SessionUser, date: string, input: CalendarDayInput): Promise<CalendarYearView> {
  if (actor.role !== 'admin') throw apiError(403, 'forbidden', { zh: '只有系统管理员可以修改工作日历。', en: 'Only administrators can edit the working-day calendar.' });
  if (!isIsoDate(date)) throw apiError(400, 'bad_date', { zh: `日期格式应为 YYYY-MM-DD：${date}`, en: `The date must be YYYY-MM-DD: ${date}` });
  if (input.kind !== null && !input.name) throw apiError(400, 'name_missing', { zh: '请填写节日名称（如“国庆节”）。', en: 'Give the holiday name (e.g. National Day).' });
  await db.transaction(async (tx) => {
    if (input.kind === null) await tx.query('delete from calendar_days where date = $1', [date]);
    else
      await tx.query(
        `insert into calendar_days (date, kind, name, name_en, updated_by, updated_at) values ($1, $2, $3, $4, $5, now())
         on conflict (date) do update set kind = excluded.kind, name = excluded.name, name_en = excluded.name_en,
           updated_by = excluded.updated_by, updated_at = now()`,
        [date, input.kind, input.name, input.nameEn ?? null, actor.id]
      );
    if (input.publishYear) {
      await tx.query(`insert into calendar_years (year, source) values ($1, $2) on conflict (year) do update set source = excluded.source, updated_at = now()`, [
        yearOf(date),
        `admin:${actor.username}`
      ]);
    }
  });
  return calendarYear(db, yearOf(date));
}

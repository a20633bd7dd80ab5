import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { failWith } from '$lib/server/http/page-errors.ts';
import { shanghaiDate, yearOf } from '$lib/domain/dates.ts';
import {
  calendarLog,
  calendarYear,
  importHolidayYear,
  publishedYears,
  setCalendarDay
} from '$lib/server/calendar/calendar.service.ts';
import {
  canConfigureDeadlines,
  loadDeadlineSettings,
  saveDeadlineSettings
} from '$lib/server/deadlines/settings.service.ts';

// 工作日历与办理时限 (issue 13.4, 13.6): the time limits (administrator or city SHEITC) and the working-day
// calendar — 调休 days and a year's holiday schedule imported in the browser (administrator). Every change logged.
export const load: PageServerLoad = async ({ locals, url }) => {
  const user = locals.user;
  if (!user || !canConfigureDeadlines(user.role))
    error(
      403,
      locals.lang === 'zh'
        ? '仅系统管理员或市经济信息化委可以维护工作日历和办理时限'
        : 'Only the administrator or the city SHEITC maintain the calendar and time limits'
    );
  const db = await getDb();
  const thisYear = yearOf(shanghaiDate(new Date()));
  const asked = Number(url.searchParams.get('year'));
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : thisYear;
  const years = await publishedYears(db);
  const shown = [...new Set([...years, thisYear, thisYear + 1, year])].sort((a, b) => a - b);
  const [view, settings, log] = await Promise.all([calendarYear(db, year), loadDeadlineSettings(db), calendarLog(db)]);
  return { year, years: shown, published: years, view, settings, log, canEditCalendar: user.role === 'admin' };
};

const run = async (lang: 'zh' | 'en', fn: () => Promise<Record<string, unknown> | void>) => {
  try {
    return { ok: true, ...((await fn()) ?? {}) };
  } catch (e) {
    return failWith(e, lang);
  }
};
const str = (f: FormData, k: string) => String(f.get(k) ?? '').trim();

export const actions: Actions = {
  deadlines: async ({ locals, request }) => {
    const f = await request.formData();
    return run(locals.lang, async () => {
      await saveDeadlineSettings(await getDb(), locals.user!, {
        recognitionWorkingDays: Number(str(f, 'recognitionWorkingDays')),
        acceptanceWorkingDays: Number(str(f, 'acceptanceWorkingDays')),
        opinionWorkingDays: Number(str(f, 'opinionWorkingDays')),
        warnAt: Number(str(f, 'warnAt')) / 100,
        alertAt: Number(str(f, 'alertAt')) / 100
      });
      return { saved: 'deadlines' };
    });
  },
  day: async ({ locals, request }) => {
    const f = await request.formData();
    const kind = str(f, 'kind');
    return run(locals.lang, async () => {
      await setCalendarDay(await getDb(), locals.user!, str(f, 'date'), {
        kind: kind === 'holiday' || kind === 'workday' ? kind : null,
        ...(str(f, 'name') ? { name: str(f, 'name') } : {})
      });
      return { saved: 'day' };
    });
  },
  import: async ({ locals, request }) => {
    const f = await request.formData();
    return run(locals.lang, async () => {
      const r = await importHolidayYear(await getDb(), locals.user!, Number(str(f, 'year')), str(f, 'text'));
      return { saved: 'import', imported: r.imported };
    });
  }
};

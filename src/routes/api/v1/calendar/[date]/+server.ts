import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { apiError, endpoint, readJson, requireUser } from '$lib/server/http/api.ts';
import { calendarDayInputSchema, setCalendarDay } from '$lib/server/calendar/calendar.service.ts';

// PUT /api/v1/calendar/:date {kind: 'holiday'|'workday'|null, name?, nameEn?, publishYear?} — administrators only.
export const PUT = endpoint(async (event) => {
  const user = requireUser(event);
  const parsed = calendarDayInputSchema.safeParse(await readJson(event));
  if (!parsed.success)
    throw apiError(400, 'bad_calendar_day', {
      zh: 'kind 应为 holiday、workday 或 null。',
      en: 'kind must be holiday, workday or null.'
    });
  return json(await setCalendarDay(await getDb(), user, event.params.date!, parsed.data));
});

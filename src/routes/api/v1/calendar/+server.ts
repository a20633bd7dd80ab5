import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { apiError, endpoint, requireUser } from '$lib/server/http/api.ts';
import { calendarYear } from '$lib/server/calendar/calendar.service.ts';

// GET /api/v1/calendar?year=2026 — holidays and make-up days of a year, and whether it is published.
export const GET = endpoint(async (event) => {
  requireUser(event);
  const year = Number(event.url.searchParams.get('year') ?? new Date().getFullYear());
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw apiError(400, 'bad_year', { zh: '年份无效。', en: 'Invalid year.' });
  return json(await calendarYear(await getDb(), year));
});

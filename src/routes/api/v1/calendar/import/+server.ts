import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { endpoint, readJson, requireUser } from '$lib/server/http/api.ts';
import { importHolidayYear } from '$lib/server/calendar/calendar.service.ts';

// POST /api/v1/calendar/import {year, text} — administrators: replace a year's holidays and make-up days with the
// pasted schedule (one line per day or range: 2027-02-06~2027-02-12,holiday,春节); the year becomes published.
export const POST = endpoint(async (event) => {
  const user = requireUser(event);
  const body = await readJson(event);
  return json(await importHolidayYear(await getDb(), user, Number(body.year), String(body.text ?? '')));
});

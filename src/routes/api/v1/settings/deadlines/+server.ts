import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { endpoint, readJson, requireUser } from '$lib/server/http/api.ts';
import { loadDeadlineSettings, saveDeadlineSettings } from '$lib/server/deadlines/settings.service.ts';

// GET /api/v1/settings/deadlines — the time limits in force (any signed-in user).
export const GET = endpoint(async (event) => {
  requireUser(event);
  return json(await loadDeadlineSettings(await getDb()));
});

// PUT /api/v1/settings/deadlines {recognitionWorkingDays, acceptanceWorkingDays, opinionWorkingDays, warnAt, alertAt}
// — the administrator or the city SHEITC; the change is an event.
export const PUT = endpoint(async (event) => {
  const user = requireUser(event);
  return json(await saveDeadlineSettings(await getDb(), user, await readJson(event)));
});

import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { endpoint, readJson, requireUser } from '$lib/server/http/api.ts';
import { enterPerformance } from '$lib/server/aftercare/contract.service.ts';

// PUT /api/v1/projects/:id/performance/:year {taxWan, outputWan, investmentWan, employees} — enterprise or district lead.
export const PUT = endpoint(async (event) => {
  const user = requireUser(event);
  const body = await readJson(event);
  return json(await enterPerformance(await getDb(), user, event.params.id!, { ...body, year: event.params.year }));
});

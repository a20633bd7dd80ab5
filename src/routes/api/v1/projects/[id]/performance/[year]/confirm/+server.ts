import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { apiError, endpoint, requireUser } from '$lib/server/http/api.ts';
import { confirmPerformance } from '$lib/server/aftercare/contract.service.ts';

// POST /api/v1/projects/:id/performance/:year/confirm — district lead confirms the enterprise's figures.
export const POST = endpoint(async (event) => {
  const user = requireUser(event);
  const year = Number(event.params.year);
  if (!Number.isInteger(year))
    throw apiError(400, 'bad_year', { zh: '年度应为四位整数。', en: 'The year must be a four-digit number.' });
  return json(await confirmPerformance(await getDb(), user, event.params.id!, year));
});

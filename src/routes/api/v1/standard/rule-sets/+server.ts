import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { endpoint, requireUser } from '$lib/server/http/api.ts';
import { listRuleSets } from '$lib/server/standard/index.ts';

/** Every version (and the draft), newest first, with which one is in force today. */
export const GET = endpoint(async (event) => {
  requireUser(event);
  const { ruleSets, inForceId, today } = await listRuleSets(await getDb());
  return json({
    today,
    inForceId,
    ruleSets: event.url.searchParams.has('full')
      ? ruleSets
      : ruleSets.map(({ criteria, ...r }) => ({ ...r, criteriaCount: criteria.length }))
  });
});

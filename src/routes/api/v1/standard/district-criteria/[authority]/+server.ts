import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { endpoint, readJson, requireUser } from '$lib/server/http/api.ts';
import { districtCriteriaInForce, listDistrictCriteria } from '$lib/server/standard/district-criteria.service.ts';
import { publishForDistrict } from '$lib/server/standard/district-publish.service.ts';

// District criteria on top of the city's rule set (一.3).
// GET → {inForce, versions}; POST {criteria: Criterion[], notes?, effectiveFrom?} → the new version (district lead or admin).
export const GET = endpoint(async (event) => {
  requireUser(event);
  const db = await getDb();
  const code = event.params.authority!;
  return json({ inForce: await districtCriteriaInForce(db, code), versions: await listDistrictCriteria(db, code) });
});

export const POST = endpoint(async (event) => {
  const user = requireUser(event);
  const body = await readJson(event);
  return json(await publishForDistrict(await getDb(), user, event.params.authority!, body), { status: 201 });
});

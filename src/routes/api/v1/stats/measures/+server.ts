import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { endpoint, readJson, requireUser } from '$lib/server/http/api.ts';
import { districtMeasures, recordDistrictMeasure } from '$lib/server/supervision/supervision.service.ts';

// GET: measures against districts in the caller's scope. POST {authorityCode, measure, note, flags?}: city only.
export const GET = endpoint(async (event) =>
  json({ measures: await districtMeasures(await getDb(), requireUser(event)) })
);

export const POST = endpoint(async (event) => {
  const user = requireUser(event);
  return json(await recordDistrictMeasure(await getDb(), user, await readJson(event)), { status: 201 });
});

import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { endpoint, readJson, requireUser } from '$lib/server/http/api.ts';
import { recordOverride } from '$lib/server/standard/index.ts';

/** {reason, criterionIds?}: the district overrides negative-list hits; recorded in the event log. */
export const POST = endpoint(async (event) => {
  const user = requireUser(event);
  const body = await readJson(event);
  return json(await recordOverride(await getDb(), user, event.params.id ?? '', body), { status: 201 });
});

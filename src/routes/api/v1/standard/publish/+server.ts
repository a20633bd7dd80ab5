import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { endpoint, readJson, requireUser } from '$lib/server/http/api.ts';
import { publishDraft } from '$lib/server/standard/index.ts';

/** {effectiveFrom: 'YYYY-MM-DD'} → the new version and, if in force, the open projects whose result changed. */
export const POST = endpoint(async (event) => {
  const user = requireUser(event);
  const body = await readJson(event);
  return json({ report: await publishDraft(await getDb(), user, body.effectiveFrom) });
});

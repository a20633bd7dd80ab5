import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { endpoint, readJson, requireUser } from '$lib/server/http/api.ts';
import { recordDeclaration } from '$lib/server/standard/index.ts';

/** {criterionId, affirmed: true|false, fileId?}: the enterprise's declaration with its document. */
export const POST = endpoint(async (event) => {
  const user = requireUser(event);
  const body = await readJson(event);
  const e = await recordDeclaration(await getDb(), user, event.params.id ?? '', body);
  return json({ outcome: e.outcome }, { status: 201 });
});

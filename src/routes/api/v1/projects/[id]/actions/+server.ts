import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { endpoint, readJson, requireUser } from '$lib/server/http/api.ts';
import { applyProjectAction } from '$lib/server/workflow/workflow.service.ts';

// POST /api/v1/projects/:id/actions {action, expectedVersion, comment?, opinion?, departments?, documentId?, override?}
// → {state, version, stage}. 403 role/district, 409 stage/path/stale version, 400 missing input.
export const POST = endpoint(async (event) => {
  const user = requireUser(event);
  const body = await readJson(event);
  return json(await applyProjectAction(await getDb(), user, event.params.id!, body));
});

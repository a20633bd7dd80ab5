import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { endpoint, readJson, requireUser } from '$lib/server/http/api.ts';
import { getProject, saveDraft } from '$lib/server/projects/projects.service.ts';
import { deleteDraft } from '$lib/server/projects/application-start.service.ts';

// GET /api/v1/projects/:id — the project with its events, clock, classification and what the caller may do.
export const GET = endpoint(async (event) => {
  const user = requireUser(event);
  return json(await getProject(await getDb(), user, event.params.id!));
});

// PUT /api/v1/projects/:id {form, expectedVersion, title?} — save the draft (types checked, not completeness).
export const PUT = endpoint(async (event) => {
  const user = requireUser(event);
  const body = await readJson(event);
  const expected = typeof body.expectedVersion === 'number' ? body.expectedVersion : Number.NaN;
  const saved = await saveDraft(await getDb(), user, event.params.id!, body.form ?? {}, expected, {
    title: typeof body.title === 'string' ? body.title : undefined
  });
  return json(saved);
});

// DELETE /api/v1/projects/:id {reason?} — the owner deletes a draft that was never submitted (event delete_draft).
export const DELETE = endpoint(async (event) => {
  const user = requireUser(event);
  const body = (event.request.headers.get('content-type') ?? '').includes('json') ? await readJson(event) : {};
  await deleteDraft(await getDb(), user, event.params.id!, {
    reason: typeof body.reason === 'string' ? body.reason : undefined
  });
  return new Response(null, { status: 204 });
});

import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { endpoint, requireUser } from '$lib/server/http/api.ts';
import { inbox } from '$lib/server/workflow/workflow.service.ts';

// GET /api/v1/inbox — what waits for the caller now, overdue first.
export const GET = endpoint(async (event) => {
  const user = requireUser(event);
  return json({ items: await inbox(await getDb(), user) });
});

import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { endpoint, readJson, requireUser } from '$lib/server/http/api.ts';
import { setOwnEmail } from '$lib/server/notifications/notify.service.ts';

// PUT /api/v1/account/email {email} — the caller's own address for e-mailed messages ('' or null: none).
export const PUT = endpoint(async (event) => {
  const user = requireUser(event);
  const body = await readJson(event);
  return json({ email: await setOwnEmail(await getDb(), user, body.email) });
});

import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { endpoint, readJson, requireUser } from '$lib/server/http/api.ts';
import { markRead, unreadCount } from '$lib/server/notifications/notify.service.ts';

// POST /api/v1/notifications/read {id?} — marks one of the caller's messages (or all) as read.
export const POST = endpoint(async (event) => {
  const user = requireUser(event);
  const body = await readJson(event);
  const db = await getDb();
  const changed = await markRead(db, user.id, body.id === undefined ? undefined : String(body.id));
  return json({ changed, unread: await unreadCount(db, user.id) });
});

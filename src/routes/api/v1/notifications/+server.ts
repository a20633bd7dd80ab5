import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { endpoint, requireUser } from '$lib/server/http/api.ts';
import { listNotifications, unreadCount } from '$lib/server/notifications/notify.service.ts';

// GET /api/v1/notifications — the caller's 站内信, newest first, with the unread count.
export const GET = endpoint(async (event) => {
  const user = requireUser(event);
  const db = await getDb();
  return json({ unread: await unreadCount(db, user.id), items: await listNotifications(db, user.id) });
});

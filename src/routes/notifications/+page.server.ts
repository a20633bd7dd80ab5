import { getDb } from '$lib/server/db/index.ts';
import { failWith } from '$lib/server/http/page-errors.ts';
import {
  listNotifications,
  markRead,
  ownEmail,
  setOwnEmail,
  unreadCount
} from '$lib/server/notifications/notify.service.ts';
import { mailConfigured } from '$lib/server/notifications/mailer.ts';
import { pageUser } from '../projects/page-helpers.server.ts';
import type { Actions, PageServerLoad } from './$types';

// 站内信 (issue 13.5): the signed-in person's messages, and the address they are e-mailed to.
export const load: PageServerLoad = async ({ locals, url }) => {
  const user = pageUser(locals, url);
  const db = await getDb();
  return {
    items: await listNotifications(db, user.id),
    unread: await unreadCount(db, user.id),
    email: await ownEmail(db, user.id),
    mailOn: mailConfigured()
  };
};

export const actions: Actions = {
  read: async ({ locals, url, request }) => {
    const user = pageUser(locals, url);
    const id = String((await request.formData()).get('id') ?? '');
    await markRead(await getDb(), user.id, id || undefined);
    return { read: true };
  },
  email: async ({ locals, url, request }) => {
    const user = pageUser(locals, url);
    try {
      await setOwnEmail(await getDb(), user, String((await request.formData()).get('email') ?? ''));
      return { emailSaved: true };
    } catch (e) {
      return failWith(e, locals.lang);
    }
  }
};

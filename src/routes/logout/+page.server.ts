import { redirect } from '@sveltejs/kit';
import type { Actions } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { deleteSession, SESSION_COOKIE } from '$lib/server/auth/session.ts';

export const actions: Actions = {
  default: async ({ cookies }) => {
    await deleteSession(await getDb(), cookies.get(SESSION_COOKIE));
    cookies.delete(SESSION_COOKIE, { path: '/' });
    redirect(303, '/login');
  }
};

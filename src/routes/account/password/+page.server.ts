import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { safeNext } from '$lib/server/http/safe-next.ts';
import { SESSION_COOKIE, tokenHash } from '$lib/server/auth/session.ts';
import { changeOwnPassword } from '$lib/server/users/accounts.service.ts';
import { MIN_PASSWORD_LENGTH } from '$lib/domain/passwords.ts';
import type { Actions, PageServerLoad } from './$types';
import { failWith } from '$lib/server/http/page-errors.ts';

// Every user changes their own password here; a user signed in with a temporary password is sent here first.
export const load: PageServerLoad = ({ locals }) => ({
  forced: locals.user?.mustChangePassword === true,
  minLength: MIN_PASSWORD_LENGTH
});

export const actions: Actions = {
  default: async ({ locals, request, url, cookies }) => {
    const user = locals.user;
    if (!user) redirect(303, '/login');
    const form = await request.formData();
    const current = String(form.get('current') ?? '');
    const next = String(form.get('next') ?? '');
    const lang = locals.lang;
    if (next !== String(form.get('repeat') ?? ''))
      return fail(400, { error: lang === 'zh' ? '两次输入的新密码不一致。' : 'The two new passwords differ.' });
    try {
      const token = cookies.get(SESSION_COOKIE);
      await changeOwnPassword(await getDb(), user, current, next, token ? tokenHash(token) : undefined);
    } catch (e) {
      return failWith(e, lang);
    }
    redirect(303, safeNext(url.searchParams.get('next')));
  }
};

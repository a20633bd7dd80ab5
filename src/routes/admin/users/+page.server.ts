import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import {
  approvePending,
  createAccount,
  listAccounts,
  resetAccountPassword,
  setAccountDisabled
} from '$lib/server/users/accounts.service.ts';
import type { Actions, PageServerLoad } from './$types';
import { failWith } from '$lib/server/http/page-errors.ts';

// Users (administrators only): create with a temporary password, disable / re-enable, reset a password.
// A temporary password is shown once, to hand over; the user must change it at the first sign-in.
function admin(locals: App.Locals) {
  if (locals.user?.role !== 'admin')
    error(403, locals.lang === 'zh' ? '仅系统管理员可管理用户。' : 'Only administrators manage users.');
  return locals.user;
}

export const load: PageServerLoad = async ({ locals }) => {
  const user = admin(locals);
  return { ...(await listAccounts(await getDb(), user)), me: user.id };
};

export const actions: Actions = {
  create: async ({ locals, request }) => {
    const user = admin(locals);
    const f = Object.fromEntries([...(await request.formData()).entries()].filter(([, v]) => typeof v === 'string'));
    try {
      const r = await createAccount(await getDb(), user, f);
      return { issued: { username: r.username, password: r.temporaryPassword, created: true } };
    } catch (e) {
      return failWith(e, locals.lang);
    }
  },
  disable: async ({ locals, request }) => {
    const user = admin(locals);
    try {
      await setAccountDisabled(await getDb(), user, String((await request.formData()).get('id') ?? ''), true);
      return { done: 'disable' };
    } catch (e) {
      return failWith(e, locals.lang);
    }
  },
  enable: async ({ locals, request }) => {
    const user = admin(locals);
    try {
      await setAccountDisabled(await getDb(), user, String((await request.formData()).get('id') ?? ''), false);
      return { done: 'enable' };
    } catch (e) {
      return failWith(e, locals.lang);
    }
  },
  approve: async ({ locals, request }) => {
    const user = admin(locals);
    const f = await request.formData();
    try {
      await approvePending(await getDb(), user, String(f.get('id') ?? ''), {
        role: f.get('role'),
        authorityCode: f.get('authorityCode')
      });
      return { done: 'approve' };
    } catch (e) {
      return failWith(e, locals.lang);
    }
  },
  reset: async ({ locals, request }) => {
    const user = admin(locals);
    try {
      const r = await resetAccountPassword(await getDb(), user, String((await request.formData()).get('id') ?? ''));
      return { issued: { username: r.username, password: r.temporaryPassword, created: false } };
    } catch (e) {
      return failWith(e, locals.lang);
    }
  }
};

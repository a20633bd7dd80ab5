import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { failWith } from '$lib/server/http/page-errors.ts';
import { createAccount } from '$lib/server/users/accounts.service.ts';
import { issueToken, listServiceAccounts, revokeToken } from '$lib/server/auth/api-tokens.ts';
import type { Actions, PageServerLoad } from './$types';

// Service accounts and their API tokens (administrators only, issue 17.1). A new token is shown once.
function admin(locals: App.Locals) {
  if (locals.user?.role !== 'admin')
    error(403, locals.lang === 'zh' ? '仅系统管理员可管理 API 令牌。' : 'Only administrators manage API tokens.');
  return locals.user;
}

export const load: PageServerLoad = async ({ locals }) => ({
  ...(await listServiceAccounts(await getDb(), admin(locals)))
});

export const actions: Actions = {
  account: async ({ locals, request }) => {
    const user = admin(locals);
    const f = Object.fromEntries([...(await request.formData()).entries()].filter(([, v]) => typeof v === 'string'));
    try {
      const r = await createAccount(await getDb(), user, f, { service: true });
      return { created: r.username, id: r.id };
    } catch (e) {
      return failWith(e, locals.lang);
    }
  },
  issue: async ({ locals, request }) => {
    const user = admin(locals);
    const f = await request.formData();
    try {
      const r = await issueToken(await getDb(), user, {
        userId: f.get('userId'),
        name: f.get('name'),
        scopes: f.getAll('scopes'),
        ratePerMinute: f.get('ratePerMinute') ?? undefined,
        expiresInDays: f.get('expiresInDays') ?? undefined
      });
      return { issued: { token: r.token, prefix: r.prefix } };
    } catch (e) {
      return failWith(e, locals.lang);
    }
  },
  revoke: async ({ locals, request }) => {
    const user = admin(locals);
    try {
      await revokeToken(await getDb(), user, String((await request.formData()).get('id') ?? ''));
      return { revoked: true };
    } catch (e) {
      return failWith(e, locals.lang);
    }
  }
};

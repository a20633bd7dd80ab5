import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { login, waitText } from '$lib/server/auth/login.ts';
import { requestAddress } from '$lib/server/auth/client-address.ts';
import { SESSION_COOKIE } from '$lib/server/auth/session.ts';
import { sessionCookieOptions } from '$lib/server/auth/cookie.ts';
import { DEMO_PASSWORD } from '$lib/server/seed/demo-users.ts';
import { isDemoInstall } from '$lib/server/seed/demo-policy.ts';
import { t } from '$lib/i18n/index.ts';
import { safeNext } from '$lib/server/http/safe-next.ts';
import { oidcSettingsFromEnv } from '$lib/server/auth/oidc.ts';

import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
  // Only a demo installation (demo accounts present and allowed) says so and prints the demo password.
  const sso = oidcSettingsFromEnv();
  const status = url.searchParams.get('sso');
  return {
    demoPassword: (await isDemoInstall(await getDb())) ? DEMO_PASSWORD : null,
    sso: sso
      ? { label: sso.label, href: `/login/oidc?next=${encodeURIComponent(safeNext(url.searchParams.get('next')))}` }
      : null,
    ssoStatus: status && ['pending', 'disabled', 'failed', 'refused', 'unreachable'].includes(status) ? status : null
  };
};

export const actions: Actions = {
  default: async (event) => {
    const form = await event.request.formData();
    const username = String(form.get('username') ?? '')
      .trim()
      .slice(0, 100);
    const password = String(form.get('password') ?? '').slice(0, 200);
    const lang = event.locals.lang;
    if (!username || !password) return fail(400, { username, error: t(lang, 'login_missing') });
    const outcome = await login(await getDb(), username, password, {
      ip: requestAddress(event),
      userAgent: event.request.headers.get('user-agent') ?? ''
    });
    if (!outcome.ok && outcome.reason === 'limited') {
      event.setHeaders({ 'retry-after': String(outcome.retryAfter) });
      return fail(429, { username, error: t(lang, 'login_limited', { wait: waitText(outcome.retryAfter)[lang] }) });
    }
    if (!outcome.ok) return fail(401, { username, error: t(lang, 'login_invalid') });
    event.cookies.set(SESSION_COOKIE, outcome.token, sessionCookieOptions(event.url, outcome.expiresAt));
    const next = safeNext(event.url.searchParams.get('next'));
    if (outcome.mustChangePassword) redirect(303, `/account/password?next=${encodeURIComponent(next)}`);
    redirect(303, next);
  }
};

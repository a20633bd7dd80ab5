import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { login, waitText } from '$lib/server/auth/login.ts';
import { requestAddress } from '$lib/server/auth/client-address.ts';
import { deleteSession, SESSION_COOKIE } from '$lib/server/auth/session.ts';
import { sessionCookieOptions } from '$lib/server/auth/cookie.ts';
import { apiError, endpoint, errorResponse, msg, readJson } from '$lib/server/http/api.ts';
import { t } from '$lib/i18n/index.ts';

export const POST = endpoint(async (event) => {
  const body = await readJson(event);
  const { username, password } = body;
  if (typeof username !== 'string' || typeof password !== 'string' || !username || !password)
    throw apiError(400, 'missing_fields', msg('missing_fields', { fields: 'username, password' }));
  const db = await getDb();
  const outcome = await login(db, username.slice(0, 100), password.slice(0, 200), {
    ip: requestAddress(event),
    userAgent: event.request.headers.get('user-agent') ?? ''
  });
  if (!outcome.ok && outcome.reason === 'limited') {
    const wait = waitText(outcome.retryAfter);
    const e = errorResponse(
      apiError(429, 'login_limited', {
        zh: t('zh', 'login_limited', { wait: wait.zh }),
        en: t('en', 'login_limited', { wait: wait.en })
      }),
      event.locals.lang
    );
    e.headers.set('retry-after', String(outcome.retryAfter));
    return e;
  }
  if (!outcome.ok) throw apiError(401, 'login_invalid', msg('login_invalid'));
  event.cookies.set(SESSION_COOKIE, outcome.token, sessionCookieOptions(event.url, outcome.expiresAt));
  return json({ ok: true, expiresAt: outcome.expiresAt, mustChangePassword: outcome.mustChangePassword });
});

export const DELETE = endpoint(async (event) => {
  const db = await getDb();
  await deleteSession(db, event.cookies.get(SESSION_COOKIE));
  event.cookies.delete(SESSION_COOKIE, { path: '/' });
  return json({ ok: true });
});

/** GET: who is signed in (id, name, role, district, bound department). */
export const GET = endpoint(async (event) => {
  const u = event.locals.user;
  if (!u) throw apiError(401, 'unauthenticated', msg('unauthenticated'));
  return json({
    user: {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      authorityCode: u.authorityCode,
      departmentCode: u.departmentCode ?? null,
      email: u.email ?? null
    }
  });
});

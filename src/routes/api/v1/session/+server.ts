import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { login } from '$lib/server/auth/login.ts';
import { deleteSession, SESSION_COOKIE } from '$lib/server/auth/session.ts';
import { sessionCookieOptions } from '$lib/server/auth/cookie.ts';
import { apiError, endpoint, msg, readJson } from '$lib/server/http/api.ts';

export const POST = endpoint(async (event) => {
  const body = await readJson(event);
  const { username, password } = body;
  if (typeof username !== 'string' || typeof password !== 'string' || !username || !password)
    throw apiError(400, 'missing_fields', msg('missing_fields', { fields: 'username, password' }));
  const db = await getDb();
  const outcome = await login(db, username.slice(0, 100), password.slice(0, 200), {
    ip: event.getClientAddress(),
    userAgent: event.request.headers.get('user-agent') ?? ''
  });
  if (!outcome.ok)
    throw outcome.reason === 'limited'
      ? apiError(429, 'login_limited', msg('login_limited'))
      : apiError(401, 'login_invalid', msg('login_invalid'));
  event.cookies.set(SESSION_COOKIE, outcome.token, sessionCookieOptions(event.url, outcome.expiresAt));
  return json({ ok: true, expiresAt: outcome.expiresAt });
});

export const DELETE = endpoint(async (event) => {
  const db = await getDb();
  await deleteSession(db, event.cookies.get(SESSION_COOKIE));
  event.cookies.delete(SESSION_COOKIE, { path: '/' });
  return json({ ok: true });
});

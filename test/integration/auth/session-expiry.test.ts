// Sessions last one working day (12 hours) and end on the server when they expire; over https the cookie
// is Secure (the login endpoint itself, called with an https URL).
import { describe, expect, it } from 'vitest';
import { getDb } from '../../../src/lib/server/db/index.ts';
import { login } from '../../../src/lib/server/auth/login.ts';
import { resolveSession, SESSION_COOKIE } from '../../../src/lib/server/auth/session.ts';
import { sessionCookieOptions } from '../../../src/lib/server/auth/cookie.ts';
import { makeUser, TEST_PASSWORD } from '../../helpers/fixtures.ts';

const meta = { ip: '10.6.0.1', userAgent: 'vitest' };

describe('session expiry', () => {
  it('a session is valid for 12 hours and resolves to nobody once expired', async () => {
    const db = await getDb();
    const user = await makeUser(db, 'district_government', 'minhang');
    const r = await login(db, user.username, TEST_PASSWORD, meta);
    if (!r.ok) throw new Error('login failed');
    const hours = (new Date(r.expiresAt).getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(11.9);
    expect(hours).toBeLessThanOrEqual(12);
    expect(await resolveSession(db, r.token)).toMatchObject({ id: user.id });
    // One second past its end (moved in the database rather than waiting 12 hours).
    await db.query(`update sessions set expires_at = now() - interval '1 second' where user_id = $1`, [user.id]);
    expect(await resolveSession(db, r.token)).toBeNull();
  });

  it("a disabled user's live session resolves to nobody", async () => {
    const db = await getDb();
    const user = await makeUser(db, 'enterprise');
    const r = await login(db, user.username, TEST_PASSWORD, meta);
    if (!r.ok) throw new Error('login failed');
    await db.query('update users set disabled = true where id = $1', [user.id]);
    expect(await resolveSession(db, r.token)).toBeNull();
  });
});

describe('the session cookie', () => {
  const expires = new Date(Date.now() + 3_600_000);
  it('is Secure over https, and HttpOnly + SameSite=Lax always', () => {
    expect(sessionCookieOptions(new URL('https://zeroland.example.gov.cn/login'), expires)).toEqual({
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: true,
      expires
    });
    expect(sessionCookieOptions(new URL('http://localhost:3000/login'), expires)).toMatchObject({
      httpOnly: true,
      sameSite: 'lax',
      secure: false
    });
  });

  it('the login endpoint sets it Secure when the request came over https', async () => {
    const db = await getDb();
    const user = await makeUser(db, 'city_planning');
    const { POST } = await import('../../../src/routes/api/v1/session/+server.ts');
    const set: { name: string; value: string; opts: Record<string, unknown> }[] = [];
    const url = new URL('https://zeroland.example.gov.cn/api/v1/session');
    const request = new Request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url.origin },
      body: JSON.stringify({ username: user.username, password: TEST_PASSWORD })
    });
    const event = {
      request,
      url,
      params: {},
      locals: { lang: 'zh' },
      route: { id: '/api/v1/session' },
      cookies: {
        set: (name: string, value: string, opts: Record<string, unknown>) => set.push({ name, value, opts }),
        get: () => undefined,
        delete: () => {}
      },
      getClientAddress: () => '10.6.0.2',
      setHeaders: () => {},
      isDataRequest: false,
      isSubRequest: false,
      platform: undefined,
      fetch
    };
    const res = await POST(event as never);
    expect(res.status).toBe(200);
    expect(set).toHaveLength(1);
    expect(set[0].name).toBe(SESSION_COOKIE);
    expect(set[0].opts).toMatchObject({ secure: true, httpOnly: true, sameSite: 'lax', path: '/' });
    expect(await resolveSession(db, set[0].value)).toMatchObject({ id: user.id });
  });
});

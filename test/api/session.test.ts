import { describe, expect, it } from 'vitest';
import { baseUrl, Client } from '../helpers/http.ts';

describe('POST /api/v1/session', () => {
  it('logs a demo user in with an HttpOnly, SameSite=Lax cookie and out again on the server', async () => {
    const c = new Client();
    const res = await c.request('POST', '/api/v1/session', { username: 'pd_industry', password: 'demo2026' });
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((s) => s.startsWith('zl_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // plain http on localhost; Secure is set over https
    const token = c.cookie;
    expect((await c.request('GET', '/api/v1/layers')).status).toBe(200);
    expect((await c.request('DELETE', '/api/v1/session')).status).toBe(200);
    // the old cookie no longer works: the session is gone on the server, not just in the browser
    const replay = await fetch(baseUrl() + '/api/v1/layers', { headers: { cookie: token } });
    expect(replay.status).toBe(401);
  });

  it('answers a wrong password with 401 and no cookie, in the caller’s language', async () => {
    const zh = await new Client('zh').request('POST', '/api/v1/session', { username: 'pd_industry', password: 'nope' });
    expect(zh.status).toBe(401);
    expect(zh.headers.getSetCookie().some((s) => s.startsWith('zl_session=') && !s.startsWith('zl_session=;'))).toBe(
      false
    );
    expect((await zh.json()).error).toEqual({ code: 'login_invalid', message: '用户名或密码错误。' });
    const en = await new Client('en').request('POST', '/api/v1/session', { username: 'pd_industry', password: 'nope' });
    expect((await en.json()).error.message).toBe('Wrong username or password.');
  });

  it('rejects malformed JSON, missing fields and oversized bodies with 400/413 and a message', async () => {
    const c = new Client();
    const bad = await c.request('POST', '/api/v1/session', '{"username": "x",');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('bad_json');
    const missing = await c.request('POST', '/api/v1/session', { username: 'x' });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.message).toContain('password');
    const huge = await c.request(
      'POST',
      '/api/v1/session',
      JSON.stringify({ username: 'x', password: 'y'.repeat(2_000_000) })
    );
    expect([400, 413]).toContain(huge.status);
    expect((await huge.json()).error.code).toBe('body_too_large');
  });

  it('after five wrong passwords the address waits 30 s (429, Retry-After); X-Forwarded-For from a client is ignored', async () => {
    const c = new Client('en');
    // Without TRUSTED_PROXIES a forged X-Forwarded-For does not give each guess a fresh address.
    for (let i = 0; i < 5; i++)
      await c.request(
        'POST',
        '/api/v1/session',
        { username: 'jd_sthj', password: 'wrong' + i },
        { 'x-forwarded-for': `198.51.100.${i}` }
      );
    const res = await c.request(
      'POST',
      '/api/v1/session',
      { username: 'jd_sthj', password: 'demo2026' },
      { 'x-forwarded-for': '198.51.100.99' }
    );
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(20);
    expect((await res.json()).error.message).toMatch(/try again in (2\d|30) seconds/);
  });
});

describe('GET /api/v1/health', () => {
  it('reports the database engine and PostGIS', async () => {
    const body = await (await fetch(baseUrl() + '/api/v1/health')).json();
    expect(body.status).toBe('ok');
    expect(body.db).toBe(process.env.DATABASE_URL ? 'postgres' : 'pglite');
    expect(body.postgis).toMatch(/^3\./);
  });
});

describe('pages need a session', () => {
  it('sends a signed-out visitor to /login, keeping where they wanted to go', async () => {
    const res = await fetch(baseUrl() + '/?x=1', { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2F%3Fx%3D1');
  });
});

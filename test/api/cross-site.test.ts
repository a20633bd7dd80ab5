// Cross-site requests: a form posted from another site is refused before it reaches an action (SvelteKit's
// origin check, with ORIGIN set as in production), and the session cookie is SameSite=Lax so another site's
// JSON request carries no session.
import { describe, expect, it } from 'vitest';
import { baseUrl, loginAs } from '../helpers/http.ts';

describe('cross-site requests', () => {
  it('a login form posted from another origin is refused with 403 and no session', async () => {
    const res = await fetch(baseUrl() + '/login', {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: new URLSearchParams({ username: 'pd_industry', password: 'demo2026' })
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/Cross-site POST form submissions are forbidden/);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('zl_session=') && !c.startsWith('zl_session=;'))).toBe(
      false
    );
  });

  it("a signed-in user's form action posted from another origin is refused too (CSRF)", async () => {
    const officer = await loginAs('pd_industry');
    const res = await fetch(baseUrl() + '/projects?/create', {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
        cookie: officer.cookie
      },
      body: ''
    });
    expect(res.status).toBe(403);
  });

  it("the same form from the app's own origin is not refused by the origin check", async () => {
    const res = await fetch(baseUrl() + '/login', {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(baseUrl()).origin },
      // An account that does not exist: no failed attempt is counted against a demo user other tests sign in as.
      body: new URLSearchParams({ username: `nobody_${Date.now()}`, password: 'wrong password' })
    });
    expect(res.status).not.toBe(403);
  });
});

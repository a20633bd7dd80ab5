// Issue 11 items 4 and 10 on the built app: redirects stay on the site; malformed ids, NUL bytes and
// anonymous form posts are answered 400/401/404, never 500.
import { describe, expect, it } from 'vitest';
import { baseUrl, Client, loginAs } from '../helpers/http.ts';

const OFF_SITE = [
  '/\\evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '//evil.example',
  'https://evil.example/',
  '/\\/evil.example'
];
/** Where a browser would land: on this site. */
const staysOnSite = (location: string | null) =>
  expect(new URL(location!, baseUrl()).origin).toBe(new URL(baseUrl()).origin);

describe('redirects after /lang and /login stay on the site', () => {
  it.each(OFF_SITE)('/lang?next=%j goes home', async (next) => {
    const res = await fetch(`${baseUrl()}/lang?to=en&next=${encodeURIComponent(next)}`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
  });

  it('an encoded tab stays an encoded path on this site', async () => {
    const res = await fetch(`${baseUrl()}/lang?to=en&next=${encodeURIComponent('/%09/evil.example')}`, {
      redirect: 'manual'
    });
    staysOnSite(res.headers.get('location'));
  });

  it('/lang keeps a same-site path with its query', async () => {
    const res = await fetch(`${baseUrl()}/lang?to=en&next=${encodeURIComponent('/projects?stage=draft')}`, {
      redirect: 'manual'
    });
    expect(res.headers.get('location')).toBe('/projects?stage=draft');
  });

  it('signing in through the form follows a same-site next, and not an off-site one', async () => {
    const post = (next: string) =>
      fetch(`${baseUrl()}/login?next=${encodeURIComponent(next)}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { origin: baseUrl(), accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
        body: 'username=city_kw&password=demo2026'
      });
    for (const next of ['/\\evil.example', '/\t/evil.example']) {
      const res = await post(next);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/');
    }
    expect((await post('/stats')).headers.get('location')).toBe('/stats');
  });

  it('a signed-in visitor of /login is sent on only within the site', async () => {
    const c = await loginAs('city_kw');
    for (const next of OFF_SITE) {
      const res = await c.request('GET', `/login?next=${encodeURIComponent(next)}`, undefined, { accept: 'text/html' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/');
    }
  });
});

describe('small 500s are 400/401/404', () => {
  it('malformed project and file ids are "not found"', async () => {
    const c = await loginAs('city_kw', 'en');
    const dashes = '-'.repeat(36);
    for (const path of [
      `/api/v1/projects/${dashes}`,
      `/api/v1/files/${dashes}`,
      `/api/v1/projects/${dashes}/evaluation`,
      `/api/v1/projects/${dashes}/review-table`,
      '/api/v1/projects/x%27%20or%201=1'
    ]) {
      const res = await c.request('GET', path);
      expect(res.status, path).toBe(404);
      expect((await res.json()).error.message).toMatch(/No such/);
    }
    const page = await c.request('GET', `/projects/${dashes}`, undefined, { accept: 'text/html' });
    expect(page.status).toBe(404);
  });

  it('a NUL byte in the query string is 400 with a bilingual reason', async () => {
    const c = await loginAs('city_kw', 'en');
    for (const path of [
      '/api/v1/projects?q=%00',
      '/api/v1/projects?authority=a%00b',
      '/api/v1/standard/industry-codes?q=%00'
    ]) {
      const res = await c.request('GET', path);
      expect(res.status, path).toBe(400);
      expect((await res.json()).error.message).toMatch(/NUL/);
    }
    const page = await c.request('GET', '/projects?q=%00', undefined, { accept: 'text/html' });
    expect(page.status).toBe(400);
    expect(await page.text()).toMatch(/空字符/);
    const zh = await new Client('zh').request('GET', '/api/v1/projects?q=%00');
    expect((await zh.json()).error.message).toMatch(/空字符/);
  });

  it('an anonymous POST to a form action is 401, in the browser and for enhanced forms', async () => {
    for (const path of [
      '/stats/dashboard?/measure',
      '/projects?/create',
      '/projects/00000000-0000-4000-8000-000000000000?/act',
      '/admin/standard?/publish'
    ]) {
      const form = await fetch(baseUrl() + path, {
        method: 'POST',
        headers: { origin: baseUrl(), accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
        body: 'a=b',
        redirect: 'manual'
      });
      expect(form.status, path).toBe(401);
      expect(await form.text()).toMatch(/请先登录|sign in/);
      const enhanced = await fetch(baseUrl() + path, {
        method: 'POST',
        headers: {
          origin: baseUrl(),
          accept: 'application/json',
          'x-sveltekit-action': 'true',
          'content-type': 'application/x-www-form-urlencoded'
        },
        body: 'a=b'
      });
      expect(enhanced.status, path).toBe(401);
      expect((await enhanced.json()).error.code).toBe('unauthenticated');
    }
  });
});

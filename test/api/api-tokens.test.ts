// Issue 17.1: another government system calls the API with a service account's token. The token can do
// nothing its scopes and its district do not allow; it is rate-limited, revocable, and every use is logged.
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, loginAs } from '../helpers/http.ts';
import { bearer, formAction, issueToken } from '../helpers/api-tokens.ts';

const suffix = Date.now().toString(36);
type Listed = { projects: { id: string; authorityCode: string | null }[] };

describe('API tokens of service accounts', () => {
  let admin: Client;
  let token = '';
  let otherProject = '';
  let pudongProject = '';
  const anon = new Client('en');

  beforeAll(async () => {
    admin = await loginAs('admin');
    ({ token } = await issueToken(
      admin,
      { username: `pd_platform_${suffix}`, role: 'district_industry', authorityCode: 'pudong' },
      { scopes: ['projects:read'], name: '浦东政务数据平台' }
    ));
    const city = (await (await (await loginAs('city_jxw')).request('GET', '/api/v1/projects')).json()) as Listed;
    otherProject = city.projects.find((p) => p.authorityCode !== 'pudong')!.id;
    pudongProject = city.projects.find((p) => p.authorityCode === 'pudong')!.id;
  });

  it('is shown once, looks like zlt_…, and reads only its district’s projects', async () => {
    expect(token).toMatch(/^zlt_[A-Za-z0-9_-]{43}$/);
    const res = await anon.request('GET', '/api/v1/projects', undefined, bearer(token));
    expect(res.status).toBe(200);
    const { projects } = (await res.json()) as Listed;
    expect(projects.length).toBeGreaterThan(0);
    expect(new Set(projects.map((p) => p.authorityCode))).toEqual(new Set(['pudong']));
    expect((await anon.request('GET', `/api/v1/projects/${pudongProject}`, undefined, bearer(token))).status).toBe(200);
    // Another district's project: the same 404 a Pudong officer gets.
    expect((await anon.request('GET', `/api/v1/projects/${otherProject}`, undefined, bearer(token))).status).toBe(404);
  });

  it('may call nothing outside its scopes, and nothing closed to tokens', async () => {
    const write = await anon.request('POST', '/api/v1/projects', { form: {} }, bearer(token));
    expect(write.status).toBe(403);
    expect(write.headers.get('www-authenticate')).toMatch(/insufficient_scope.*projects:write/);
    expect(((await write.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'insufficient_scope',
      message: expect.stringMatching(/projects:write/)
    });
    const act = await anon.request(
      'POST',
      `/api/v1/projects/${pudongProject}/actions`,
      { action: 'accept', expectedVersion: 1 },
      bearer(token)
    );
    expect(act.status).toBe(403);
    const calendar = await anon.request(
      'PUT',
      '/api/v1/calendar/2026-12-01',
      { kind: 'holiday', name: 'x' },
      bearer(token)
    );
    expect(calendar.status).toBe(403);
    expect(((await calendar.json()) as { error: { message: string } }).error.message).toMatch(
      /不对 API 令牌开放|not open to API tokens/
    );
  });

  it('a wrong, malformed or revoked token is 401, and a cookie does not stand in for it', async () => {
    for (const t of ['zlt_' + 'A'.repeat(43), 'nonsense', token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A')]) {
      const res = await anon.request('GET', '/api/v1/projects', undefined, bearer(t));
      expect(res.status, t).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/invalid_token/);
    }
    const { token: doomed } = await issueToken(
      admin,
      { username: `city_feed_${suffix}`, role: 'city_sheitc' },
      { scopes: ['projects:read'] }
    );
    expect((await anon.request('GET', '/api/v1/projects', undefined, bearer(doomed))).status).toBe(200);
    // The administrator revokes it on the page.
    const html = await (await admin.request('GET', '/admin/api-tokens')).text();
    const prefix = doomed.slice(0, 10);
    const row = new RegExp(`data-token="${prefix}"[\\s\\S]*?name="id" value="([0-9a-f-]{36})"`).exec(html);
    expect(row).not.toBeNull();
    expect((await formAction(admin, 'revoke', [['id', row![1]]])).type).toBe('success');
    const after = await admin.request('GET', '/api/v1/projects', undefined, bearer(doomed));
    expect(after.status).toBe(401);
  });

  it('is rate-limited per token with Retry-After', async () => {
    const { token: slow } = await issueToken(
      admin,
      { username: `slow_feed_${suffix}`, role: 'city_sheitc' },
      { scopes: ['layers:read'], ratePerMinute: 3 }
    );
    // The limit counts per calendar minute: do not start the four calls in the last two seconds of one.
    const s = new Date().getSeconds();
    if (s >= 57) await new Promise((r) => setTimeout(r, (61 - s) * 1000));
    const codes = [];
    for (let i = 0; i < 4; i++)
      codes.push((await anon.request('GET', '/api/v1/layers', undefined, bearer(slow))).status);
    expect(codes).toEqual([200, 200, 200, 429]);
    const limited = await anon.request('GET', '/api/v1/layers', undefined, bearer(slow));
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { error: { message: string } }).error.message).toMatch(/limit 3 a minute/);
  });

  it('every use, allowed or refused, is an event the administrator sees', async () => {
    const html = await (await admin.request('GET', '/admin/api-tokens')).text();
    expect(html).toContain(`GET /api/v1/projects/${otherProject} → 404 (浦东政务数据平台)`);
    expect(html).toContain('POST /api/v1/projects → 403 (浦东政务数据平台)');
    expect(html).toMatch(/签发令牌/);
    expect(html).toMatch(/吊销令牌/);
  });
});

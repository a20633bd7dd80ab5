// Issue 17.4: two app instances on one PostgreSQL, as behind a load balancer. A file uploaded through one is
// downloaded through the other, a session made on one works on the other, and a token's rate limit counts
// the calls to both. Only with DATABASE_URL (the embedded database has one instance by design).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, loginAs, type Client } from '../helpers/http.ts';
import { startSecondInstance } from '../helpers/second-instance.ts';
import { bearer, issueToken } from '../helpers/api-tokens.ts';
import { newDraft, upload } from './projects-helpers.ts';

describe.skipIf(!process.env.DATABASE_URL)('two instances on one PostgreSQL', () => {
  let second: Awaited<ReturnType<typeof startSecondInstance>>;
  let ent: Client;
  beforeAll(async () => {
    second = await startSecondInstance();
    ent = await loginAs('ent_pudong');
  });
  afterAll(async () => second?.stop());
  const onSecond = (path: string, headers: Record<string, string> = {}) =>
    fetch(second.url + path, { headers: { 'accept-language': 'en', ...headers } });

  it('a session made on the first instance works on the second', async () => {
    const me = await onSecond('/api/v1/session', { cookie: ent.cookie });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe('ent_pudong');
    expect((await onSecond('/api/v1/session')).status).toBe(401);
  });

  it('a file uploaded through the first instance is downloaded through the second, byte for byte', async () => {
    const { id } = await newDraft(ent, 'P03'); // name and checked boundary first (issue 14.2)
    const content = `土地权证 ${Date.now()} ${Math.random()}`;
    const stored = await ent.request(
      'POST',
      `/api/v1/projects/${id}/files`,
      upload('土地权证.pdf', content, { kind: 'land_title' })
    );
    expect(stored.status).toBe(201);
    const file = (await stored.json()) as { id: string };
    const down = await onSecond(`/api/v1/files/${file.id}`, { cookie: ent.cookie });
    expect(down.status).toBe(200);
    expect(Buffer.from(await down.arrayBuffer()).toString('utf8')).toBe(content);
  });

  it('a token’s rate limit counts the calls to both instances', async () => {
    const admin = await loginAs('admin');
    const { token } = await issueToken(
      admin,
      { username: `lb_feed_${Date.now().toString(36)}`, role: 'city_sheitc' },
      { scopes: ['layers:read'], ratePerMinute: 4 }
    );
    const s = new Date().getSeconds();
    if (s >= 55) await new Promise((r) => setTimeout(r, (61 - s) * 1000));
    const first = async () => (await fetch(baseUrl() + '/api/v1/layers', { headers: bearer(token) })).status;
    const other = async () => (await onSecond('/api/v1/layers', bearer(token))).status;
    const codes = [await first(), await other(), await first(), await other(), await other(), await first()];
    expect(codes).toEqual([200, 200, 200, 200, 429, 429]);
  });
});

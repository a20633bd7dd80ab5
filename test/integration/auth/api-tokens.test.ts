// Issue 17.1 at the service layer: tokens stored hashed, resolved to their service account with scopes,
// revoked at once, rate limits counted in the database, every use an event; unit rules in api-scopes.
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../../src/lib/server/db/index.ts';
import {
  countRequest,
  issueToken,
  logTokenUse,
  resolveToken,
  revokeToken
} from '../../../src/lib/server/auth/api-tokens.ts';
import { createAccount } from '../../../src/lib/server/users/accounts.service.ts';
import { login } from '../../../src/lib/server/auth/login.ts';
import { tokenHash } from '../../../src/lib/server/auth/session.ts';
import { makeUser } from '../../helpers/fixtures.ts';

async function setUp() {
  const db = await getDb();
  const a = await makeUser(db, 'admin');
  const admin = {
    id: a.id,
    username: a.username,
    displayName: a.username,
    role: 'admin' as const,
    authorityCode: null,
    department: null,
    enterpriseName: null
  };
  const account = await createAccount(
    db,
    admin,
    {
      username: `svc_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
      role: 'district_industry',
      authorityCode: 'pudong'
    },
    { service: true }
  );
  return { db, admin, account };
}

describe('API tokens (service layer)', () => {
  beforeAll(async () => void (await getDb())); // the embedded PostGIS opens once (slow on a loaded machine)
  it('a token resolves to its service account with its scopes; only its hash is stored; no password sign-in', async () => {
    const { db, admin, account } = await setUp();
    const { token, id } = await issueToken(db, admin, {
      userId: account.id,
      name: 'feed',
      scopes: ['projects:read', 'layers:read'],
      ratePerMinute: 100
    });
    const user = await resolveToken(db, token);
    expect(user).toMatchObject({
      id: account.id,
      role: 'district_industry',
      authorityCode: 'pudong',
      token: { id, scopes: ['projects:read', 'layers:read'], ratePerMinute: 100 }
    });
    const { rows } = await db.query<{ token_hash: string }>('select token_hash from api_tokens where id = $1', [id]);
    expect(rows[0].token_hash).toBe(tokenHash(token));
    expect(rows[0].token_hash).not.toContain(token.slice(4));
    expect(await login(db, account.username, '', { ip: '10.9.0.1', userAgent: 't' })).toEqual({
      ok: false,
      reason: 'invalid'
    });
    expect(await login(db, account.username, '!', { ip: '10.9.0.1', userAgent: 't' })).toEqual({
      ok: false,
      reason: 'invalid'
    });
  });

  it('revoked, expired or disabled: the token is dead at once', async () => {
    const { db, admin, account } = await setUp();
    const a = await issueToken(db, admin, { userId: account.id, name: 'a', scopes: ['projects:read'] });
    const b = await issueToken(db, admin, {
      userId: account.id,
      name: 'b',
      scopes: ['projects:read'],
      expiresInDays: 1
    });
    await revokeToken(db, admin, a.id);
    expect(await resolveToken(db, a.token)).toBeNull();
    expect(await resolveToken(db, b.token)).not.toBeNull();
    await db.query(`update api_tokens set expires_at = now() - interval '1 second' where id = $1`, [b.id]);
    expect(await resolveToken(db, b.token)).toBeNull();
    const c = await issueToken(db, admin, { userId: account.id, name: 'c', scopes: ['projects:read'] });
    await db.query('update users set disabled = true where id = $1', [account.id]);
    expect(await resolveToken(db, c.token)).toBeNull();
  });

  it('refuses what an administrator must not issue: no scopes, unknown scopes, a person’s account, a non-administrator', async () => {
    const { db, admin, account } = await setUp();
    await expect(issueToken(db, admin, { userId: account.id, name: 'x', scopes: [] })).rejects.toMatchObject({
      code: 'bad_scopes'
    });
    await expect(
      issueToken(db, admin, { userId: account.id, name: 'x', scopes: ['projects:delete'] })
    ).rejects.toMatchObject({ code: 'bad_scopes' });
    const person = await makeUser(db, 'city_sheitc');
    await expect(
      issueToken(db, admin, { userId: person.id, name: 'x', scopes: ['projects:read'] })
    ).rejects.toMatchObject({ code: 'service_account_not_found' });
    const notAdmin = { ...admin, id: person.id, role: 'city_sheitc' as const };
    await expect(
      issueToken(db, notAdmin, { userId: account.id, name: 'x', scopes: ['projects:read'] })
    ).rejects.toMatchObject({ status: 403 });
  });

  it('counts requests per key and minute in the database: the limit holds across connections', async () => {
    const db = await getDb();
    const key = `test:${Math.random()}`;
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await countRequest(db, key, 3));
    // All four in one minute, unless the minute turned during the loop (then the counts restart).
    const refused = results.filter((r) => !r.ok);
    const { rows } = await db.query<{ n: number }>('select count(*)::int n from api_rate where key = $1', [key]);
    if (rows[0].n === 1) expect(refused).toHaveLength(1);
    if (refused[0] && !refused[0].ok) expect(refused[0].retryAfter).toBeGreaterThan(0);
  });

  it('every use is an event of the service account naming the token, the operation and the answer', async () => {
    const { db, admin, account } = await setUp();
    const { token, id } = await issueToken(db, admin, {
      userId: account.id,
      name: 'logged',
      scopes: ['projects:read']
    });
    const user = (await resolveToken(db, token))!;
    await logTokenUse(db, user, {
      method: 'GET',
      route: '/api/v1/projects',
      path: '/api/v1/projects',
      status: 200,
      requestId: 'r1'
    });
    const { rows } = await db.query<{ actor_id: string; actor_role: string; payload: Record<string, unknown> }>(
      `select actor_id::text as actor_id, actor_role, payload from events where action = 'api_call' and payload->>'tokenId' = $1`,
      [id]
    );
    expect(rows).toEqual([
      {
        actor_id: account.id,
        actor_role: 'district_industry',
        payload: expect.objectContaining({
          method: 'GET',
          route: '/api/v1/projects',
          status: 200,
          token: 'logged',
          requestId: 'r1'
        })
      }
    ]);
  });
});

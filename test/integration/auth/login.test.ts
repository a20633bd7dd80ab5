import { describe, expect, it } from 'vitest';
import { getDb } from '../../../src/lib/server/db/index.ts';
import { login } from '../../../src/lib/server/auth/login.ts';
import { deleteSession, resolveSession } from '../../../src/lib/server/auth/session.ts';
import { MAX_FAILURES_PER_ACCOUNT } from '../../../src/lib/server/auth/rate-limit.ts';
import { makeUser, TEST_PASSWORD } from '../../helpers/fixtures.ts';

const meta = (ip = '10.0.0.1') => ({ ip, userAgent: 'vitest' });

describe('login', () => {
  it('right password → a session that resolves to the user; wrong password → no session', async () => {
    const db = await getDb();
    const user = await makeUser(db, 'district_industry', 'pudong');
    const bad = await login(db, user.username, 'wrong password', meta());
    expect(bad).toEqual({ ok: false, reason: 'invalid' });
    const good = await login(db, user.username, TEST_PASSWORD, meta());
    expect(good.ok).toBe(true);
    if (!good.ok) return;
    const resolved = await resolveSession(db, good.token);
    expect(resolved).toMatchObject({ id: user.id, role: 'district_industry', authorityCode: 'pudong' });
  });

  it('stores only a hash of the session token', async () => {
    const db = await getDb();
    const user = await makeUser(db, 'enterprise');
    const r = await login(db, user.username, TEST_PASSWORD, meta());
    if (!r.ok) throw new Error('login failed');
    const { rows } = await db.query<{ n: number }>('select count(*)::int n from sessions where token_hash = $1', [r.token]);
    expect(rows[0].n).toBe(0);
  });

  it('locks an account after repeated wrong passwords, even for the right password, while others still log in', async () => {
    const db = await getDb();
    const victim = await makeUser(db, 'enterprise');
    const other = await makeUser(db, 'enterprise');
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) await login(db, victim.username, 'guess' + i, meta(`10.1.0.${i}`));
    expect(await login(db, victim.username, TEST_PASSWORD, meta('10.2.0.1'))).toEqual({ ok: false, reason: 'limited' });
    expect((await login(db, other.username, TEST_PASSWORD, meta('10.2.0.1'))).ok).toBe(true);
  });

  it('limits one address spraying many accounts', async () => {
    const db = await getDb();
    const ip = '10.9.9.9';
    for (let i = 0; i < 30; i++) await login(db, `nobody_${i}_${Date.now()}`, 'x', meta(ip));
    const real = await makeUser(db, 'enterprise');
    expect(await login(db, real.username, TEST_PASSWORD, meta(ip))).toEqual({ ok: false, reason: 'limited' });
  });

  it('logout ends the session on the server', async () => {
    const db = await getDb();
    const user = await makeUser(db, 'city_sheitc');
    const r = await login(db, user.username, TEST_PASSWORD, meta('10.3.0.1'));
    if (!r.ok) throw new Error('login failed');
    await deleteSession(db, r.token);
    expect(await resolveSession(db, r.token)).toBeNull();
  });
});

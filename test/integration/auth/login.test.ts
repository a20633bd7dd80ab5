import { describe, expect, it } from 'vitest';
import { getDb } from '../../../src/lib/server/db/index.ts';
import { login } from '../../../src/lib/server/auth/login.ts';
import { deleteSession, resolveSession, resolveSessionHot } from '../../../src/lib/server/auth/session.ts';
import { FREE_FAILURES_PER_ADDRESS, FREE_FAILURES_PER_PAIR } from '../../../src/lib/server/auth/rate-limit.ts';
import { makeUser, TEST_PASSWORD } from '../../helpers/fixtures.ts';
import { countingDb } from '../../helpers/tiles.ts';

const meta = (ip = '10.0.0.1') => ({ ip, userAgent: 'vitest' });
/** Moves a key's block into the past, as if its wait had passed. */
const waitOver = async (username: string, ip: string) =>
  (await getDb()).query(
    `update login_throttle set blocked_until = now() - interval '1 second' where username = $1 and ip = $2`,
    [username.toLowerCase(), ip]
  );

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
    const { rows } = await db.query<{ n: number }>('select count(*)::int n from sessions where token_hash = $1', [
      r.token
    ]);
    expect(rows[0].n).toBe(0);
  });

  it('after 5 wrong passwords from one address that address waits 30 s, then 60 s; the owner elsewhere signs in at once', async () => {
    const db = await getDb();
    const victim = await makeUser(db, 'enterprise');
    const ip = '10.1.0.1';
    expect(FREE_FAILURES_PER_PAIR).toBe(5); // the number this test states
    for (let i = 0; i < FREE_FAILURES_PER_PAIR; i++)
      expect(await login(db, victim.username, 'guess' + i, meta(ip))).toEqual({ ok: false, reason: 'invalid' });
    const held = await login(db, victim.username, TEST_PASSWORD, meta(ip));
    expect(held).toMatchObject({ ok: false, reason: 'limited' });
    expect(held.ok === false && held.reason === 'limited' && held.retryAfter).toBeGreaterThan(25);
    expect(held.ok === false && held.reason === 'limited' && held.retryAfter).toBeLessThanOrEqual(30);
    // Not a lock: the account's owner at another address is not affected.
    expect((await login(db, victim.username, TEST_PASSWORD, meta('10.2.0.1'))).ok).toBe(true);
    // The wait over, one more guess is checked; a wrong one doubles the wait.
    await waitOver(victim.username, ip);
    expect(await login(db, victim.username, 'guess6', meta(ip))).toEqual({ ok: false, reason: 'invalid' });
    const longer = await login(db, victim.username, TEST_PASSWORD, meta(ip));
    expect(longer.ok === false && longer.reason === 'limited' && longer.retryAfter).toBeGreaterThan(55);
    await waitOver(victim.username, ip);
    expect((await login(db, victim.username, TEST_PASSWORD, meta(ip))).ok).toBe(true);
    // …and success starts the pair over.
    expect(await login(db, victim.username, 'guess7', meta(ip))).toEqual({ ok: false, reason: 'invalid' });
  });

  it('20 simultaneous guesses: exactly 5 are checked, 15 refused (the counter is atomic)', async () => {
    const db = await getDb();
    const victim = await makeUser(db, 'enterprise');
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => login(db, victim.username, 'race' + i, meta('10.4.0.1')))
    );
    expect(outcomes.filter((o) => !o.ok && o.reason === 'invalid')).toHaveLength(FREE_FAILURES_PER_PAIR);
    expect(outcomes.filter((o) => !o.ok && o.reason === 'limited')).toHaveLength(20 - FREE_FAILURES_PER_PAIR);
  });

  it('limits one address spraying many accounts after 30 failures, other addresses unaffected', async () => {
    const db = await getDb();
    const ip = '10.9.9.9';
    expect(FREE_FAILURES_PER_ADDRESS).toBe(30);
    // 29 failures already counted for the address (checking 29 argon2 hashes would only slow the test).
    await db.query(`insert into login_throttle (username, ip, failures) values ('', $1, 29)`, [ip]);
    expect(await login(db, `nobody_${Date.now()}`, 'x', meta(ip))).toEqual({ ok: false, reason: 'invalid' });
    const real = await makeUser(db, 'enterprise');
    expect(await login(db, real.username, TEST_PASSWORD, meta(ip))).toMatchObject({ ok: false, reason: 'limited' });
    expect((await login(db, real.username, TEST_PASSWORD, meta('10.9.9.10'))).ok).toBe(true);
  });

  it('logout ends the session on the server', async () => {
    const db = await getDb();
    const user = await makeUser(db, 'city_sheitc');
    const r = await login(db, user.username, TEST_PASSWORD, meta('10.3.0.1'));
    if (!r.ok) throw new Error('login failed');
    await deleteSession(db, r.token);
    expect(await resolveSession(db, r.token)).toBeNull();
  });

  it('the tiles a map asks at once share one session lookup (hot path); a logout here ends it at once', async () => {
    const db = await getDb();
    const user = await makeUser(db, 'district_industry', 'jiading');
    const r = await login(db, user.username, TEST_PASSWORD, meta('10.4.0.1'));
    if (!r.ok) throw new Error('login failed');
    const counting = countingDb(db);
    const users = await Promise.all(Array.from({ length: 20 }, () => resolveSessionHot(counting.db, r.token)));
    expect(users.every((u) => u?.id === user.id)).toBe(true);
    expect(counting.queries).toBe(1);
    await deleteSession(db, r.token);
    expect(await resolveSessionHot(counting.db, r.token)).toBeNull();
  });
});

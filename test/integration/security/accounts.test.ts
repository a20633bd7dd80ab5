// Issue 11.8: accounts managed by administrators, own password changes, temporary passwords, demo doors.
import { describe, expect, it } from 'vitest';
import { getDb } from '../../../src/lib/server/db/index.ts';
import { login } from '../../../src/lib/server/auth/login.ts';
import { resolveSession } from '../../../src/lib/server/auth/session.ts';
import {
  changeOwnPassword,
  createAccount,
  listAccounts,
  resetAccountPassword,
  setAccountDisabled
} from '../../../src/lib/server/users/accounts.service.ts';
import { closeDemoDoors } from '../../../src/lib/server/seed/demo-policy.ts';
import { seed } from '../../../src/lib/server/seed/seed.ts';
import { insertUser } from '../../../src/lib/server/users/users.repository.ts';
import { uniqueName } from '../../helpers/fixtures.ts';
import { user } from '../workflow/harness.ts';
import { UserError } from '../../../src/lib/errors.ts';

async function refusal(p: Promise<unknown>): Promise<UserError> {
  const e = await p.then(
    () => null,
    (x) => x
  );
  if (!(e instanceof UserError)) throw new Error(`expected UserError, got ${String(e)}`);
  return e;
}
const meta = { ip: '10.77.0.1', userAgent: 'vitest' };

describe('accounts', () => {
  it('an administrator creates a user with a temporary password that must be changed at first sign-in', async () => {
    const db = await getDb();
    const admin = await user(db, 'admin');
    const username = uniqueName('jd_new');
    const created = await createAccount(db, admin, {
      username,
      displayName: '嘉定区新同事',
      role: 'district_department',
      authorityCode: 'jiading',
      department: '区规划资源局'
    });
    expect(created.temporaryPassword).toMatch(/^.{14}$/);
    const first = await login(db, username, created.temporaryPassword, meta);
    expect(first).toMatchObject({ ok: true, mustChangePassword: true });
    if (!first.ok) return;
    const session = (await resolveSession(db, first.token))!;
    expect(session.mustChangePassword).toBe(true);
    expect((await refusal(changeOwnPassword(db, session, 'wrong', 'a brand new secret'))).code).toBe(
      'wrong_current_password'
    );
    expect((await refusal(changeOwnPassword(db, session, created.temporaryPassword, 'short'))).text.en).toMatch(
      /at least 10/
    );
    await changeOwnPassword(db, session, created.temporaryPassword, 'a brand new secret');
    const again = await login(db, username, 'a brand new secret', meta);
    expect(again).toMatchObject({ ok: true, mustChangePassword: false });
    const { accounts, events } = await listAccounts(db, admin);
    expect(accounts.find((a) => a.username === username)).toMatchObject({
      role: 'district_department',
      authorityCode: 'jiading',
      mustChangePassword: false
    });
    expect(events.filter((e) => e.username === username).map((e) => e.action)).toEqual([
      'password_change',
      'user_create'
    ]);
  });

  it('disable ends sessions and sign-in; re-enable restores it; reset forces a change; all are events', async () => {
    const db = await getDb();
    const admin = await user(db, 'admin');
    const { id, username, temporaryPassword } = await createAccount(db, admin, {
      username: uniqueName('ent'),
      role: 'enterprise',
      enterpriseName: '上海测试有限公司',
      password: 'first temporary pw'
    });
    expect(temporaryPassword).toBe('first temporary pw');
    const s = await login(db, username, temporaryPassword, meta);
    if (!s.ok) throw new Error('login failed');
    await setAccountDisabled(db, admin, id, true);
    expect(await resolveSession(db, s.token)).toBeNull();
    expect(await login(db, username, temporaryPassword, meta)).toEqual({ ok: false, reason: 'invalid' });
    await setAccountDisabled(db, admin, id, false);
    expect((await login(db, username, temporaryPassword, meta)).ok).toBe(true);
    const reset = await resetAccountPassword(db, admin, id);
    expect(await login(db, username, temporaryPassword, meta)).toEqual({ ok: false, reason: 'invalid' });
    expect(await login(db, username, reset.temporaryPassword, meta)).toMatchObject({
      ok: true,
      mustChangePassword: true
    });
    const { events } = await listAccounts(db, admin);
    expect(events.filter((e) => e.username === username).map((e) => e.action)).toEqual([
      'user_reset_password',
      'user_enable',
      'user_disable',
      'user_create'
    ]);
  });

  it('refusals: not an administrator, disabling oneself, a taken username, a district role without its district', async () => {
    const db = await getDb();
    const admin = await user(db, 'admin');
    const lead = await user(db, 'district_industry', 'pudong');
    expect((await refusal(createAccount(db, lead, { username: uniqueName('x'), role: 'enterprise' }))).status).toBe(
      403
    );
    expect((await refusal(setAccountDisabled(db, admin, admin.id, true))).text.zh).toMatch(/不能停用自己的账号/);
    expect((await refusal(createAccount(db, admin, { username: lead.username, role: 'enterprise' }))).status).toBe(409);
    expect(
      (await refusal(createAccount(db, admin, { username: uniqueName('y'), role: 'district_government' }))).text.en
    ).toMatch(/needs its district/);
    expect((await refusal(resetAccountPassword(db, admin, 'not-a-uuid'))).status).toBe(404);
  });
});

describe('no demo doors in production', () => {
  it('seeding refuses with NODE_ENV=production or ZEROLAND_DEMO=0, and demo accounts left over are disabled at start', async () => {
    const db = await getDb();
    const saved = { ...process.env };
    try {
      process.env.ZEROLAND_DEMO = '0';
      await expect(seed(db)).rejects.toThrow(/never added here/);
      delete process.env.ZEROLAND_DEMO;
      process.env.NODE_ENV = 'production';
      await expect(seed(db)).rejects.toThrow(/not a demo installation/);
      const username = uniqueName('demo_left');
      await insertUser(db, { username, displayName: username, role: 'city_ndrc', passwordHash: 'x', demo: true });
      expect(await closeDemoDoors(db)).toBeGreaterThanOrEqual(1);
      const { rows } = await db.query<{ disabled: boolean }>('select disabled from users where username = $1', [
        username
      ]);
      expect(rows[0].disabled).toBe(true);
    } finally {
      process.env.NODE_ENV = saved.NODE_ENV;
      if (saved.NODE_ENV === undefined) delete process.env.NODE_ENV;
    }
  });
});

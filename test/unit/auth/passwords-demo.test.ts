import { describe, expect, it } from 'vitest';
import { passwordProblem, temporaryPassword, MIN_PASSWORD_LENGTH } from '../../../src/lib/domain/passwords.ts';
import { demoAllowed, shouldSeedAtStart } from '../../../src/lib/server/seed/demo-policy.ts';

describe('password rule', () => {
  it('at least 10 characters, not the username, not common, not the current one', () => {
    expect(MIN_PASSWORD_LENGTH).toBe(10);
    expect(passwordProblem('short', 'alice')?.en).toMatch(/at least 10/);
    expect(passwordProblem('alice-is-great', 'alice')?.zh).toMatch(/用户名/);
    expect(passwordProblem('demo2026demo', 'bob')?.en).toMatch(/too common/);
    expect(passwordProblem('aaaaaaaaaaaa', 'bob')?.en).toMatch(/too common/);
    expect(passwordProblem('same old password', 'bob', 'same old password')?.en).toMatch(/differ/);
    expect(passwordProblem('correct horse battery', 'bob')).toBeNull();
  });

  it('temporary passwords are 14 characters without look-alikes, and pass the rule', () => {
    const p = temporaryPassword();
    expect(p).toMatch(/^[A-HJ-NP-Za-km-z2-9]{14}$/);
    expect(passwordProblem(p, 'someone')).toBeNull();
    expect(temporaryPassword()).not.toBe(p);
  });
});

describe('demo doors only in a demo installation', () => {
  it('NODE_ENV=production or ZEROLAND_DEMO=0 never seeds demo accounts, whatever else is set', () => {
    expect(demoAllowed({})).toBe(true);
    expect(demoAllowed({ NODE_ENV: 'production' })).toBe(false);
    expect(demoAllowed({ ZEROLAND_DEMO: '0' })).toBe(false);
    expect(shouldSeedAtStart({ NODE_ENV: 'production', ZEROLAND_SEED: '1' }, 'pglite', 0)).toBe(false);
    expect(shouldSeedAtStart({ ZEROLAND_DEMO: '0' }, 'pglite', 0)).toBe(false);
  });

  it('the default embedded first start is a demo; PostgreSQL only on request; never over existing users', () => {
    expect(shouldSeedAtStart({}, 'pglite', 0)).toBe(true);
    expect(shouldSeedAtStart({}, 'pglite', 3)).toBe(false);
    expect(shouldSeedAtStart({}, 'postgres', 0)).toBe(false);
    expect(shouldSeedAtStart({ ZEROLAND_SEED: '1' }, 'postgres', 5)).toBe(true);
    expect(shouldSeedAtStart({ ZEROLAND_SEED: '1', ZEROLAND_NO_SEED: '1' }, 'postgres', 0)).toBe(false);
  });
});

// `zeroland users add` creates a production installation's first administrator, with no demo data.
import { describe, expect, it } from 'vitest';
import { getDb } from '../../../src/lib/server/db/index.ts';
import { login } from '../../../src/lib/server/auth/login.ts';
import { cli } from '../../helpers/cli.ts';

describe('zeroland users add', () => {
  it('refuses bad arguments with exit 2 and one line, before touching the database', () => {
    const r = cli(['users', 'add', '--username', 'boss', '--role', 'king', '--password-stdin'], 'long enough password');
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--role must be one of/);
    const scoped = cli(
      ['users', 'add', '--username', 'boss', '--role', 'district_industry', '--password-stdin'],
      'long enough password'
    );
    expect(scoped.status).toBe(2);
    expect(scoped.stderr).toMatch(/--district is required/);
  });

  // One CLI run: each one loads PostGIS afresh in its own process (20 s+ embedded), so the test keeps to one.
  it('creates an administrator from a password on stdin, who can then sign in', async () => {
    const username = `root_${Date.now()}`;
    const r = cli(
      ['users', 'add', '--username', username, '--role', 'admin', '--password-stdin'],
      'a long admin password\n'
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`user ${username} (admin) created`);
    if (process.env.DATABASE_URL) {
      const outcome = await login(await getDb(), username, 'a long admin password', {
        ip: '10.7.0.1',
        userAgent: 'vitest'
      });
      expect(outcome.ok).toBe(true);
    }
  }, 300_000);
});

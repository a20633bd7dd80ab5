// Login service: rate limit → verify password → create session. One answer for "no such user" and
// "wrong password", with the same work done, so usernames cannot be probed.
import type { Db } from '../db/index.ts';
import { findUserByUsername } from '../users/users.repository.ts';
import { dummyHash, verifyPassword } from './password.ts';
import { clearFailures, isLimited, recordFailure } from './rate-limit.ts';
import { createSession } from './session.ts';

export type LoginOutcome =
  | { ok: true; token: string; expiresAt: Date; userId: string }
  | { ok: false; reason: 'invalid' | 'limited' };

export async function login(db: Db, username: string, password: string, meta: { ip: string; userAgent: string }): Promise<LoginOutcome> {
  if (await isLimited(db, username, meta.ip)) return { ok: false, reason: 'limited' };
  const user = await findUserByUsername(db, username);
  const good = user ? await verifyPassword(user.password_hash, password) : (await verifyPassword(await dummyHash(), password), false);
  if (!user || !good || user.disabled) {
    await recordFailure(db, username, meta.ip);
    return { ok: false, reason: 'invalid' };
  }
  await clearFailures(db, user.username);
  const session = await createSession(db, user.id, meta);
  return { ok: true, token: session.token, expiresAt: session.expiresAt, userId: user.id };
}

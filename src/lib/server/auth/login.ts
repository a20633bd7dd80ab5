// Login service: throttle → verify password → create session. One answer for "no such user" and
// "wrong password", with the same work done, so usernames cannot be probed.
import type { Db } from '../db/index.ts';
import { findUserByUsername } from '../users/users.repository.ts';
import { dummyHash, verifyPassword } from './password.ts';
import { admit, succeeded } from './rate-limit.ts';
import { createSession } from './session.ts';

export type LoginOutcome =
  | { ok: true; token: string; expiresAt: Date; userId: string; mustChangePassword: boolean }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'limited'; retryAfter: number };

export async function login(
  db: Db,
  username: string,
  password: string,
  meta: { ip: string; userAgent: string }
): Promise<LoginOutcome> {
  const admission = await admit(db, username, meta.ip);
  if (!admission.ok) return { ok: false, reason: 'limited', retryAfter: admission.retryAfter };
  const user = await findUserByUsername(db, username);
  const good = user
    ? await verifyPassword(user.password_hash, password)
    : (await verifyPassword(await dummyHash(), password), false);
  if (!user || !good || user.disabled) return { ok: false, reason: 'invalid' };
  await succeeded(db, username, meta.ip);
  const session = await createSession(db, user.id, meta);
  return {
    ok: true,
    token: session.token,
    expiresAt: session.expiresAt,
    userId: user.id,
    mustChangePassword: Boolean(user.must_change_password)
  };
}

/** "in 30 seconds" / "in 4 minutes" for the refusal message. */
export function waitText(seconds: number): { zh: string; en: string } {
  if (seconds < 90) return { zh: `${seconds} 秒`, en: `${seconds} seconds` };
  const m = Math.ceil(seconds / 60);
  return { zh: `${m} 分钟`, en: `${m} minutes` };
}

// Login throttling (issue 11.9), kept in the database so every app instance enforces the same limits.
//
// Two counters per attempt: the (account, address) pair and the address alone ('' as username). Each
// attempt is counted BEFORE the password is checked, by one atomic statement that refuses while the key is
// blocked — so of 20 simultaneous guesses exactly FREE_FAILURES_PER_PAIR are checked, not 8–12. A correct
// password gives the attempt back. Past the free attempts a key waits FIRST_DELAY_SECONDS, doubling with
// each further failure up to MAX_DELAY_SECONDS: a guesser is slowed to a crawl, but the account's owner,
// signing in from another address, is never locked out by someone else's failures.
import type { Queryable } from '../db/index.ts';
import {
  clearKey,
  forgetStaleKeys,
  giveAttemptBack,
  secondsBlocked,
  takeAttempt,
  type ThrottleLimits
} from './login-throttle.repository.ts';

export const FREE_FAILURES_PER_PAIR = 5;
/** One address may fail more often across accounts (a government office behind one NAT), but not spray hundreds. */
export const FREE_FAILURES_PER_ADDRESS = 30;
export const FIRST_DELAY_SECONDS = 30;
export const MAX_DELAY_SECONDS = 15 * 60;
/** A key with no failure for this long starts again from zero. */
export const FORGET_AFTER_MINUTES = 15;

/** Seconds a key must wait after its n-th consecutive failure (0 while free attempts remain). */
export function delayAfter(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(MAX_DELAY_SECONDS, FIRST_DELAY_SECONDS * 2 ** (failures - free));
}

const ANY_ACCOUNT = '';

const limits = (free: number): ThrottleLimits => ({
  free,
  firstDelaySeconds: FIRST_DELAY_SECONDS,
  maxDelaySeconds: MAX_DELAY_SECONDS,
  forgetAfterMinutes: FORGET_AFTER_MINUTES
});
const take = (db: Queryable, username: string, ip: string, free: number) => takeAttempt(db, username, ip, limits(free));

export type Admission = { ok: true } | { ok: false; retryAfter: number };

/** Counts an attempt against both keys, or says how long to wait. */
export async function admit(db: Queryable, username: string, ip: string): Promise<Admission> {
  const user = username.toLowerCase();
  if ((await take(db, ANY_ACCOUNT, ip, FREE_FAILURES_PER_ADDRESS)) === null)
    return { ok: false, retryAfter: await secondsBlocked(db, ANY_ACCOUNT, ip) };
  if ((await take(db, user, ip, FREE_FAILURES_PER_PAIR)) === null) {
    await giveAttemptBack(db, ANY_ACCOUNT, ip, FREE_FAILURES_PER_ADDRESS);
    return { ok: false, retryAfter: await secondsBlocked(db, user, ip) };
  }
  return { ok: true };
}

/** A successful sign-in: the pair starts over, and the address gets its attempt back. */
export async function succeeded(db: Queryable, username: string, ip: string) {
  await clearKey(db, username.toLowerCase(), ip);
  await giveAttemptBack(db, ANY_ACCOUNT, ip, FREE_FAILURES_PER_ADDRESS);
  // Now and then, forget keys nobody has failed on for a day.
  if (Math.random() < 0.02) await forgetStaleKeys(db);
}

// Login throttling (issue 11.9), kept in the database so every app instance enforces the same limits.
//
// Two counters per attempt: the (account, address) pair and the address alone ('' as username). Each
// attempt is counted BEFORE the password is checked, by one atomic statement that refuses while the key is
// blocked — so of 20 simultaneous guesses exactly FREE_FAILURES_PER_PAIR are checked, not 8–12. A correct
// password gives the attempt back. Past the free attempts a key waits FIRST_DELAY_SECONDS, doubling with
// each further failure up to MAX_DELAY_SECONDS: a guesser is slowed to a crawl, but the account's owner,
// signing in from another address, is never locked out by someone else's failures.
import type { Queryable } from '../db/index.ts';

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

// $1 username, $2 ip, $3 free attempts, $4 first delay, $5 max delay, $6 forget-after minutes.
const next = `case when t.last_failure_at < now() - make_interval(mins => $6) then 1 else t.failures + 1 end`;
const blockFor = (n: string) => `case when ${n} >= $3 then now() + make_interval(secs => least($5::float8, $4::float8 * power(2, ${n} - $3))) else '-infinity'::timestamptz end`;
const TAKE = `
  insert into login_throttle as t (username, ip, failures, last_failure_at, blocked_until)
  values ($1, $2, 1, now(), ${blockFor('1').replaceAll('t.', '')})
  on conflict (username, ip) do update
     set failures = ${next}, last_failure_at = now(), blocked_until = ${blockFor(`(${next})`)}
   where t.blocked_until <= now()
  returning failures`;

/** Counts one attempt for the key; null (not counted) while the key is blocked. */
async function take(db: Queryable, username: string, ip: string, free: number): Promise<number | null> {
  const { rows } = await db.query<{ failures: number }>(TAKE, [username, ip, free, FIRST_DELAY_SECONDS, MAX_DELAY_SECONDS, FORGET_AFTER_MINUTES]);
  return rows[0]?.failures ?? null;
}

/** Gives one counted attempt back (the password was right, or the other key refused the attempt). */
async function giveBack(db: Queryable, username: string, ip: string, free: number) {
  await db.query(
    `update login_throttle set failures = greatest(failures - 1, 0),
            blocked_until = case when failures - 1 < $3 then '-infinity'::timestamptz else blocked_until end
      where username = $1 and ip = $2`,
    [username, ip, free]
  );
}

async function waitSeconds(db: Queryable, username: string, ip: string): Promise<number> {
  const { rows } = await db.query<{ s: number }>(
    `select greatest(1, ceil(extract(epoch from blocked_until - now())))::int as s from login_throttle where username = $1 and ip = $2`,
    [username, ip]
  );
  return rows[0]?.s ?? 1;
}

export type Admission = { ok: true } | { ok: false; retryAfter: number };

/** Counts an attempt against both keys, or says how long to wait. */
export async function admit(db: Queryable, username: string, ip: string): Promise<Admission> {
  const user = username.toLowerCase();
  if ((await take(db, ANY_ACCOUNT, ip, FREE_FAILURES_PER_ADDRESS)) === null) return { ok: false, retryAfter: await waitSeconds(db, ANY_ACCOUNT, ip) };
  if ((await take(db, user, ip, FREE_FAILURES_PER_PAIR)) === null) {
    await giveBack(db, ANY_ACCOUNT, ip, FREE_FAILURES_PER_ADDRESS);
    return { ok: false, retryAfter: await waitSeconds(db, user, ip) };
  }
  return { ok: true };
}

/** A successful sign-in: the pair starts over, and the address gets its attempt back. */
export async function succeeded(db: Queryable, username: string, ip: string) {
  await db.query('delete from login_throttle where username = $1 and ip = $2', [username.toLowerCase(), ip]);
  await giveBack(db, ANY_ACCOUNT, ip, FREE_FAILURES_PER_ADDRESS);
  // Now and then, forget keys nobody has failed on for a day.
  if (Math.random() < 0.02) await db.query(`delete from login_throttle where last_failure_at < now() - interval '1 day' and blocked_until < now()`);
}

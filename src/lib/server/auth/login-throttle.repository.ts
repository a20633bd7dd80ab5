// The login_throttle table (rate-limit.ts decides; these statements count, give back and forget).
import type { Queryable } from '../db/index.ts';

export interface ThrottleLimits {
  free: number;
  firstDelaySeconds: number;
  maxDelaySeconds: number;
  forgetAfterMinutes: number;
}

// $1 username, $2 ip, $3 free attempts, $4 first delay, $5 max delay, $6 forget-after minutes.
const next = `case when t.last_failure_at < now() - make_interval(mins => $6) then 1 else t.failures + 1 end`;
const blockFor = (n: string) =>
  `case when ${n} >= $3 then now() + make_interval(secs => least($5::float8, $4::float8 * power(2, ${n} - $3))) else '-infinity'::timestamptz end`;
/** Counts one failure for the key in one atomic statement, unless the key is blocked (then no row). */
const TAKE_ATTEMPT_SQL = `
  insert into login_throttle as t (username, ip, failures, last_failure_at, blocked_until)
  values ($1, $2, 1, now(), ${blockFor('1').replaceAll('t.', '')})
  on conflict (username, ip) do update
     set failures = ${next}, last_failure_at = now(), blocked_until = ${blockFor(`(${next})`)}
   where t.blocked_until <= now()
  returning failures`;

/** Counts one attempt for the key; null (not counted) while the key is blocked. */
export async function takeAttempt(
  db: Queryable,
  username: string,
  ip: string,
  l: ThrottleLimits
): Promise<number | null> {
  const { rows } = await db.query<{ failures: number }>(TAKE_ATTEMPT_SQL, [
    username,
    ip,
    l.free,
    l.firstDelaySeconds,
    l.maxDelaySeconds,
    l.forgetAfterMinutes
  ]);
  return rows[0]?.failures ?? null;
}

/** Gives one counted attempt back; the key is free again once under `free` failures. */
export async function giveAttemptBack(db: Queryable, username: string, ip: string, free: number): Promise<void> {
  await db.query(
    `update login_throttle set failures = greatest(failures - 1, 0),
            blocked_until = case when failures - 1 < $3 then '-infinity'::timestamptz else blocked_until end
      where username = $1 and ip = $2`,
    [username, ip, free]
  );
}

/** Whole seconds until the key is free (at least 1). */
export async function secondsBlocked(db: Queryable, username: string, ip: string): Promise<number> {
  const { rows } = await db.query<{ s: number }>(
    `select greatest(1, ceil(extract(epoch from blocked_until - now())))::int as s from login_throttle where username = $1 and ip = $2`,
    [username, ip]
  );
  return rows[0]?.s ?? 1;
}

export async function clearKey(db: Queryable, username: string, ip: string): Promise<void> {
  await db.query('delete from login_throttle where username = $1 and ip = $2', [username, ip]);
}

/** Forgets keys nobody has failed on for a day. */
export async function forgetStaleKeys(db: Queryable): Promise<void> {
  await db.query(
    `delete from login_throttle where last_failure_at < now() - interval '1 day' and blocked_until < now()`
  );
}

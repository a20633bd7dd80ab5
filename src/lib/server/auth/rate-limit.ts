// Login attempts are limited per account and per address over a sliding window. Kept in the database so
// every app instance enforces the same limit.
import type { Queryable } from '../db/index.ts';

export const LOGIN_WINDOW_MINUTES = 15;
/** Five wrong passwords for one account lock it for the window: guessing stays impractical, typos do not lock anyone out for long. */
export const MAX_FAILURES_PER_ACCOUNT = 5;
/** One address may try more accounts (a shared government office NAT), but not spray hundreds. */
export const MAX_FAILURES_PER_ADDRESS = 30;

export async function isLimited(db: Queryable, username: string, ip: string): Promise<boolean> {
  const { rows } = await db.query<{ by_user: number; by_ip: number }>(
    `select count(*) filter (where username = $1)::int as by_user, count(*) filter (where ip = $2)::int as by_ip
       from login_failures
      where at > now() - make_interval(mins => $3) and (username = $1 or ip = $2)`,
    [username.toLowerCase(), ip, LOGIN_WINDOW_MINUTES]
  );
  return rows[0].by_user >= MAX_FAILURES_PER_ACCOUNT || rows[0].by_ip >= MAX_FAILURES_PER_ADDRESS;
}

export async function recordFailure(db: Queryable, username: string, ip: string) {
  await db.query('insert into login_failures (username, ip) values ($1, $2)', [username.toLowerCase(), ip]);
}

export async function clearFailures(db: Queryable, username: string) {
  await db.query('delete from login_failures where username = $1', [username.toLowerCase()]);
}

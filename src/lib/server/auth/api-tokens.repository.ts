// The api_tokens and api_rate tables and the service accounts they belong to (api-tokens.ts decides).
import type { Queryable } from '../db/index.ts';
import type { ApiScope } from '../../domain/api-scopes.ts';
import type { Role } from '../../domain/roles.ts';

/** The username of an enabled service account; null for any other account. */
export async function enabledServiceUsername(db: Queryable, userId: string): Promise<string | null> {
  const { rows } = await db.query<{ username: string }>(
    'select username from users where id = $1 and service and not disabled',
    [userId]
  );
  return rows[0]?.username ?? null;
}

export interface NewToken {
  userId: string;
  name: string;
  tokenHash: string;
  prefix: string;
  scopes: string[];
  ratePerMinute: number;
  createdBy: string;
  /** Valid for this many days from now; null: no expiry. */
  expiresInDays: number | null;
}

export async function insertToken(db: Queryable, t: NewToken): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into api_tokens (user_id, name, token_hash, prefix, scopes, rate_per_minute, created_by, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7, case when $8::int is null then null else now() + make_interval(days => $8::int) end) returning id::text as id`,
    [t.userId, t.name, t.tokenHash, t.prefix, t.scopes, t.ratePerMinute, t.createdBy, t.expiresInDays]
  );
  return rows[0].id;
}

export interface LockedToken {
  user_id: string;
  username: string;
  name: string;
  prefix: string;
  revoked_at: Date | null;
}

/** The token with its account's username, locked for the transaction; null when there is none. */
export async function lockToken(db: Queryable, tokenId: string): Promise<LockedToken | null> {
  const { rows } = await db.query<LockedToken>(
    `select t.user_id::text as user_id, u.username, t.name, t.prefix, t.revoked_at from api_tokens t join users u on u.id = t.user_id where t.id = $1 for update of t`,
    [tokenId]
  );
  return rows[0] ?? null;
}

export async function markTokenRevoked(db: Queryable, tokenId: string, by: string): Promise<void> {
  await db.query('update api_tokens set revoked_at = now(), revoked_by = $2 where id = $1', [tokenId, by]);
}

export interface ServiceAccountRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  authority_code: string | null;
  disabled: boolean;
}

export async function listServiceAccountRows(db: Queryable): Promise<ServiceAccountRow[]> {
  const { rows } = await db.query<ServiceAccountRow>(
    `select id::text as id, username, display_name, role, authority_code, disabled from users where service order by username`
  );
  return rows;
}

export interface TokenRow {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  rate_per_minute: number;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

/** Every token, live ones first, newest first. */
export async function listTokenRows(db: Queryable): Promise<TokenRow[]> {
  const { rows } = await db.query<TokenRow>(
    `select id::text as id, user_id::text as user_id, name, prefix, scopes, rate_per_minute, created_at, expires_at, revoked_at, last_used_at
       from api_tokens order by revoked_at is not null, created_at desc`
  );
  return rows;
}

export interface TokenUserRow {
  token_id: string;
  name: string;
  scopes: string[];
  rate_per_minute: number;
  id: string;
  username: string;
  display_name: string;
  role: Role;
  authority_code: string | null;
  department: string | null;
  department_code: string | null;
  enterprise_name: string | null;
}

/** The live token with this hash and its enabled service account; null otherwise. */
export async function liveTokenUser(db: Queryable, tokenHash: string): Promise<TokenUserRow | null> {
  const { rows } = await db.query<TokenUserRow>(
    `select t.id::text as token_id, t.name, t.scopes, t.rate_per_minute,
            u.id::text as id, u.username, u.display_name, u.role, u.authority_code, u.department, u.department_code, u.enterprise_name
       from api_tokens t join users u on u.id = t.user_id
      where t.token_hash = $1 and t.revoked_at is null and (t.expires_at is null or t.expires_at > now()) and u.service and not u.disabled`,
    [tokenHash]
  );
  return rows[0] ?? null;
}

/** Counts one request for the key in the current minute; the count so far and the seconds left in the minute. */
export async function countRateWindow(db: Queryable, key: string): Promise<{ count: number; wait: number }> {
  const { rows } = await db.query<{ count: number; wait: number }>(
    `insert into api_rate as r (key, window_start, count) values ($1, date_trunc('minute', now()), 1)
     on conflict (key, window_start) do update set count = r.count + 1
     returning count, greatest(1, ceil(extract(epoch from date_trunc('minute', now()) + interval '1 minute' - now())))::int as wait`,
    [key]
  );
  return rows[0];
}

/** Forgets the counts older than an hour. */
export async function pruneRateWindows(db: Queryable): Promise<void> {
  await db.query(`delete from api_rate where window_start < now() - interval '1 hour'`);
}

export async function touchToken(db: Queryable, tokenId: string): Promise<void> {
  await db.query('update api_tokens set last_used_at = now() where id = $1', [tokenId]);
}

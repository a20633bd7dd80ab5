// API tokens of service accounts (issue 17.1): issued and revoked by an administrator, shown once, stored
// as SHA-256 (a token is 256 random bits, so a fast hash is enough), sent as Authorization: Bearer. A token
// resolves to the same SessionUser a cookie does — the service account's role and district — plus its
// scopes; the scopes are checked against the OpenAPI document in bearer.ts, the role and district by the
// services as for anybody. Issuing, revoking and every use are events.
import { randomBytes } from 'node:crypto';
import type { Db, Queryable } from '../db/index.ts';
import type { SessionUser } from './session.ts';
import { tokenHash } from './session.ts';
import { apiError } from '../http/api.ts';
import { isUuid } from '../http/ids.ts';
import { logEvent } from '../users/accounts.service.ts';
import { parseScopes, TOKEN_PATTERN, type ApiScope } from '../../domain/api-scopes.ts';
import type { Role } from '../../domain/roles.ts';

export interface TokenUser extends SessionUser {
  token: { id: string; name: string; scopes: string[]; ratePerMinute: number };
}

function requireAdmin(actor: SessionUser) {
  if (actor.role !== 'admin' || actor.token)
    throw apiError(403, 'forbidden', {
      zh: '只有系统管理员可以管理服务账号和令牌。',
      en: 'Only administrators manage service accounts and tokens.'
    });
}

export interface IssueInput {
  userId?: unknown;
  name?: unknown;
  scopes?: unknown[];
  ratePerMinute?: unknown;
  expiresInDays?: unknown;
}

/** Issues a token for a service account; the token is returned once and never again. */
export async function issueToken(
  db: Db,
  actor: SessionUser,
  input: IssueInput
): Promise<{ id: string; token: string; prefix: string }> {
  requireAdmin(actor);
  const parsed = parseScopes(input.scopes ?? []);
  if ('problem' in parsed) throw apiError(400, 'bad_scopes', parsed.problem);
  const name = typeof input.name === 'string' ? input.name.trim().slice(0, 100) : '';
  if (!name)
    throw apiError(400, 'token_name_required', {
      zh: '请填写令牌用途（如：某区政务数据平台）。',
      en: 'Say what the token is for (e.g. the district data platform).'
    });
  const rate = input.ratePerMinute === undefined || input.ratePerMinute === '' ? 600 : Number(input.ratePerMinute);
  if (!Number.isInteger(rate) || rate < 1 || rate > 100000)
    throw apiError(400, 'bad_rate', {
      zh: '每分钟请求上限须为 1–100000 的整数。',
      en: 'The requests-per-minute limit must be a whole number from 1 to 100000.'
    });
  const days = input.expiresInDays === undefined || input.expiresInDays === '' ? null : Number(input.expiresInDays);
  if (days !== null && (!Number.isInteger(days) || days < 1 || days > 3650))
    throw apiError(400, 'bad_expiry', {
      zh: '有效期须为 1–3650 天，或留空表示长期有效。',
      en: 'The validity must be 1–3650 days, or blank for no expiry.'
    });
  const missing = () =>
    apiError(404, 'service_account_not_found', {
      zh: '服务账号不存在或已停用。',
      en: 'No such service account, or it is disabled.'
    });
  if (!isUuid(input.userId)) throw missing();
  const token = 'zlt_' + randomBytes(32).toString('base64url');
  const prefix = token.slice(0, 10);
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ username: string }>(
      'select username from users where id = $1 and service and not disabled',
      [input.userId]
    );
    if (!rows[0]) throw missing();
    const r = await tx.query<{ id: string }>(
      `insert into api_tokens (user_id, name, token_hash, prefix, scopes, rate_per_minute, created_by, expires_at)
       values ($1, $2, $3, $4, $5, $6, $7, case when $8::int is null then null else now() + make_interval(days => $8::int) end) returning id::text as id`,
      [input.userId, name, tokenHash(token), prefix, parsed.scopes, rate, actor.id, days]
    );
    const id = r.rows[0].id;
    await logEvent(
      tx,
      actor,
      'api_token_create',
      { id: input.userId as string, username: rows[0].username },
      { tokenId: id, name, prefix, scopes: parsed.scopes, ratePerMinute: rate, expiresInDays: days }
    );
    return { id, token, prefix };
  });
}

/** Revokes a token at once (every instance: the next request looks it up again). */
export async function revokeToken(db: Db, actor: SessionUser, tokenId: string): Promise<void> {
  requireAdmin(actor);
  if (!isUuid(tokenId)) throw apiError(404, 'token_not_found', { zh: '令牌不存在。', en: 'No such token.' });
  await db.transaction(async (tx) => {
    const { rows } = await tx.query<{
      user_id: string;
      username: string;
      name: string;
      prefix: string;
      revoked_at: Date | null;
    }>(
      `select t.user_id::text as user_id, u.username, t.name, t.prefix, t.revoked_at from api_tokens t join users u on u.id = t.user_id where t.id = $1 for update of t`,
      [tokenId]
    );
    const t = rows[0];
    if (!t) throw apiError(404, 'token_not_found', { zh: '令牌不存在。', en: 'No such token.' });
    if (t.revoked_at) return;
    await tx.query('update api_tokens set revoked_at = now(), revoked_by = $2 where id = $1', [tokenId, actor.id]);
    await logEvent(
      tx,
      actor,
      'api_token_revoke',
      { id: t.user_id, username: t.username },
      { tokenId, name: t.name, prefix: t.prefix }
    );
  });
}

export interface ServiceAccountView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  authorityCode: string | null;
  disabled: boolean;
  tokens: {
    id: string;
    name: string;
    prefix: string;
    scopes: ApiScope[];
    ratePerMinute: number;
    createdAt: string;
    expiresAt: string | null;
    revokedAt: string | null;
    lastUsedAt: string | null;
  }[];
}
export interface TokenEventView {
  id: string;
  at: string;
  action: string;
  actorName: string | null;
  username: string | null;
  payload: Record<string, unknown>;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export async function listServiceAccounts(
  db: Queryable,
  actor: SessionUser
): Promise<{ accounts: ServiceAccountView[]; events: TokenEventView[] }> {
  requireAdmin(actor);
  const users = await db.query<{
    id: string;
    username: string;
    display_name: string;
    role: Role;
    authority_code: string | null;
    disabled: boolean;
  }>(
    `select id::text as id, username, display_name, role, authority_code, disabled from users where service order by username`
  );
  const tokens = await db.query<{
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
  }>(
    `select id::text as id, user_id::text as user_id, name, prefix, scopes, rate_per_minute, created_at, expires_at, revoked_at, last_used_at
       from api_tokens order by revoked_at is not null, created_at desc`
  );
  const ev = await db.query<{
    id: string;
    at: Date;
    action: string;
    actor_name: string | null;
    username: string | null;
    payload: Record<string, unknown>;
  }>(
    `select e.id::text as id, e.at, e.action, u.display_name as actor_name, coalesce(e.payload->>'username', u.username) as username, e.payload
       from events e left join users u on u.id = e.actor_id
      where e.project_id is null and e.action in ('service_account_create', 'api_token_create', 'api_token_revoke', 'api_call')
      order by e.id desc limit 100`
  );
  return {
    accounts: users.rows.map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.display_name,
      role: u.role,
      authorityCode: u.authority_code,
      disabled: u.disabled,
      tokens: tokens.rows
        .filter((t) => t.user_id === u.id)
        .map((t) => ({
          id: t.id,
          name: t.name,
          prefix: t.prefix,
          scopes: t.scopes,
          ratePerMinute: t.rate_per_minute,
          createdAt: iso(t.created_at)!,
          expiresAt: iso(t.expires_at),
          revokedAt: iso(t.revoked_at),
          lastUsedAt: iso(t.last_used_at)
        }))
    })),
    events: ev.rows.map((e) => ({
      id: e.id,
      at: new Date(e.at).toISOString(),
      action: e.action,
      actorName: e.actor_name,
      username: e.username,
      payload: e.payload
    }))
  };
}

/** The service account behind a bearer token, with the token's scopes; null for an unknown, revoked or expired token. */
export async function resolveToken(db: Queryable, raw: string): Promise<TokenUser | null> {
  if (!TOKEN_PATTERN.test(raw)) return null;
  const { rows } = await db.query<{
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
  }>(
    `select t.id::text as token_id, t.name, t.scopes, t.rate_per_minute,
            u.id::text as id, u.username, u.display_name, u.role, u.authority_code, u.department, u.department_code, u.enterprise_name
       from api_tokens t join users u on u.id = t.user_id
      where t.token_hash = $1 and t.revoked_at is null and (t.expires_at is null or t.expires_at > now()) and u.service and not u.disabled`,
    [tokenHash(raw)]
  );
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    authorityCode: r.authority_code,
    department: r.department,
    departmentCode: r.department_code,
    enterpriseName: r.enterprise_name,
    email: null,
    mustChangePassword: false,
    token: { id: r.token_id, name: r.name, scopes: r.scopes, ratePerMinute: r.rate_per_minute }
  };
}

/**
 * Counts one request for the key in the current minute, in the database so that every instance shares the
 * count; says how many seconds to wait when the limit is reached.
 */
export async function countRequest(
  db: Queryable,
  key: string,
  perMinute: number
): Promise<{ ok: true } | { ok: false; retryAfter: number }> {
  const { rows } = await db.query<{ count: number; wait: number }>(
    `insert into api_rate as r (key, window_start, count) values ($1, date_trunc('minute', now()), 1)
     on conflict (key, window_start) do update set count = r.count + 1
     returning count, greatest(1, ceil(extract(epoch from date_trunc('minute', now()) + interval '1 minute' - now())))::int as wait`,
    [key]
  );
  if (Math.random() < 0.01) await db.query(`delete from api_rate where window_start < now() - interval '1 hour'`);
  return rows[0].count <= perMinute ? { ok: true } : { ok: false, retryAfter: rows[0].wait };
}

/** Every call with a token is an event: who (the service account), which token, which operation, the answer. */
export async function logTokenUse(
  db: Queryable,
  user: TokenUser,
  call: { method: string; route: string; path: string; status: number; requestId?: string }
) {
  await db.query(
    `insert into events (project_id, actor_id, actor_role, action, payload) values ($1, $2, $3, 'api_call', $4)`,
    [
      null,
      user.id,
      user.role,
      JSON.stringify({
        tokenId: user.token.id,
        token: user.token.name,
        method: call.method,
        route: call.route,
        path: call.path,
        status: call.status,
        requestId: call.requestId ?? null
      })
    ]
  );
  await db.query('update api_tokens set last_used_at = now() where id = $1', [user.token.id]);
}

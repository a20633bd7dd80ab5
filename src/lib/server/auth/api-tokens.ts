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
import { insertOfficeEvent, officeEvents } from '../audit/events.repository.ts';
import * as repo from './api-tokens.repository.ts';
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
    const username = await repo.enabledServiceUsername(tx, input.userId as string);
    if (username === null) throw missing();
    const id = await repo.insertToken(tx, {
      userId: input.userId as string,
      name,
      tokenHash: tokenHash(token),
      prefix,
      scopes: parsed.scopes,
      ratePerMinute: rate,
      createdBy: actor.id,
      expiresInDays: days
    });
    await logEvent(
      tx,
      actor,
      'api_token_create',
      { id: input.userId as string, username },
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
    const t = await repo.lockToken(tx, tokenId);
    if (!t) throw apiError(404, 'token_not_found', { zh: '令牌不存在。', en: 'No such token.' });
    if (t.revoked_at) return;
    await repo.markTokenRevoked(tx, tokenId, actor.id);
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

const TOKEN_ACTIONS = ['service_account_create', 'api_token_create', 'api_token_revoke', 'api_call'];

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export async function listServiceAccounts(
  db: Queryable,
  actor: SessionUser
): Promise<{ accounts: ServiceAccountView[]; events: TokenEventView[] }> {
  requireAdmin(actor);
  const users = await repo.listServiceAccountRows(db);
  const tokens = await repo.listTokenRows(db);
  const events = await officeEvents(db, TOKEN_ACTIONS, 100);
  return {
    accounts: users.map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.display_name,
      role: u.role,
      authorityCode: u.authority_code,
      disabled: u.disabled,
      tokens: tokens
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
    events: events.map((e) => ({
      id: e.id,
      at: new Date(e.at).toISOString(),
      action: e.action,
      actorName: e.actor_name,
      username: e.username ?? e.actor_username,
      payload: e.payload
    }))
  };
}

/** The service account behind a bearer token, with the token's scopes; null for an unknown, revoked or expired token. */
export async function resolveToken(db: Queryable, raw: string): Promise<TokenUser | null> {
  if (!TOKEN_PATTERN.test(raw)) return null;
  const r = await repo.liveTokenUser(db, tokenHash(raw));
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
  const { count, wait } = await repo.countRateWindow(db, key);
  if (Math.random() < 0.01) await repo.pruneRateWindows(db);
  return count <= perMinute ? { ok: true } : { ok: false, retryAfter: wait };
}

/** Every call with a token is an event: who (the service account), which token, which operation, the answer. */
export async function logTokenUse(
  db: Queryable,
  user: TokenUser,
  call: { method: string; route: string; path: string; status: number; requestId?: string }
) {
  await insertOfficeEvent(db, {
    actorId: user.id,
    role: user.role,
    action: 'api_call',
    payload: {
      tokenId: user.token.id,
      token: user.token.name,
      method: call.method,
      route: call.route,
      path: call.path,
      status: call.status,
      requestId: call.requestId ?? null
    }
  });
  await repo.touchToken(db, user.token.id);
}

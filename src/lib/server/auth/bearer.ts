// Requests that carry Authorization: Bearer <token> (issue 17.1). The token decides who the caller is (its
// service account: role and district) and what it may call (its scopes, against the operation's bearer
// scope in the OpenAPI document; an operation without one is closed to tokens). Each token has a rate
// limit counted in the database, shared by all instances. Every call — refused or not — is an event.
import { json, type RequestEvent } from '@sveltejs/kit';
import type { Db } from '../db/index.ts';
import type { Lang } from '../../i18n/index.ts';
import { tokenMayCall } from '../../domain/api-scopes.ts';
import { requiredScope } from '../openapi/operations.ts';
import { countRequest, logTokenUse, resolveToken, type TokenUser } from './api-tokens.ts';

/** The bearer token of an /api/ request, or null when it has none (a cookie session, or anonymous). */
export function bearerToken(request: Request): string | null {
  const h = request.headers.get('authorization');
  const m = h && /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m ? m[1] : null;
}

const TEXT = {
  invalid_token: {
    zh: 'API 令牌无效、已吊销或已过期：请向系统管理员申请新的令牌。',
    en: 'The API token is invalid, revoked or expired; ask the administrator for a new one.'
  },
  insufficient_scope: {
    zh: '此令牌无权调用该接口：需要权限范围“{scope}”，请管理员签发含此范围的令牌。',
    en: 'This token may not call this operation: it needs the scope "{scope}"; ask the administrator for a token with it.'
  },
  not_for_tokens: {
    zh: '该接口不对 API 令牌开放（仅限登录用户）。',
    en: 'This operation is not open to API tokens (signed-in users only).'
  },
  rate_limited: {
    zh: '此令牌请求过于频繁（每分钟上限 {limit} 次）：请 {wait} 秒后再试。',
    en: 'Too many requests with this token (limit {limit} a minute); try again in {wait} seconds.'
  }
};
const say = (lang: Lang, key: keyof typeof TEXT, vars: Record<string, string | number> = {}) =>
  Object.entries(vars).reduce((s, [k, v]) => s.replaceAll(`{${k}}`, String(v)), TEXT[key][lang]);

export async function handleWithToken(
  event: RequestEvent,
  db: Db,
  raw: string,
  lang: Lang,
  next: () => Promise<Response>
): Promise<Response> {
  const user = await resolveToken(db, raw);
  if (!user) {
    return json(
      { error: { code: 'invalid_token', message: say(lang, 'invalid_token') } },
      { status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token"' } }
    );
  }
  const log = (status: number) =>
    logTokenUse(db, user, {
      method: event.request.method,
      route: event.route.id ?? '',
      path: event.url.pathname,
      status,
      requestId: event.locals.requestId
    });
  const scope = requiredScope(event.request.method, event.route.id);
  if (event.route.id && !tokenMayCall(user.token.scopes, scope)) {
    await log(403);
    const message = scope ? say(lang, 'insufficient_scope', { scope }) : say(lang, 'not_for_tokens');
    return json(
      { error: { code: 'insufficient_scope', message } },
      {
        status: 403,
        headers: { 'www-authenticate': `Bearer error="insufficient_scope"${scope ? `, scope="${scope}"` : ''}` }
      }
    );
  }
  const rate = await countRequest(db, `token:${user.token.id}`, user.token.ratePerMinute);
  if (!rate.ok) {
    await log(429);
    return json(
      {
        error: {
          code: 'rate_limited',
          message: say(lang, 'rate_limited', { limit: user.token.ratePerMinute, wait: rate.retryAfter })
        }
      },
      { status: 429, headers: { 'retry-after': String(rate.retryAfter) } }
    );
  }
  event.locals.user = user satisfies TokenUser;
  const response = await next();
  await log(response.status);
  return response;
}

// Service accounts and tokens made the way an administrator makes them: through the /admin/api-tokens form
// actions (as the page's enhanced forms post them), so API tests exercise the real path.
import { parse } from 'devalue';
import { baseUrl, type Client } from './http.ts';

export async function formAction(admin: Client, action: string, fields: [string, string][]) {
  const res = await admin.request('POST', `/admin/api-tokens?/${action}`, new URLSearchParams(fields).toString(), {
    'content-type': 'application/x-www-form-urlencoded',
    'x-sveltekit-action': 'true',
    accept: 'application/json',
    origin: baseUrl()
  });
  const body = (await res.json()) as { type: string; status?: number; data?: string };
  return {
    type: body.type,
    status: body.status ?? res.status,
    data: body.data ? (parse(body.data) as Record<string, unknown>) : {}
  };
}

export interface ServiceAccountSpec {
  username: string;
  role: string;
  authorityCode?: string;
}

/** Creates the service account and issues a token; returns the token and the account's id. */
export async function issueToken(
  admin: Client,
  account: ServiceAccountSpec,
  token: { scopes: string[]; ratePerMinute?: number; name?: string }
) {
  const made = await formAction(admin, 'account', [
    ['username', account.username],
    ['displayName', `测试系统 ${account.username}`],
    ['role', account.role],
    ...(account.authorityCode ? [['authorityCode', account.authorityCode] as [string, string]] : [])
  ]);
  if (made.type !== 'success') throw new Error(`service account: ${JSON.stringify(made)}`);
  const id = made.data.id as string;
  const issued = await formAction(admin, 'issue', [
    ['userId', id],
    ['name', token.name ?? 'test'],
    ['ratePerMinute', String(token.ratePerMinute ?? 600)],
    ...token.scopes.map((s) => ['scopes', s] as [string, string])
  ]);
  if (issued.type !== 'success') throw new Error(`issue: ${JSON.stringify(issued)}`);
  return { token: (issued.data.issued as { token: string }).token, userId: id };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

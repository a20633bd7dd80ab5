import { error, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { beginOidcLogin, oidcSettingsFromEnv } from '$lib/server/auth/oidc.ts';
import { safeNext } from '$lib/server/http/safe-next.ts';

// GET /login/oidc?next=… — off to the identity service (authorisation code + PKCE), when single sign-on is configured.
export async function GET({ url, locals }) {
  const settings = oidcSettingsFromEnv();
  if (!settings) error(404, locals.lang === 'zh' ? '未配置统一身份认证。' : 'Single sign-on is not configured.');
  let target: string;
  try {
    target = await beginOidcLogin(await getDb(), settings, safeNext(url.searchParams.get('next')));
  } catch (e) {
    console.error('single sign-on: the identity service cannot be reached:', (e as Error).message);
    redirect(303, '/login?sso=unreachable');
  }
  redirect(303, target);
}

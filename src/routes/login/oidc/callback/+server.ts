import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { completeOidcLogin, oidcSettingsFromEnv } from '$lib/server/auth/oidc.ts';
import { requestAddress } from '$lib/server/auth/client-address.ts';
import { SESSION_COOKIE } from '$lib/server/auth/session.ts';
import { sessionCookieOptions } from '$lib/server/auth/cookie.ts';
import { safeNext } from '$lib/server/http/safe-next.ts';

// GET /login/oidc/callback?code&state — the identity service sends the person back here.
export async function GET(event) {
  const settings = oidcSettingsFromEnv();
  if (!settings) redirect(303, '/login');
  if (event.url.searchParams.has('error')) redirect(303, '/login?sso=refused');
  const outcome = await completeOidcLogin(await getDb(), settings, event.url, {
    ip: requestAddress(event),
    userAgent: event.request.headers.get('user-agent') ?? ''
  });
  if (outcome.kind === 'signed_in') {
    event.cookies.set(SESSION_COOKIE, outcome.token, sessionCookieOptions(event.url, outcome.expiresAt));
    redirect(303, safeNext(outcome.next));
  }
  redirect(303, `/login?sso=${outcome.kind === 'failed' ? 'failed' : outcome.kind}`);
}

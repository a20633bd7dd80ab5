import { redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

// Pages that anyone may open without signing in.
const PUBLIC = [/^\/login$/, /^\/lang$/, /^\/verify\//];

export const load: LayoutServerLoad = ({ locals, url }) => {
  if (!locals.user && !PUBLIC.some((p) => p.test(url.pathname)))
    redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  // Signed in with a temporary password: nothing else until a new one is chosen (issue 11.8).
  if (locals.user?.mustChangePassword && url.pathname !== '/account/password')
    redirect(303, `/account/password?next=${encodeURIComponent(url.pathname + url.search)}`);
  // requestId: quoted on error pages (X-Request-Id, src/lib/server/ops/request-handle.ts)
  return { user: locals.user, lang: locals.lang, requestId: locals.requestId ?? null };
};

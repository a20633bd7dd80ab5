import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { authorityStatusOf } from '$lib/server/policy/authority.service.ts';
import { inbox } from '$lib/server/workflow/workflow.service.ts';
import { unreadCount } from '$lib/server/notifications/notify.service.ts';
import { pageBasemap } from '$lib/server/map/basemap.service.ts';
import type { LayoutServerLoad } from './$types';

// Pages that anyone may open without signing in.
const PUBLIC = [/^\/login$/, /^\/lang$/, /^\/verify\//];

export const load: LayoutServerLoad = async ({ locals, url }) => {
  if (!locals.user && !PUBLIC.some((p) => p.test(url.pathname)))
    redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  // Signed in with a temporary password: nothing else until a new one is chosen (issue 11.8).
  if (locals.user?.mustChangePassword && url.pathname !== '/account/password')
    redirect(303, `/account/password?next=${encodeURIComponent(url.pathname + url.search)}`);
  // A district whose recognition authority is withdrawn sees it on every page (二.5).
  const authorityStatus = locals.user?.authorityCode
    ? await authorityStatusOf(await getDb(), locals.user.authorityCode).catch(() => null)
    : null;
  // The navigation's counts (issue 13.4/13.5): to-dos and unread messages; a failure shows no count, not an error.
  const counts = locals.user && !locals.user.mustChangePassword ? await navCounts(locals.user).catch(() => null) : null;
  // requestId: quoted on error pages (X-Request-Id, src/lib/server/ops/request-handle.ts)
  // The basemap every map draws under its layers (MapView.svelte); only for signed-in users.
  const basemap = locals.user ? await pageBasemap(await getDb()) : null;
  return {
    user: locals.user,
    lang: locals.lang,
    requestId: locals.requestId ?? null,
    authorityStatus,
    counts,
    basemap
  };
};

async function navCounts(user: NonNullable<App.Locals['user']>): Promise<Record<string, number>> {
  const db = await getDb();
  const [todo, unread] = await Promise.all([inbox(db, user), unreadCount(db, user.id)]);
  return { '/inbox': todo.length, '/notifications': unread };
}

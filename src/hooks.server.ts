import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { getDb } from '$lib/server/db/index.ts';
import { opsHandle } from '$lib/server/ops/request-handle.ts';
import { serverStarting } from '$lib/server/ops/startup.ts';
import { resolveSession, resolveSessionHot, SESSION_COOKIE } from '$lib/server/auth/session.ts';
import { buildMissingPyramids } from '$lib/server/tiles/pyramid-runner.ts';
import { countUsers } from '$lib/server/users/users.repository.ts';
import { seed } from '$lib/server/seed/seed.ts';
import { closeDemoDoors, shouldSeedAtStart } from '$lib/server/seed/demo-policy.ts';
import { pickLang, t } from '$lib/i18n/index.ts';
import { guardRequest } from '$lib/server/http/request-guard.ts';
import { cleanLeftoverTemp } from '$lib/server/storage/storage.ts';
import { warmIngestPool } from '$lib/server/projects/ingest-pool.ts';
import { startDeadlineTimer } from '$lib/server/deadlines/sweep.service.ts';
import { bearerToken, handleWithToken } from '$lib/server/auth/bearer.ts';
import { offerFastTiles } from '$lib/server/tiles/fast-path.ts';
import { serveTilesFrom } from '$lib/server/tiles/tiles.service.ts';

// At startup: open and migrate the database; an empty embedded database gets the sample installation.
export const init: ServerInit = async () => {
  // Upload readers start loading now, in their worker threads, while the database opens.
  warmIngestPool();
  // Map tiles for signed-in users are answered before SvelteKit when the server entry asks (scripts/server.js).
  offerFastTiles();
  const db = await serverStarting();
  const leftovers = await cleanLeftoverTemp();
  if (leftovers) console.log(`removed ${leftovers} temporary file(s) left by interrupted uploads`);
  // ZEROLAND_SEED=1 adds the sample installation to any database (tests, demos on PostgreSQL); never with
  // NODE_ENV=production or ZEROLAND_DEMO=0, which also disable demo accounts left over (seed/demo-policy.ts).
  const closed = await closeDemoDoors(db);
  if (closed) console.log(`not a demo installation: ${closed} demo account(s) disabled`);
  if (shouldSeedAtStart(process.env, db.kind, await countUsers(db))) {
    console.log('adding the sample installation: demo users and schematic sample layers…');
    await seed(db, (line) => console.log('  ' + line));
  }
  // Layer versions imported before tiles were stored get their pyramid in the background (served on the fly until then).
  void buildMissingPyramids(db, (line) => console.log(line)).catch((e) => console.error('building tile pyramids:', e));
  // The current layers' stored pyramids into memory: a map's first tiles are lookups too (tiles/resident.ts).
  void serveTilesFrom(db);
  // Deadline warnings, 超时督办 and pending e-mail (issue 13.4/13.5).
  startDeadlineTimer(db);
};

const appHandle: Handle = async ({ event, resolve }) => {
  const isApi = event.url.pathname.startsWith('/api/');
  const lang = pickLang(event.cookies.get('lang'), isApi ? event.request.headers.get('accept-language') : null);
  event.locals.lang = lang;
  const db = await getDb();
  const render = () =>
    resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', lang === 'zh' ? 'zh-CN' : 'en') });
  // Other systems call the API with a token of a service account (issue 17.1); no cookie is looked at then.
  const bearer = isApi ? bearerToken(event.request) : null;
  if (bearer !== null)
    return handleWithToken(event, db, bearer, lang, async () => guardRequest(event, lang) ?? render());
  // Map tiles (dozens a second while panning) use the short per-process session cache.
  const hot = event.request.method === 'GET' && event.url.pathname.startsWith('/api/v1/tiles/');
  event.locals.user = await (hot ? resolveSessionHot : resolveSession)(db, event.cookies.get(SESSION_COOKIE));
  const refused = guardRequest(event, lang);
  if (refused) return refused;
  return render();
};

// Request id, 503 while stopping, security headers, log line and metrics (src/lib/server/ops), then the app.
export const handle = sequence(opsHandle, appHandle);

// Bugs are logged with their stack; the user sees a plain sentence in their language and no internals.
export const handleError: HandleServerError = ({ error, event, status }) => {
  if (status !== 404) console.error(error);
  const lang = event.locals?.lang ?? 'zh';
  const requestId = event.locals?.requestId;
  return {
    code: status === 404 ? 'not_found' : 'internal',
    message: status === 404 ? t(lang, 'not_found_title') : t(lang, 'error_generic'),
    requestId
  };
};

// The operator's view of each request, as the first SvelteKit handle: a request id (kept from a proxy's
// X-Request-Id when well-formed, else made here) returned in the X-Request-Id header and on error pages;
// 503 while the server stops; security headers; one JSON log line; latency and upload metrics.
import type { Handle, RequestEvent } from '@sveltejs/kit';
import { randomBytes } from 'node:crypto';
import { isStopping } from './lifecycle.ts';
import { logEvent } from './log.ts';
import { metrics } from './metrics.ts';
import { addSecurityHeaders } from './security-headers.ts';

export const REQUEST_ID_HEADER = 'x-request-id';

// Ids made here: a random per-process prefix and a counter (unique across instances and restarts, and
// cheap: map panning asks dozens of tiles a second, and random bytes per request showed in the profile).
const ID_PREFIX = randomBytes(6).toString('base64url');
let idCounter = 0;

export function requestIdFrom(headers: Headers): string {
  return requestIdOf(headers.get(REQUEST_ID_HEADER));
}

/** A proxy's id when well-formed, else a new one. */
export function requestIdOf(given: string | null | undefined): string {
  return given && /^[\w.:-]{8,64}$/.test(given) ? given : `${ID_PREFIX}-${(++idCounter).toString(36).padStart(4, '0')}`;
}

/** Served tiles are counted in the metrics, not logged one line each (as web servers leave static files
 *  out of the access log): a map view asks dozens. A refused, failed or slow tile is still logged. */
const SLOW_TILE_MS = 250;
const quietTile = (routeId: string | null, status: number, ms: number) =>
  status < 400 && ms < SLOW_TILE_MS && routeId != null && routeId.startsWith('/api/v1/tiles/');

const isUpload = (event: RequestEvent) =>
  event.request.method === 'POST' &&
  (event.request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');

/** The refusal's error code from a JSON API answer ({error:{code}}), else the status. */
async function refusalReason(response: Response): Promise<string> {
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    try {
      const body = (await response.clone().json()) as { error?: { code?: string } };
      if (body?.error?.code) return body.error.code;
    } catch {
      /* not JSON after all */
    }
  }
  return `http_${response.status}`;
}

function stoppingResponse(id: string): Response {
  return new Response(
    JSON.stringify({
      error: {
        code: 'stopping',
        message: '服务器正在停止，请稍后重试。The server is stopping; please try again in a moment.'
      }
    }),
    {
      status: 503,
      headers: { 'content-type': 'application/json', connection: 'close', 'retry-after': '5', [REQUEST_ID_HEADER]: id }
    }
  );
}

export const opsHandle: Handle = async ({ event, resolve }) => {
  const t0 = performance.now();
  const id = requestIdFrom(event.request.headers);
  event.locals.requestId = id;
  if (isStopping()) return addSecurityHeaders(stoppingResponse(id));
  metrics.requestStarted();
  let status = 500;
  try {
    let response = await resolve(event);
    status = response.status;
    response = addSecurityHeaders(response);
    response.headers.set(REQUEST_ID_HEADER, id);
    if (isUpload(event)) {
      if (status < 400) metrics.uploadAccepted(event.route.id);
      else if (status < 500) {
        const reason = await refusalReason(response);
        metrics.uploadRefused(reason);
        logEvent(
          'upload_refused',
          { request_id: id, user_id: event.locals.user?.id ?? null, route: event.route.id, status, reason },
          'warn'
        );
      }
    }
    if (status < 400 && event.route.id?.startsWith('/api/v1/tiles/'))
      metrics.tileServed(event.params.layer ?? 'unknown');
    return response;
  } finally {
    const seconds = (performance.now() - t0) / 1000;
    metrics.requestFinished(event.route.id, event.request.method, status, seconds);
    if (!quietTile(event.route.id, status, seconds * 1000))
      logEvent(
        'request',
        {
          request_id: id,
          user_id: event.locals.user?.id ?? null,
          method: event.request.method,
          route: event.route.id ?? null,
          // the path only when no route matched (a 404), never the query string
          path: event.route.id ? undefined : event.url.pathname.slice(0, 200),
          status,
          ms: Math.round(seconds * 10000) / 10
        },
        status >= 500 ? 'error' : 'info'
      );
  }
};

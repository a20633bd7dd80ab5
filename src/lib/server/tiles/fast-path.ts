// Map tiles answered before SvelteKit. A panning map asks dozens of tiles a second and, once a tile is
// cached, building SvelteKit's Request and Response around it cost more than the tile itself (~1.5 of
// ~2 ms of CPU). The server entry (scripts/server.js) offers each request to `serveTile` first; only the
// plain success is answered here — a signed-in user (session cookie), a valid address, a layer that exists
// — with the same headers, caching, ETag, metrics and request id as the routes under /api/v1/tiles/. Anything
// else (no or expired session, API token, bad address, unknown layer, an error, the server stopping) returns
// false untouched, and SvelteKit's route answers it, with its errors in the user's language and its log line.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getDb } from '../db/index.ts';
import { resolveSessionHot, SESSION_COOKIE } from '../auth/session.ts';
import { isStopping } from '../ops/lifecycle.ts';
import { metrics } from '../ops/metrics.ts';
import { REQUEST_ID_HEADER, requestIdOf } from '../ops/request-handle.ts';
import { STATIC_HEADERS } from '../ops/security-headers.ts';
import { parseCompositeParams, parseTileParams, renderComposite, renderTile } from './tiles.service.ts';
import type { TileResult } from './tiles.service.ts';
import { tileAnswer } from './tile-response.ts';

/** A tile address with no query or only `?v=` of plain version ids (anything else: SvelteKit). */
const TILE_URL = /^\/api\/v1\/tiles\/(?:([a-z_]{2,40})\/)?(\d{1,2})\/(\d{1,9})\/(\d{1,9})\.mvt(?:\?v=([\d.]*))?$/;
const COMPOSITE_ROUTE = '/api/v1/tiles/[z]/[x]/[y].mvt';
const LAYER_ROUTE = '/api/v1/tiles/[layer]/[z]/[x]/[y].mvt';

const SESSION_IN_COOKIE = new RegExp(`(?:^|;)\\s*${SESSION_COOKIE}=([^;]*)`);
function sessionToken(cookie: string | undefined): string | undefined {
  const m = cookie ? SESSION_IN_COOKIE.exec(cookie) : null;
  try {
    return m ? decodeURIComponent(m[1].trim()) : undefined;
  } catch {
    return undefined; // a malformed cookie: SvelteKit's route answers
  }
}

/** The tile request this path may answer, or null (SvelteKit answers it). Cheap: no I/O. */
function plainTileRequest(req: IncomingMessage) {
  if (req.method !== 'GET' || !req.url || req.headers.authorization || isStopping()) return null;
  const m = TILE_URL.exec(req.url);
  if (!m) return null;
  const token = sessionToken(req.headers.cookie);
  if (!token) return null;
  const [, layer, z, x, y, v] = m;
  return { layer, zxy: { z, x, y }, v: v ?? null, token };
}

/** Answers a plain tile request and returns true, or returns false having written nothing. */
export async function serveTile(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const t0 = performance.now();
  const ask = plainTileRequest(req);
  if (!ask) return false;
  let tile: TileResult;
  let pinned: boolean;
  try {
    const db = await getDb();
    const user = await resolveSessionHot(db, ask.token);
    if (!user || user.mustChangePassword) return false;
    if (ask.layer) {
      const r = parseTileParams({ layer: ask.layer, ...ask.zxy }, ask.v);
      if (!r) return false;
      [tile, pinned] = [await renderTile(db, r), r.versionId != null];
    } else {
      const r = parseCompositeParams(ask.zxy, ask.v);
      if (!r) return false;
      [tile, pinned] = [await renderComposite(db, r), r.versionIds != null];
    }
  } catch {
    return false; // SvelteKit's route does it again and reports the failure
  }
  if (tile.status !== 'ok') return false;
  // Nothing is written before this point, so every return above leaves the request whole for SvelteKit.
  const a = tileAnswer(tile, pinned, req.headers['if-none-match']);
  res.writeHead(a.status, {
    ...STATIC_HEADERS,
    ...a.headers,
    [REQUEST_ID_HEADER]: requestIdOf(req.headers[REQUEST_ID_HEADER] as string | undefined)
  });
  // The layers' tiles go out as they are (one writev), not joined into a copy first.
  res.cork();
  for (const part of a.parts) res.write(part);
  res.end();
  res.uncork();
  metrics.requestStarted();
  metrics.requestFinished(ask.layer ? LAYER_ROUTE : COMPOSITE_ROUTE, 'GET', a.status, (performance.now() - t0) / 1000);
  metrics.tileServed(ask.layer ?? 'unknown');
  return true;
}

/** Where scripts/server.js finds the fast path inside the app's bundle (one module instance: one database). */
export const FAST_TILES_KEY = Symbol.for('zeroland.serveTile');

export function offerFastTiles() {
  (globalThis as Record<symbol, unknown>)[FAST_TILES_KEY] = serveTile;
}

// The HTTP answer for a tile, shared by the per-layer and the composite endpoint and by the fast path before
// SvelteKit (fast-path.ts). With ?v= the tile of those versions never changes: cached for a day. Without it
// (the current versions), browsers revalidate after a minute; the ETag (versions + z/x/y) answers 304 when
// nothing changed. A tile with no feature answers 204 No Content (MapLibre draws nothing), with the same
// caching headers.
import { apiError } from '../http/api.ts';
import { concatTiles } from './overzoom.ts';
import type { TileResult } from './tiles.service.ts';

/** Status, headers and body of a found tile. */
export function tileAnswer(
  tile: Extract<TileResult, { status: 'ok' }>,
  pinned: boolean,
  ifNoneMatch: string | null | undefined
): { status: 200 | 204 | 304; headers: Record<string, string>; parts: Uint8Array[] } {
  const headers: Record<string, string> = {
    etag: tile.etag,
    'cache-control': pinned ? 'private, max-age=86400, immutable' : 'private, max-age=60, must-revalidate',
    vary: 'Cookie'
  };
  if (ifNoneMatch === tile.etag) return { status: 304, headers, parts: [] };
  if (tile.parts.length === 0) return { status: 204, headers, parts: [] };
  headers['content-type'] = 'application/vnd.mapbox-vector-tile';
  headers['content-length'] = String(tile.parts.reduce((n, p) => n + p.length, 0));
  return { status: 200, headers, parts: tile.parts };
}

export function tileResponse(tile: TileResult, pinned: boolean, ifNoneMatch: string | null): Response {
  if (tile.status !== 'ok')
    throw apiError(404, 'no_layer', { zh: '没有该图层或版本。', en: 'No such layer or version.' });
  const a = tileAnswer(tile, pinned, ifNoneMatch);
  const body = a.parts.length ? (concatTiles(a.parts) as Uint8Array<ArrayBuffer>) : null;
  return new Response(body, { status: a.status, headers: a.headers });
}

export const badTile = () => apiError(400, 'bad_tile', { zh: '瓦片地址无效。', en: 'Invalid tile address.' });

// The HTTP answer for a tile, shared by the per-layer and the composite endpoint. With ?v= the tile of those
// versions never changes: cached for a day. Without it (the current versions), browsers revalidate after a
// minute; the ETag (versions + z/x/y) answers 304 when nothing changed. A tile with no feature answers
// 204 No Content (MapLibre draws nothing), with the same caching headers.
import { apiError } from '../http/api.ts';
import type { TileResult } from './tiles.service.ts';

export function tileResponse(tile: TileResult, pinned: boolean, ifNoneMatch: string | null): Response {
  if (tile.status !== 'ok')
    throw apiError(404, 'no_layer', { zh: '没有该图层或版本。', en: 'No such layer or version.' });
  const headers = {
    etag: tile.etag,
    'cache-control': pinned ? 'private, max-age=86400, immutable' : 'private, max-age=60, must-revalidate',
    vary: 'Cookie'
  };
  if (ifNoneMatch === tile.etag) return new Response(null, { status: 304, headers });
  if (tile.body.length === 0) return new Response(null, { status: 204, headers });
  return new Response(tile.body as Uint8Array<ArrayBuffer>, {
    headers: { ...headers, 'content-type': 'application/vnd.mapbox-vector-tile' }
  });
}

export const badTile = () => apiError(400, 'bad_tile', { zh: '瓦片地址无效。', en: 'Invalid tile address.' });

import { getDb } from '$lib/server/db/index.ts';
import { apiError, endpoint, requireUser } from '$lib/server/http/api.ts';
import { parseTileParams, renderTile } from '$lib/server/tiles/tiles.service.ts';

// GET /api/v1/tiles/:layer/:z/:x/:y.mvt[?v=<versionId>] — a Mapbox Vector Tile of one zoning layer.
// With ?v= the tile of that version never changes: cached for a day. Without it (the current version),
// browsers revalidate after a minute; the ETag (layer version + z/x/y) answers 304 when nothing changed.
// A tile with no feature answers 204 No Content (MapLibre draws nothing), with the same caching headers.
export const GET = endpoint(async (event) => {
  requireUser(event); // the zoning data is internal
  const v = event.url.searchParams.get('v');
  const req = parseTileParams(event.params, v);
  if (!req) throw apiError(400, 'bad_tile', { zh: '瓦片地址无效。', en: 'Invalid tile address.' });
  const tile = await renderTile(await getDb(), req);
  if (tile.status !== 'ok') throw apiError(404, 'no_layer', { zh: '没有该图层或版本。', en: 'No such layer or version.' });
  const headers = {
    etag: tile.etag,
    'cache-control': req.versionId != null ? 'private, max-age=86400, immutable' : 'private, max-age=60, must-revalidate',
    vary: 'Cookie'
  };
  if (event.request.headers.get('if-none-match') === tile.etag) return new Response(null, { status: 304, headers });
  if (tile.body.length === 0) return new Response(null, { status: 204, headers });
  return new Response(tile.body as Uint8Array<ArrayBuffer>, { headers: { ...headers, 'content-type': 'application/vnd.mapbox-vector-tile' } });
});

import { getDb } from '$lib/server/db/index.ts';
import { endpoint, requireUser } from '$lib/server/http/api.ts';
import { parseCompositeParams, renderComposite } from '$lib/server/tiles/tiles.service.ts';
import { badTile, tileResponse } from '$lib/server/tiles/tile-response.ts';

// GET /api/v1/tiles/:z/:x/:y.mvt[?v=<versionId>.<versionId>…] — all zoning layers of a z/x/y in one Mapbox
// Vector Tile, one source-layer per kind (named after it): the app's map makes one request per tile.
// Without ?v= the current version of every kind; with it, exactly those versions (the app pins them).
export const GET = endpoint(async (event) => {
  requireUser(event); // the zoning data is internal
  const v = event.url.searchParams.get('v');
  const req = parseCompositeParams(event.params, v);
  if (!req) throw badTile();
  const tile = await renderComposite(await getDb(), req);
  return tileResponse(tile, req.versionIds != null, event.request.headers.get('if-none-match'));
});

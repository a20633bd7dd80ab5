import { getDb } from '$lib/server/db/index.ts';
import { endpoint, requireUser } from '$lib/server/http/api.ts';
import { parseTileParams, renderTile } from '$lib/server/tiles/tiles.service.ts';
import { badTile, tileResponse } from '$lib/server/tiles/tile-response.ts';

// GET /api/v1/tiles/:layer/:z/:x/:y.mvt[?v=<versionId>] — a Mapbox Vector Tile of one zoning layer, for GIS
// clients (QGIS, other maps). The app's map asks the composite tile /api/v1/tiles/:z/:x/:y.mvt instead.
export const GET = endpoint(async (event) => {
  requireUser(event); // the zoning data is internal
  const v = event.url.searchParams.get('v');
  const req = parseTileParams(event.params, v);
  if (!req) throw badTile();
  const tile = await renderTile(await getDb(), req);
  return tileResponse(tile, req.versionId != null, event.request.headers.get('if-none-match'));
});

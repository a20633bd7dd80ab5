import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { layerForDisplay } from '$lib/server/layers/layers.service.ts';
import { apiError, endpoint, requireUser } from '$lib/server/http/api.ts';

// GET /api/v1/layers/<kind>.geojson — the current version of one layer, simplified for display (~1 m).
export const GET = endpoint(async (event) => {
  requireUser(event);
  const kind = (event.params.kind ?? '').replace(/\.geojson$/, '');
  if (!/^[a-z_]{2,40}$/.test(kind))
    throw apiError(400, 'bad_kind', { zh: '图层名称无效。', en: 'Invalid layer name.' });
  const fc = await layerForDisplay(await getDb(), kind);
  return json(fc, { headers: { 'cache-control': 'private, max-age=300' } });
});

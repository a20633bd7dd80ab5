import { getDb } from '$lib/server/db/index.ts';
import { listLayerInfo } from '$lib/server/layers/layers.service.ts';

export const load = async () => ({
  basemapStyleUrl: process.env.BASEMAP_STYLE_URL || null,
  layers: await listLayerInfo(await getDb())
});

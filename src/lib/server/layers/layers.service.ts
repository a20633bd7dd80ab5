import type { Db } from '../db/index.ts';
import { listLayers } from './layers.repository.ts';

/** The layer list as pages and the API show it: kinds, current version, where the data is. */
export async function listLayerInfo(db: Db) {
  return (await listLayers(db)).map((l) => ({
    kind: l.code,
    name: { zh: l.name_zh, en: l.name_en },
    purpose: l.purpose,
    color: l.color,
    version: l.version,
    versionId: l.version_id,
    featureCount: l.feature_count,
    sample: l.sample ?? false,
    data: l.version_id ? `/api/v1/layers/${l.code}.geojson?v=${l.version_id}` : null,
    // Pinned to the version: a switch changes the URL, so tiles can be cached for a day.
    tiles: l.version_id ? `/api/v1/tiles/${l.code}/{z}/{x}/{y}.mvt?v=${l.version_id}` : null
  }));
}

import type { Db } from '../db/index.ts';
import { currentLayerGeoJson, listLayers } from './layers.repository.ts';

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

/** About 1 m at Shanghai's latitude: what a display at city scale cannot tell apart. */
const DISPLAY_TOLERANCE_DEG = 0.00001;

/** The current version of one layer as a FeatureCollection, simplified for display (~1 m). */
export const layerForDisplay = (db: Db, kind: string) => currentLayerGeoJson(db, kind, DISPLAY_TOLERANCE_DEG);

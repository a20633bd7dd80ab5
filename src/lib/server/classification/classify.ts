// Classification service: a parcel against the current zoning layers (overlay in SQL, rule in domain/classification/land-type-rule.ts).
// The workflow calls classifyProject inside its own transaction right after storing a parcel.
import type { MultiPolygon, Polygon } from 'geojson';
import type { Queryable } from '../db/index.ts';
import { userError } from '../../errors.ts';
import { currentParcelId, overlayGeoJson, overlayParcel, storeClassification } from './classification.repository.ts';
import { DEFAULT_TOLERANCES, decide } from '../../domain/classification/land-type-rule.ts';
import type { Classification, ClassifyOptions, Tolerances } from '../../domain/classification/types.ts';

export function resolveTolerances(t?: Partial<Tolerances>): Tolerances {
  const merged = { ...DEFAULT_TOLERANCES, ...(t ?? {}) };
  if (!(merged.sliverMinM2 >= 0) || !(merged.sliverMinShare >= 0 && merged.sliverMinShare < 1))
    throw userError('bad-tolerance', '容差无效', 'Invalid sliver tolerance');
  return merged;
}

function assertArea(areaM2: number) {
  if (!(areaM2 > 0)) throw userError('empty-parcel', '地块面积为零，无法判定', 'The parcel has no area to classify');
}

/** Classifies one EPSG:4490 polygon against the current layers; stores nothing. */
export async function classifyGeometry(
  db: Queryable,
  geometry4490: Polygon | MultiPolygon,
  opts: ClassifyOptions = {}
): Promise<Classification> {
  const tolerances = resolveTolerances(opts.tolerances);
  if (!geometry4490 || (geometry4490.type !== 'Polygon' && geometry4490.type !== 'MultiPolygon'))
    throw userError('not-polygon', '地块边界必须是面（多边形）', 'The parcel boundary must be a polygon');
  const overlay = await overlayGeoJson(db, geometry4490);
  assertArea(overlay.parcelAreaM2);
  return decide({ ...overlay, tolerances });
}

/**
 * Classifies the project's current parcel, stores the result (history kept in `classifications`) and sets
 * `projects.land_type`, all in the caller's transaction.
 */
export async function classifyProject(
  tx: Queryable,
  projectId: string,
  opts: ClassifyOptions = {}
): Promise<Classification> {
  const tolerances = resolveTolerances(opts.tolerances);
  const parcelId = await currentParcelId(tx, projectId);
  if (!parcelId) throw userError('no-parcel', '项目尚未上传地块边界', 'The project has no parcel boundary yet');
  const overlay = await overlayParcel(tx, parcelId);
  assertArea(overlay.parcelAreaM2);
  const result = decide({ ...overlay, tolerances });
  await storeClassification(tx, {
    projectId,
    parcelId,
    landType: result.landType,
    result,
    layerVersions: overlay.layerVersions,
    tolerances
  });
  return result;
}

export { latestClassification } from './classification.repository.ts';

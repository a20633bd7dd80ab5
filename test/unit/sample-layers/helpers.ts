// Shared reading/geometry helpers for the sample-layer tests. Deliberately independent of the generator's
// code (scripts/sample-layers): the tests re-derive every fact from the files with @turf/turf.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';

export const DIR = join(process.cwd(), 'seed/sample-layers');
export const FILES = [
  'district',
  'lingang',
  'development_boundary',
  'industrial_block',
  'strategic_reserve',
  'basic_farmland',
  'eco_redline',
  'central_city',
  'river_buffer',
  'sample-parcels'
] as const;
export type LayerFile = (typeof FILES)[number];

export type AreaFeature = Feature<Polygon | MultiPolygon, Record<string, unknown>>;
export type Collection = FeatureCollection<Polygon | MultiPolygon, Record<string, unknown>> & {
  properties?: Record<string, unknown>;
};

const cache = new Map<string, Collection>();
export function load(name: LayerFile): Collection {
  let fc = cache.get(name);
  if (!fc) {
    fc = JSON.parse(readFileSync(join(DIR, `${name}.geojson`), 'utf8')) as Collection;
    cache.set(name, fc);
  }
  return fc;
}

export const km2 = (f: AreaFeature | null | undefined) => (f ? turf.area(f) / 1e6 : 0);
export const m2 = (f: AreaFeature | null | undefined) => (f ? turf.area(f) : 0);

export function overlap(a: AreaFeature, b: AreaFeature): AreaFeature | null {
  return turf.intersect(turf.featureCollection([a, b])) as AreaFeature | null;
}

export function minus(a: AreaFeature, b: AreaFeature): AreaFeature | null {
  return turf.difference(turf.featureCollection([a, b])) as AreaFeature | null;
}

const boxesTouch = (a: number[], b: number[]) => !(a[0] > b[2] || a[2] < b[0] || a[1] > b[3] || a[3] < b[1]);

/** Area (m²) of a feature that falls on any feature of a layer; only bbox-near features are intersected. */
export function areaOn(f: AreaFeature, layer: Collection): number {
  const fb = turf.bbox(f);
  let total = 0;
  for (const g of layer.features) if (boxesTouch(fb, turf.bbox(g))) total += m2(overlap(f, g));
  return total;
}

/** Area (m²) of a feature lying outside every feature of a layer. */
export function areaOff(f: AreaFeature, layer: Collection): number {
  const fb = turf.bbox(f);
  let rest: AreaFeature | null = f;
  for (const g of layer.features) if (rest && boxesTouch(fb, turf.bbox(g))) rest = minus(rest, g);
  return m2(rest);
}

export function unionOf(fc: Collection): AreaFeature {
  return fc.features.length === 1 ? fc.features[0] : (turf.union(fc) as AreaFeature);
}

export const polygonsOf = (f: AreaFeature) =>
  f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;

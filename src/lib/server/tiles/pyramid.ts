// The tile pyramid of one layer version, computed once at import: every non-empty tile from z0 to
// PYRAMID_MAX_ZOOM, clipped (64-unit buffer) and simplified per zoom by geojson-vt (the slicer MapLibre itself
// uses for GeoJSON sources), encoded as MVT by mvt.ts. Deeper zooms are cut from the z14 tile (overzoom.ts):
// at z14 the tile keeps every vertex, on a grid of ~0.5 m in Shanghai — finer than any zoning line.
// Pure: plain rows in, encoded tiles out (runs in a worker thread for big layers, see pyramid-runner.ts).
import { GeoJSONVT } from '@maplibre/geojson-vt';
import { signedArea } from '../../geo/planar.ts';
import { reduceTinyPolygons } from './dust.ts';
import { EXTENT, encodeTile, type PolygonRings, type TileFeature } from './mvt.ts';

/** Deepest stored zoom. z14 tiles are ~2 km wide in Shanghai; the city's layers need ~5,000 tiles per layer. */
export const PYRAMID_MAX_ZOOM = 14;
/** Simplification in tile units (1/4096 of a tile): the pixel-size tolerance the on-the-fly renderer used. */
const TOLERANCE = 1;
/** Buffer around each tile in tile units: polygon edges made by clipping are drawn off-screen. */
export const BUFFER = 64;

export interface ZoneRow {
  id: number;
  name: string;
  code: string | null;
  props: Record<string, unknown> | null;
  /** GeoJSON geometry text (Polygon or MultiPolygon) in lon/lat. */
  geojson: string;
}

export interface EncodedTile {
  z: number;
  x: number;
  y: number;
  data: Uint8Array;
}

/** Properties a map needs for styling and labels; the rest of a zone's attributes stay on the server. */
export function tileProperties(r: { name: string; code: string | null; props: Record<string, unknown> | null }) {
  const out: Record<string, string | number | boolean> = { name: r.name };
  if (r.code) out.code = r.code;
  for (const k of ['name_en', 'use', 'district']) {
    const v = r.props?.[k];
    if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  }
  return out;
}

interface VtFeature {
  id?: number;
  type: number;
  tags: Record<string, string | number | boolean> | null;
  geometry: [number, number][][];
}
/** `numFeatures` counts the clipped source features, before simplification dropped the tiny ones. */
interface VtTile {
  features: VtFeature[];
  numFeatures: number;
}
/** geojson-vt's tile store (not part of its typed API): read to free finished subtrees as the walk goes. */
interface VtInternals {
  tileIndex?: { tiles?: Record<number, unknown> };
}

/**
 * geojson-vt gives a polygon feature as a flat list of rings (MultiPolygons flattened), wound so that
 * exteriors and holes have opposite signs; the first ring is an exterior. Regroup into polygons.
 */
export function groupRings(rings: [number, number][][]): PolygonRings[] {
  const polygons: PolygonRings[] = [];
  let exteriorSign = 0;
  for (const ring of rings) {
    const a = Math.sign(signedArea(ring));
    if (a === 0) continue;
    if (exteriorSign === 0) exteriorSign = a;
    if (a === exteriorSign || polygons.length === 0) polygons.push([ring]);
    else polygons[polygons.length - 1].push(ring);
  }
  return polygons;
}

const toFeatures = (tile: VtTile | null): TileFeature[] =>
  (tile?.features ?? [])
    .filter((f) => f.type === 3)
    .map((f) => ({ id: Number(f.id), polygons: groupRings(f.geometry), properties: f.tags ?? {} }));

/**
 * Every non-empty tile of the layer, depth first from z0, each encoded as one MVT layer named `layerName`.
 * `onTile` receives tiles as they are made (the caller can store them in batches); memory stays bounded
 * because finished subtrees are dropped from the slicer's index.
 */
export function buildPyramid(
  layerName: string,
  rows: ZoneRow[],
  onTile: (t: EncodedTile) => void,
  maxZoom = PYRAMID_MAX_ZOOM
): { tiles: number; bytes: number } {
  const fc = {
    type: 'FeatureCollection' as const,
    features: rows.map((r) => ({
      type: 'Feature' as const,
      id: Number(r.id),
      properties: tileProperties(r),
      geometry: JSON.parse(r.geojson)
    }))
  };
  // indexMaxZoom 0: the index starts with the world tile only; the walk below drills down tile by tile.
  const vt = new GeoJSONVT(fc as GeoJSON.FeatureCollection, {
    maxZoom,
    indexMaxZoom: 0,
    indexMaxPoints: 0,
    tolerance: TOLERANCE,
    extent: EXTENT,
    buffer: BUFFER,
    wrap: false
  });
  fc.features.length = 0; // the index holds its own projected copy
  const store = (vt as unknown as VtInternals).tileIndex?.tiles;
  let tiles = 0;
  let bytes = 0;
  const walk = (z: number, x: number, y: number) => {
    const raw = vt.getTile(z, x, y) as VtTile | null;
    // The deepest zoom keeps every zone whole: deeper tiles are cut from it.
    const features = z < maxZoom ? reduceTinyPolygons(toFeatures(raw), EXTENT) : toFeatures(raw);
    if (features.length > 0) {
      const data = encodeTile(layerName, features);
      if (data.length > 0) {
        onTile({ z, x, y, data });
        tiles++;
        bytes += data.length;
      }
    }
    // A tile whose slice is empty has no descendants with data; one whose features all simplified away at
    // this zoom (patches smaller than a tile unit) has.
    if (raw && raw.numFeatures > 0 && z < maxZoom)
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1]
      ])
        walk(z + 1, 2 * x + dx, 2 * y + dy);
    if (store) delete store[((1 << z) * y + x) * 32 + z];
  };
  walk(0, 0, 0);
  return { tiles, bytes };
}

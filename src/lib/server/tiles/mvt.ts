// Mapbox Vector Tile (spec 2.1) encoder for polygons already in tile coordinates. Written here because
// PGlite's PostGIS has no protobuf (ST_AsMVT fails there): one code path for both engines.
import { PbfWriter } from 'pbf';
// Signed area in tile coordinates (y down): positive = clockwise on screen, which MVT wants for exteriors.
import { signedArea } from '../../geo/planar.ts';

/** Tile coordinate space: the MVT default, which MapLibre expects. */
export const EXTENT = 4096;

export type Ring = [number, number][];
export type PolygonRings = Ring[]; // exterior first, then holes

export interface TileFeature {
  /** Absent for a square standing for several tiny zones (dust.ts). */
  id?: number;
  /** Each polygon: exterior ring then holes, integer tile coordinates (y down). */
  polygons: PolygonRings[];
  properties: Record<string, string | number | boolean>;
}

const POLYGON = 3;
const cmd = (id: number, count: number) => (id & 0x7) | (count << 3);
const zigzag = (n: number) => (n << 1) ^ (n >> 31);

/** Drops the closing point and consecutive duplicates (snapping to integers makes many). */
function cleanRing(r: Ring): Ring {
  const out: Ring = [];
  for (const p of r) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  if (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) out.pop();
  return out;
}

function encodeGeometry(polygons: PolygonRings[]): number[] {
  const g: number[] = [];
  let cx = 0;
  let cy = 0;
  for (const poly of polygons) {
    const rings = poly.map(cleanRing);
    if (rings[0].length < 3 || signedArea(rings[0]) === 0) continue; // exterior collapsed at this zoom
    rings.forEach((ring, i) => {
      if (ring.length < 3) return;
      const a = signedArea(ring);
      if (a === 0) return;
      // Exterior clockwise (positive), holes counter-clockwise (negative), whatever the source winding.
      const r = (i === 0) === a > 0 ? ring : [...ring].reverse();
      g.push(cmd(1, 1), zigzag(r[0][0] - cx), zigzag(r[0][1] - cy));
      cx = r[0][0];
      cy = r[0][1];
      g.push(cmd(2, r.length - 1));
      for (let k = 1; k < r.length; k++) {
        g.push(zigzag(r[k][0] - cx), zigzag(r[k][1] - cy));
        cx = r[k][0];
        cy = r[k][1];
      }
      g.push(cmd(7, 1));
    });
  }
  return g;
}

interface LayerBuild {
  name: string;
  features: { id?: number; tags: number[]; geometry: number[] }[];
  keys: string[];
  values: (string | number | boolean)[];
}

function writeValue(v: string | number | boolean, pbf: PbfWriter) {
  if (typeof v === 'string') pbf.writeStringField(1, v);
  else if (typeof v === 'boolean') pbf.writeBooleanField(7, v);
  else if (Number.isInteger(v)) pbf.writeSVarintField(6, v);
  else pbf.writeDoubleField(3, v);
}

function writeFeature(f: LayerBuild['features'][number], pbf: PbfWriter) {
  if (f.id != null) pbf.writeVarintField(1, f.id);
  pbf.writePackedVarint(2, f.tags);
  pbf.writeVarintField(3, POLYGON);
  pbf.writePackedVarint(4, f.geometry);
}

function writeLayer(l: LayerBuild, pbf: PbfWriter) {
  pbf.writeVarintField(15, 2);
  pbf.writeStringField(1, l.name);
  for (const f of l.features) pbf.writeMessage(2, writeFeature, f);
  for (const k of l.keys) pbf.writeStringField(3, k);
  for (const v of l.values) pbf.writeMessage(4, writeValue, v);
  pbf.writeVarintField(5, EXTENT);
}

/** One layer named `name`; features whose geometry vanished at this zoom are left out. Empty → zero bytes. */
export function encodeTile(name: string, features: TileFeature[]): Uint8Array {
  const layer: LayerBuild = { name, features: [], keys: [], values: [] };
  const keyIndex = new Map<string, number>();
  const valueIndex = new Map<string, number>();
  for (const f of features) {
    const geometry = encodeGeometry(f.polygons);
    if (geometry.length === 0) continue;
    const tags: number[] = [];
    for (const [k, v] of Object.entries(f.properties)) {
      if (v === null || v === undefined) continue;
      let ki = keyIndex.get(k);
      if (ki === undefined) keyIndex.set(k, (ki = layer.keys.push(k) - 1));
      const vk = `${typeof v}:${v}`;
      let vi = valueIndex.get(vk);
      if (vi === undefined) valueIndex.set(vk, (vi = layer.values.push(v) - 1));
      tags.push(ki, vi);
    }
    layer.features.push({ id: f.id, tags, geometry });
  }
  if (layer.features.length === 0) return new Uint8Array(0);
  // Sized up front: grown from pbf's 16 bytes by doubling, the buffer was copied ~12 times for a 50 KB tile.
  // Deltas are mostly 1–2 byte varints; a tile that came out much smaller is copied out of the spare room.
  let estimate = 64 + name.length * 3;
  for (const f of layer.features) estimate += 16 + 2 * (f.geometry.length + f.tags.length);
  for (const k of layer.keys) estimate += 4 + k.length * 3;
  for (const v of layer.values) estimate += 12 + (typeof v === 'string' ? v.length * 3 : 0);
  const pbf = new PbfWriter(new Uint8Array(estimate));
  pbf.writeMessage(3, writeLayer, layer);
  const out = pbf.finish();
  return out.length * 2 < out.buffer.byteLength ? out.slice() : out;
}

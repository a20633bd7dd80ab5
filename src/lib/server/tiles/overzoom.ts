// Tiles deeper than the stored pyramid: cut from the deepest stored tile (z14), scaled up and clipped to
// the child's extent plus buffer. The z14 tile keeps every vertex (geojson-vt does not simplify at its max
// zoom), so a z18 tile cut from it is as exact as the ~0.5 m grid of z14. Also: decoding (MVT spec 2.1, §4).
import { PbfReader } from 'pbf';
import { EXTENT, encodeTile, type PolygonRings, type Ring, type TileFeature } from './mvt.ts';
import { BUFFER, groupRings } from './pyramid.ts';

export interface DecodedLayer {
  name: string;
  features: TileFeature[];
}

type Value = string | number | boolean;

// pbf 5 reads fields with nextField(end): it skips whatever value the caller did not read.

function readValue(pbf: PbfReader): Value {
  const end = pbf.readVarint() + pbf.pos;
  let v: Value = '';
  let tag: number;
  while ((tag = pbf.nextField(end))) {
    if (tag === 1) v = pbf.readString();
    else if (tag === 2) v = pbf.readFloat();
    else if (tag === 3) v = pbf.readDouble();
    else if (tag === 4 || tag === 5) v = pbf.readVarint(true);
    else if (tag === 6) v = pbf.readSVarint();
    else if (tag === 7) v = pbf.readBoolean();
  }
  return v;
}

/** Polygon rings from the command stream: MoveTo, LineTo×n, ClosePath per ring (§4.3). */
function readRings(pbf: PbfReader): Ring[] {
  const end = pbf.readVarint() + pbf.pos;
  const rings: Ring[] = [];
  let ring: Ring = [];
  let x = 0;
  let y = 0;
  while (pbf.pos < end) {
    const c = pbf.readVarint();
    const id = c & 0x7;
    const count = c >> 3;
    if (id === 7) {
      if (ring.length) rings.push(ring);
      ring = [];
      continue;
    }
    for (let i = 0; i < count; i++) {
      x += pbf.readSVarint();
      y += pbf.readSVarint();
      if (id === 1 && ring.length) {
        rings.push(ring);
        ring = [];
      }
      ring.push([x, y]);
    }
  }
  if (ring.length) rings.push(ring);
  return rings;
}

interface RawFeature {
  id: number;
  /** Where the packed tags are, -1 without: like the geometry, read only for a kept feature. */
  tags: number;
  type: number;
  /** Where the geometry's length prefix is in the tile, -1 without one: read only if the feature is kept. */
  geometry: number;
}

export type Extent = [minX: number, minY: number, maxX: number, maxY: number];

const emptyExtent = (): Extent => [Infinity, Infinity, -Infinity, -Infinity];

/** Widens `ext` to hold (x, y). */
function grow(ext: Extent, x: number, y: number) {
  if (x < ext[0]) ext[0] = x;
  if (y < ext[1]) ext[1] = y;
  if (x > ext[2]) ext[2] = x;
  if (y > ext[3]) ext[3] = y;
}

/** The extent of the geometry, the reader at its length prefix, walked without building rings. */
function readExtent(pbf: PbfReader): Extent {
  const ext = emptyExtent();
  const end = pbf.readVarint() + pbf.pos;
  let x = 0;
  let y = 0;
  while (pbf.pos < end) {
    const c = pbf.readVarint();
    if ((c & 0x7) === 7) continue;
    for (let i = c >> 3; i > 0; i--) {
      x += pbf.readSVarint();
      y += pbf.readSVarint();
      grow(ext, x, y);
    }
  }
  return ext;
}

/** A packed varint field's values, the reader at its length prefix (MVT tags are always packed). */
function readPacked(pbf: PbfReader): number[] {
  const end = pbf.readVarint() + pbf.pos;
  const out: number[] = [];
  while (pbf.pos < end) out.push(pbf.readVarint());
  return out;
}

/** `read` run with the reader at `at`; the reader's position is kept. */
function readAt<T>(pbf: PbfReader, at: number, read: () => T): T {
  const save = pbf.pos;
  pbf.pos = at;
  const value = read();
  pbf.pos = save;
  return value;
}

const ringsAt = (pbf: PbfReader, at: number): Ring[] => (at < 0 ? [] : readAt(pbf, at, () => readRings(pbf)));
const extentAt = (pbf: PbfReader, at: number): Extent =>
  at < 0 ? emptyExtent() : readAt(pbf, at, () => readExtent(pbf));

function readFeature(pbf: PbfReader): RawFeature {
  const end = pbf.readVarint() + pbf.pos;
  const f: RawFeature = { id: 0, tags: -1, type: 0, geometry: -1 };
  let tag: number;
  while ((tag = pbf.nextField(end))) {
    if (tag === 1) f.id = pbf.readVarint();
    else if (tag === 2)
      f.tags = pbf.pos; // skipped by nextField
    else if (tag === 3) f.type = pbf.readVarint();
    else if (tag === 4) f.geometry = pbf.pos; // skipped by nextField
  }
  return f;
}

/** Whether a feature of this extent (tile coordinates) can matter to the caller; the others are not decoded. */
export type ExtentFilter = (extent: Extent) => boolean;

function readLayer(pbf: PbfReader, keep?: ExtentFilter): DecodedLayer {
  const end = pbf.readVarint() + pbf.pos;
  let name = '';
  const raw: RawFeature[] = [];
  const keys: string[] = [];
  const values: Value[] = [];
  let tag: number;
  while ((tag = pbf.nextField(end))) {
    if (tag === 1) name = pbf.readString();
    else if (tag === 2) raw.push(readFeature(pbf));
    else if (tag === 3) keys.push(pbf.readString());
    else if (tag === 4) values.push(readValue(pbf));
  }
  const features = raw
    .filter((f) => f.type === 3 && (!keep || keep(extentAt(pbf, f.geometry))))
    .map((f) => {
      const properties: Record<string, Value> = {};
      const tags = f.tags < 0 ? [] : readAt(pbf, f.tags, () => readPacked(pbf));
      for (let i = 0; i + 1 < tags.length; i += 2) properties[keys[tags[i]]] = values[tags[i + 1]];
      return { id: f.id, polygons: groupRings(ringsAt(pbf, f.geometry)), properties };
    });
  return { name, features };
}

/** The polygon layers of an MVT tile (points and lines are not made here and are skipped), `keep`'s features only. */
export function decodeTile(bytes: Uint8Array, keep?: ExtentFilter): DecodedLayer[] {
  const pbf = new PbfReader(bytes);
  const layers: DecodedLayer[] = [];
  let tag: number;
  while ((tag = pbf.nextField())) if (tag === 3) layers.push(readLayer(pbf, keep));
  return layers;
}

/** Sutherland–Hodgman against one axis-aligned half-plane; fine for rendering (edges along the cut are off-screen). */
function clipEdge(ring: Ring, axis: 0 | 1, bound: number, keepAbove: boolean): Ring {
  const out: Ring = [];
  const inside = (p: [number, number]) => (keepAbove ? p[axis] >= bound : p[axis] <= bound);
  for (let i = 0; i < ring.length; i++) {
    const a = ring[(i + ring.length - 1) % ring.length];
    const b = ring[i];
    const ina = inside(a);
    const inb = inside(b);
    if (ina !== inb) {
      const t = (bound - a[axis]) / (b[axis] - a[axis]);
      const o = axis === 0 ? 1 : 0;
      const p: [number, number] = [0, 0];
      p[axis] = bound;
      p[o] = Math.round(a[o] + t * (b[o] - a[o]));
      out.push(p);
    }
    if (inb) out.push(b);
  }
  return out;
}

function clipRing(ring: Ring, lo: number, hi: number): Ring {
  let r = ring;
  for (const [axis, bound, above] of [
    [0, lo, true],
    [0, hi, false],
    [1, lo, true],
    [1, hi, false]
  ] as const) {
    if (r.length === 0) break;
    r = clipEdge(r, axis, bound, above);
  }
  return r;
}

/** The extent of a ring. */
function extentOf(ring: Ring): Extent {
  const ext = emptyExtent();
  for (let i = 0; i < ring.length; i++) grow(ext, ring[i][0], ring[i][1]);
  return ext;
}

/**
 * The tile (z0 + dz, x, y) cut from `parent`, the encoded tile (z0, x >> dz, y >> dz). Each layer of the parent
 * stays a layer of its own name; features wholly outside the child (and its buffer) are left out.
 */
export function overzoomTile(parent: Uint8Array, dz: number, x: number, y: number): Uint8Array {
  if (dz === 0) return parent;
  const scale = 2 ** dz;
  const ox = (x % scale) * EXTENT;
  const oy = (y % scale) * EXTENT;
  const lo = -BUFFER;
  const hi = EXTENT + BUFFER;
  // The parent's extent scaled into the child's coordinates (exact: integers times a power of two).
  const toChild = ([minX, minY, maxX, maxY]: Extent) => [
    minX * scale - ox,
    minY * scale - oy,
    maxX * scale - ox,
    maxY * scale - oy
  ];
  const meets = ([x0, y0, x1, y1]: number[]) => !(x1 < lo || x0 > hi || y1 < lo || y0 > hi);
  const parts: Uint8Array[] = [];
  // Most of a parent's features lie wholly outside a child (3/4 of them one level down, 15/16 two): their
  // extent says so before their rings are grouped into polygons, scaled and clipped.
  for (const layer of decodeTile(parent, (extent) => meets(toChild(extent)))) {
    const features: TileFeature[] = [];
    for (const f of layer.features) {
      const polygons: PolygonRings[] = [];
      for (const poly of f.polygons) {
        // Likewise each polygon of a feature that meets the child; one wholly inside needs no clipping.
        const box = toChild(extentOf(poly[0]));
        if (!meets(box)) continue;
        const [x0, y0, x1, y1] = box;
        const inside = x0 >= lo && x1 <= hi && y0 >= lo && y1 <= hi;
        const rings = poly.map((r) => {
          const scaled = r.map(([px, py]) => [px * scale - ox, py * scale - oy] as [number, number]);
          return inside ? scaled : clipRing(scaled, lo, hi);
        });
        if (rings[0].length >= 3) polygons.push(rings.filter((r) => r.length >= 3));
      }
      if (polygons.length) features.push({ ...f, polygons });
    }
    parts.push(encodeTile(layer.name, features));
  }
  return concatTiles(parts);
}

/** MVT layers are a repeated field of the tile: concatenating single-layer tiles is a multi-layer tile. */
export function concatTiles(parts: Uint8Array[]): Uint8Array {
  const nonEmpty = parts.filter((p) => p.length > 0);
  if (nonEmpty.length === 1) return nonEmpty[0];
  const out = new Uint8Array(nonEmpty.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of nonEmpty) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

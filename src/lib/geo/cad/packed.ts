// Packed coordinates: a ring or line as one Float64Array [x0, y0, x1, y1, …] instead of an array of [x, y]
// arrays. A 100,000-entity drawing flattens to ~800,000 points: ~80 bytes each as arrays, 16 bytes packed.
// The reader keeps every layer's rings for a layer change without parsing again (ReadResult.relayer), so
// they are kept packed and unpacked only for the layer that is picked.
import type { Vec2 } from './model.ts';
import type { BBox } from '../planar.ts';

export type Packed = Float64Array;

export function pack(pts: readonly Vec2[]): Packed {
  const out = new Float64Array(pts.length * 2);
  for (let i = 0; i < pts.length; i++) {
    out[2 * i] = pts[i][0];
    out[2 * i + 1] = pts[i][1];
  }
  return out;
}

/** Fresh [x, y] arrays, one per point (callers may reverse or hand them on as GeoJSON). */
export function unpack(p: Packed): Vec2[] {
  const n = p.length >> 1;
  const out = new Array<Vec2>(n);
  for (let i = 0; i < n; i++) out[i] = [p[2 * i], p[2 * i + 1]];
  return out;
}

/** Signed shoelace area, summed in the same order as planar.ts signedArea (same bits for the same ring). */
export function packedSignedArea(p: Packed): number {
  const n = p.length >> 1;
  let s = 0;
  for (let i = 0, j = n - 1; i < n; j = i++) s += p[2 * j] * p[2 * i + 1] - p[2 * i] * p[2 * j + 1];
  return s / 2;
}

export function packedBBox(p: Packed): BBox {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (let i = 0; i < p.length; i += 2) {
    const x = p[i],
      y = p[i + 1];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return { minX, minY, maxX, maxY };
}

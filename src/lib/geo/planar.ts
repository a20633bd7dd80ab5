// Planar geometry on [x, y] rings, one copy for every stage that needs it: readers (shapefile ring
// assembly, CAD ring nesting), validation (orientation, holes outside their shell), areas, tiles and the
// exporters. Rings may be open or closed (a repeated first point adds nothing to any of these sums).

export type XY = readonly [number, number] | readonly number[];

/** Signed shoelace area: positive when counter-clockwise with y up (clockwise on a y-down tile grid). */
export function signedArea(ring: readonly XY[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  return s / 2;
}

/** Math.hypot(x, y), the same number: V8's algorithm (builtin and optimised: |x| and |y| over the larger, squares
 *  summed with Kahan's compensation, which for two terms changes nothing, square root times the larger) without
 *  the array the builtin allocates for its arguments in code not yet optimised (~8 MB for 5,000 parcels). */
export function hypot2(x: number, y: number): number {
  const ax = Math.abs(x),
    ay = Math.abs(y);
  if (ax === Infinity || ay === Infinity) return Infinity;
  if (ax !== ax || ay !== ay) return NaN;
  const max = ay > ax ? ay : ax;
  if (max === 0) return 0;
  const nx = ax / max,
    ny = ay / max;
  return Math.sqrt(nx * nx + ny * ny) * max;
}

export interface BBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export function ringBBox(ring: readonly XY[]): BBox {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (const p of ring) {
    if (p[0] < minX) minX = p[0];
    if (p[0] > maxX) maxX = p[0];
    if (p[1] < minY) minY = p[1];
    if (p[1] > maxY) maxY = p[1];
  }
  return { minX, minY, maxX, maxY };
}

/** Even-odd point in ring (a point exactly on an edge may fall either way: see pointInRingWithin). */
export function pointInRing(p: XY, ring: readonly XY[]): boolean {
  const [x, y] = p;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** -1 outside, 0 on the boundary (within eps), 1 inside. */
export function pointInRingWithin(p: XY, ring: readonly XY[], eps: number): -1 | 0 | 1 {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j];
    const b = ring[i];
    const ex = b[0] - a[0],
      ey = b[1] - a[1];
    const len = Math.hypot(ex, ey);
    if (len > 0) {
      const cross = (p[0] - a[0]) * ey - (p[1] - a[1]) * ex;
      const dot = (p[0] - a[0]) * ex + (p[1] - a[1]) * ey;
      if (Math.abs(cross) <= eps * len && dot >= -eps * len && dot <= len * len + eps * len) return 0;
    }
    if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside ? 1 : -1;
}

/** A ring with what nesting needs: its points, absolute area and bounding box (and whatever the caller carries). */
export interface NestRing extends BBox {
  pts: readonly XY[];
  area: number;
}
export interface Nested<R> {
  shell: R;
  holes: R[];
}

/** How many vertices of the inner ring are tested: a ring touching its parent at a vertex still counts as
 *  inside when its other sampled vertices are inside and none is outside. */
const CONTAINMENT_SAMPLES = 8;

export function ringContains(outer: NestRing, inner: NestRing, eps: number): boolean {
  if (
    inner.minX < outer.minX - eps ||
    inner.maxX > outer.maxX + eps ||
    inner.minY < outer.minY - eps ||
    inner.maxY > outer.maxY + eps
  )
    return false;
  if (inner.area >= outer.area) return false;
  // read once: a ring's points may be made afresh on each reading (cad/rings.ts RingView)
  const ip = inner.pts,
    op = outer.pts;
  const n = ip.length - 1;
  const step = Math.max(1, Math.floor(n / CONTAINMENT_SAMPLES));
  let ins = 0;
  for (let k = 0; k < n; k += step) {
    const s = pointInRingWithin(ip[k], op, eps);
    if (s < 0) return false;
    if (s > 0) ins++;
  }
  return ins > 0;
}

/**
 * Even-odd nesting: a ring inside an even number of rings is a shell, inside an odd number a hole of the
 * smallest ring containing it. Rings are visited largest first and looked up through a coarse grid, so
 * thousands of parcels do not cost n² containment tests.
 */
export function nestRings<R extends NestRing>(rings: readonly R[], eps: number): Nested<R>[] {
  const order = rings.slice().sort((a, b) => b.area - a.area);
  if (order.length === 0) return [];
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (const r of order) {
    minX = Math.min(minX, r.minX);
    minY = Math.min(minY, r.minY);
    maxX = Math.max(maxX, r.maxX);
    maxY = Math.max(maxY, r.maxY);
  }
  const side = Math.max(1, Math.ceil(Math.sqrt(order.length)));
  const cw = (maxX - minX) / side || 1;
  const ch = (maxY - minY) / side || 1;
  const cell = (x: number, y: number) => [
    Math.min(side - 1, Math.floor((x - minX) / cw)),
    Math.min(side - 1, Math.floor((y - minY) / ch))
  ];
  const grid = new Map<number, number[]>();
  const depth = new Int32Array(order.length);
  const parent = new Int32Array(order.length).fill(-1);
  for (let i = 0; i < order.length; i++) {
    const r = order[i];
    const first = r.pts[0];
    const [ci, cj] = cell(first[0], first[1]);
    let best = -1;
    for (const k of grid.get(ci * side + cj) ?? []) {
      if ((best < 0 || order[k].area < order[best].area) && ringContains(order[k], r, eps)) best = k;
    }
    if (best >= 0) {
      parent[i] = best;
      depth[i] = depth[best] + 1;
    }
    const [i0, j0] = cell(r.minX, r.minY);
    const [i1, j1] = cell(r.maxX, r.maxY);
    for (let a = i0; a <= i1; a++) {
      for (let b = j0; b <= j1; b++) {
        const key = a * side + b;
        const list = grid.get(key);
        if (list) list.push(i);
        else grid.set(key, [i]);
      }
    }
  }
  const polys = new Map<number, Nested<R>>();
  const out: Nested<R>[] = [];
  for (let i = 0; i < order.length; i++) {
    if (depth[i] % 2 === 0) {
      const p: Nested<R> = { shell: order[i], holes: [] };
      polys.set(i, p);
      out.push(p);
    } else polys.get(parent[i])?.holes.push(order[i]);
  }
  return out;
}

/** Rings of a valid polygon share no area, so the first vertex or edge midpoint of `inner` that is not on
 *  `outer`'s boundary decides (holes often touch their shell at a vertex, which must not decide). The
 *  boundary tolerance is relative to the coordinates' size (degrees and projected metres alike). */
export function ringInRing(inner: readonly XY[], outer: readonly XY[]): boolean {
  for (let i = 0; i < Math.min(inner.length, 64); i++) {
    const a = inner[i],
      b = inner[(i + 1) % inner.length];
    for (const p of [a, [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]]) {
      const s = pointInRingWithin(p, outer, 1e-9 * Math.max(Math.abs(p[0]), Math.abs(p[1]), 1));
      if (s !== 0) return s > 0;
    }
  }
  return false;
}

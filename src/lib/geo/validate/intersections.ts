// Self-intersections of a polygon's rings (bow-ties, figure-eights, holes crossing the shell): every pair of
// non-adjacent edges that cross or touch. A sweep over edges sorted by min x keeps this near O(n log n)
// for real parcels (thousands of vertices from densified arcs).
import type { XY } from './rings.ts';

export interface Crossing {
  at: XY;
  rings: [number, number];
}

interface Edge {
  a: XY;
  b: XY;
  ring: number;
  idx: number;
  n: number;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

const cross = (o: XY, a: XY, b: XY) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
const onSeg = (p: XY, a: XY, b: XY) =>
  Math.min(a[0], b[0]) <= p[0] &&
  p[0] <= Math.max(a[0], b[0]) &&
  Math.min(a[1], b[1]) <= p[1] &&
  p[1] <= Math.max(a[1], b[1]);

/** Where closed segments p1p2 and p3p4 meet (first such point), or undefined. */
export function segmentIntersection(p1: XY, p2: XY, p3: XY, p4: XY): XY | undefined {
  const d1 = cross(p3, p4, p1),
    d2 = cross(p3, p4, p2),
    d3 = cross(p1, p2, p3),
    d4 = cross(p1, p2, p4);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
    const t = d1 / (d1 - d2);
    return [p1[0] + t * (p2[0] - p1[0]), p1[1] + t * (p2[1] - p1[1])];
  }
  if (d1 === 0 && onSeg(p1, p3, p4)) return p1;
  if (d2 === 0 && onSeg(p2, p3, p4)) return p2;
  if (d3 === 0 && onSeg(p3, p1, p2)) return p3;
  if (d4 === 0 && onSeg(p4, p1, p2)) return p4;
  return undefined;
}

/** Edges up to which a polygon is first checked pair by pair (most parcels: a dozen edges, no crossing). */
const SMALL_EDGES = 64;

/** True when no pair the sweep below would test meets: the same pairs (boxes overlapping, not neighbours on a
 *  ring) and the same test, without an edge record per edge (the sweep's records were ~10 MB of garbage for
 *  5,000 parcels). Which pair comes first does not matter: segmentIntersection meets or not either way round. */
function noCrossingSmall(rings: XY[][]): boolean {
  for (let r = 0; r < rings.length; r++) {
    const R = rings[r];
    const n = R.length - 1;
    for (let i = 0; i < n; i++) {
      const a = R[i],
        b = R[i + 1];
      const minX = Math.min(a[0], b[0]),
        maxX = Math.max(a[0], b[0]),
        minY = Math.min(a[1], b[1]),
        maxY = Math.max(a[1], b[1]);
      for (let s = r; s < rings.length; s++) {
        const S = rings[s];
        const m = S.length - 1;
        for (let j = s === r ? i + 1 : 0; j < m; j++) {
          const c = S[j],
            d = S[j + 1];
          if (Math.min(c[0], d[0]) > maxX || Math.max(c[0], d[0]) < minX) continue;
          if (Math.min(c[1], d[1]) > maxY || Math.max(c[1], d[1]) < minY) continue;
          if (s === r && (j - i === 1 || j - i === n - 1)) continue;
          if (segmentIntersection(a, b, c, d)) return false;
        }
      }
    }
  }
  return true;
}

/** All crossings among the (closed) rings of one polygon. */
export function findCrossings(rings: XY[][]): Crossing[] {
  let count = 0;
  for (const r of rings) count += r.length - 1;
  return count <= SMALL_EDGES && noCrossingSmall(rings) ? [] : sweepCrossings(rings);
}

/** The sweep over edges sorted by min x (exported for the test that holds the small check to it). */
export function sweepCrossings(rings: XY[][]): Crossing[] {
  const edges: Edge[] = [];
  rings.forEach((r, ring) => {
    const n = r.length - 1;
    for (let idx = 0; idx < n; idx++) {
      const a = r[idx],
        b = r[idx + 1];
      edges.push({
        a,
        b,
        ring,
        idx,
        n,
        minX: Math.min(a[0], b[0]),
        maxX: Math.max(a[0], b[0]),
        minY: Math.min(a[1], b[1]),
        maxY: Math.max(a[1], b[1])
      });
    }
  });
  edges.sort((e, f) => e.minX - f.minX);
  const out: Crossing[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i];
    for (let j = i + 1; j < edges.length && edges[j].minX <= e.maxX; j++) {
      const f = edges[j];
      if (f.minY > e.maxY || f.maxY < e.minY) continue;
      if (e.ring === f.ring) {
        const d = Math.abs(e.idx - f.idx);
        if (d === 1 || d === e.n - 1) continue; // neighbours share a vertex by construction
      }
      const p = segmentIntersection(e.a, e.b, f.a, f.b);
      if (!p) continue;
      const key = `${p[0].toFixed(9)},${p[1].toFixed(9)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ at: p, rings: [Math.min(e.ring, f.ring), Math.max(e.ring, f.ring)] });
    }
  }
  return out;
}

// Small geometry helpers for the schematic sample generator, on top of @turf/turf (boolean ops via polyclip-ts).
// Everything is lon/lat in EPSG:4490; areas come from turf's spherical formula, good enough for a schematic.
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';

export type Area = Polygon | MultiPolygon;
export type Geom = Feature<Area> | null;

/** RFC 7946 §11.2 suggests 6 decimals (~0.1 m): plenty for a schematic layer. */
export const COORD_DECIMALS = 6;
/** Pieces smaller than this after clipping are clipping debris, not geography. */
export const MIN_PIECE_M2 = 2_000;

const KM_PER_DEG_LAT = 111.2;

/** Deterministic PRNG (mulberry32) so the generator writes the same files every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const poly = (ring: Position[]): Feature<Polygon> => {
  const closed =
    ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1] ? ring : [...ring, ring[0]];
  return turf.rewind(turf.polygon([closed]), { mutate: true }) as Feature<Polygon>;
};

/** Offset a lon/lat point by dx, dy kilometres (local equirectangular: fine at city scale). */
export function offsetKm([lon, lat]: Position, dxKm: number, dyKm: number): Position {
  return [lon + dxKm / (KM_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180)), lat + dyKm / KM_PER_DEG_LAT];
}

/** An irregular blob (wobbly rotated ellipse) of rx × ry km around a centre. */
export function blob(
  centre: Position,
  rxKm: number,
  ryKm: number,
  rand: () => number,
  opts: { n?: number; wobble?: number; rotDeg?: number } = {}
): Feature<Polygon> {
  const n = opts.n ?? 18;
  const wobble = opts.wobble ?? 0.18;
  const rot = ((opts.rotDeg ?? 0) * Math.PI) / 180;
  const ring: Position[] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    const k = 1 - wobble / 2 + wobble * rand();
    const x = Math.cos(a) * rxKm * k;
    const y = Math.sin(a) * ryKm * k;
    ring.push(offsetKm(centre, x * Math.cos(rot) - y * Math.sin(rot), x * Math.sin(rot) + y * Math.cos(rot)));
  }
  return poly(ring);
}

/** A rotated rectangle of w × h metres centred on a point (factory parcels, blocks). */
export function rect(centre: Position, wM: number, hM: number, rotDeg: number): Feature<Polygon> {
  const r = (rotDeg * Math.PI) / 180;
  const corners = [
    [-1, -1],
    [1, -1],
    [1, 1],
    [-1, 1]
  ].map(([sx, sy]) => {
    const x = (sx * wM) / 2000;
    const y = (sy * hM) / 2000;
    return offsetKm(centre, x * Math.cos(r) - y * Math.sin(r), x * Math.sin(r) + y * Math.cos(r));
  });
  return poly(corners);
}

export function union(...gs: Geom[]): Geom {
  const fs = gs.filter((g): g is Feature<Area> => g !== null);
  if (fs.length === 0) return null;
  if (fs.length === 1) return fs[0];
  return turf.union(turf.featureCollection(fs)) as Geom;
}

/** Union of many features, pairwise-tree so polyclip never sees one huge sweep. */
export function unionAll(gs: Geom[]): Geom {
  let level = gs.filter((g) => g !== null);
  if (level.length === 0) return null;
  while (level.length > 1) {
    const next: Geom[] = [];
    for (let i = 0; i < level.length; i += 2)
      next.push(i + 1 < level.length ? union(level[i], level[i + 1]) : level[i]);
    level = next.filter((g) => g !== null);
  }
  return level[0] ?? null;
}

export function intersect(a: Geom, b: Geom): Geom {
  if (!a || !b) return null;
  return turf.intersect(turf.featureCollection([a, b])) as Geom;
}

export function difference(a: Geom, b: Geom): Geom {
  if (!a) return null;
  if (!b) return a;
  return turf.difference(turf.featureCollection([a, b])) as Geom;
}

export const areaM2 = (g: Geom): number => (g ? turf.area(g) : 0);
export const areaKm2 = (g: Geom): number => areaM2(g) / 1e6;

/** Split into single polygons, dropping debris below MIN_PIECE_M2. */
export function pieces(g: Geom, minM2 = MIN_PIECE_M2): Feature<Polygon>[] {
  if (!g) return [];
  const polys = g.geometry.type === 'Polygon' ? [g.geometry.coordinates] : g.geometry.coordinates;
  return polys.map((c) => turf.polygon(c)).filter((p) => turf.area(p) >= minM2) as Feature<Polygon>[];
}

/** Drop debris pieces and holes of a (multi)polygon; returns null when nothing is left. */
export function clean(g: Geom, minM2 = MIN_PIECE_M2): Geom {
  const ps = pieces(g, minM2).map((p) => {
    const [outer, ...holes] = p.geometry.coordinates;
    return [outer, ...holes.filter((h) => turf.area(turf.polygon([h])) >= minM2)];
  });
  if (ps.length === 0) return null;
  return ps.length === 1 ? turf.polygon(ps[0]) : turf.multiPolygon(ps);
}

/** Cross products below this (deg², ~1e-3 m²) mean three rounded positions are collinear. */
const COLLINEAR_EPS = 1e-13;

/**
 * Remove zero-width spikes (a vertex where the ring turns straight back on itself) that clipping leaves behind
 * and rounding turns into self-touching rings. Straight-through collinear vertices stay: a neighbour polygon
 * may have a corner there, and both must round the same way.
 */
function dropCollinear(closed: Position[]): Position[] {
  const pts = closed.slice(0, -1);
  let changed = true;
  while (changed && pts.length > 3) {
    changed = false;
    for (let i = 0; i < pts.length && pts.length > 3; i++) {
      const a = pts[(i - 1 + pts.length) % pts.length];
      const b = pts[i];
      const c = pts[(i + 1) % pts.length];
      const cross = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]);
      const dot = (b[0] - a[0]) * (c[0] - b[0]) + (b[1] - a[1]) * (c[1] - b[1]);
      if (Math.abs(cross) < COLLINEAR_EPS && dot <= 0) {
        pts.splice(i, 1);
        changed = true;
        i--;
      }
    }
  }
  return [...pts, pts[0]];
}

/** A vertex closer than this (degrees, ~1 mm) to another polygon's edge lies on it. */
const ON_EDGE_DEG = 1e-8;

/**
 * Insert into every ring the vertices of the other geometries that lie on its edges (T-junctions), so that
 * polygons sharing a border share every vertex of it and rounding moves both sides identically: no slivers
 * between districts after rounding.
 */
export function node(gs: Geom[]): Geom[] {
  const all: Position[] = [];
  for (const g of gs) if (g) for (const rings of polysOf(g.geometry)) for (const r of rings) all.push(...r);
  const nodeRing = (ring: Position[]): Position[] => {
    const out: Position[] = [];
    for (let i = 0; i < ring.length - 1; i++) {
      const [a, b] = [ring[i], ring[i + 1]];
      out.push(a);
      const dx = b[0] - a[0];
      const dy = b[1] - a[1];
      const len2 = dx * dx + dy * dy;
      if (len2 === 0) continue;
      const minX = Math.min(a[0], b[0]) - ON_EDGE_DEG,
        maxX = Math.max(a[0], b[0]) + ON_EDGE_DEG;
      const minY = Math.min(a[1], b[1]) - ON_EDGE_DEG,
        maxY = Math.max(a[1], b[1]) + ON_EDGE_DEG;
      const hits: [number, Position][] = [];
      for (const p of all) {
        if (p[0] < minX || p[0] > maxX || p[1] < minY || p[1] > maxY) continue;
        const t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
        if (t <= 1e-9 || t >= 1 - 1e-9) continue;
        const dist = Math.abs((p[0] - a[0]) * dy - (p[1] - a[1]) * dx) / Math.sqrt(len2);
        if (dist < ON_EDGE_DEG) hits.push([t, p]);
      }
      hits.sort((x, y) => x[0] - y[0]);
      for (const [, p] of hits) {
        const last = out[out.length - 1];
        if (last[0] !== p[0] || last[1] !== p[1]) out.push(p);
      }
    }
    out.push(ring[ring.length - 1]);
    return out;
  };
  return gs.map((g) => {
    if (!g) return null;
    const polys = polysOf(g.geometry).map((rings) => rings.map(nodeRing));
    return polys.length === 1 ? turf.polygon(polys[0]) : turf.multiPolygon(polys);
  });
}

const polysOf = (g: Area): Position[][][] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);

const round = (x: number) => Math.round(x * 10 ** COORD_DECIMALS) / 10 ** COORD_DECIMALS;

/** Round to COORD_DECIMALS, drop repeated positions, rewind to RFC 7946 (CCW outer rings). */
export function finish(g: Area): Area {
  const ringFix = (ring: Position[]): Position[] => {
    const out: Position[] = [];
    for (const p of ring) {
      const q = [round(p[0]), round(p[1])];
      const last = out[out.length - 1];
      if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
    }
    if (out[0][0] !== out[out.length - 1][0] || out[0][1] !== out[out.length - 1][1]) out.push([...out[0]]);
    return dropCollinear(out);
  };
  const polyFix = (rings: Position[][]) => rings.map(ringFix).filter((r) => r.length >= 4);
  const fixed: Area =
    g.type === 'Polygon'
      ? { type: 'Polygon', coordinates: polyFix(g.coordinates) }
      : { type: 'MultiPolygon', coordinates: g.coordinates.map(polyFix).filter((p) => p.length > 0) };
  return turf.rewind(fixed, { mutate: true }) as Area;
}

/** Problems with a finished geometry (empty list = valid): ring closure, size, self-intersections. */
export function problems(g: Area): string[] {
  const out: string[] = [];
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const rings of polys) {
    for (const r of rings) {
      if (r.length < 4) out.push('ring with fewer than 4 positions');
      const a = r[0];
      const b = r[r.length - 1];
      if (a[0] !== b[0] || a[1] !== b[1]) out.push('ring not closed');
    }
  }
  if (turf.kinks(g as Polygon).features.length > 0) out.push('self-intersection');
  if (!turf.booleanValid(g)) out.push('booleanValid says invalid');
  return out;
}

/**
 * Rounding can make a thin clipped piece touch itself. Re-run it through the clipper (a self-union resolves
 * self-intersections), drop debris, round again; give up after a few rounds so the generator fails loudly.
 */
export function finishValid(g: Area, minM2 = MIN_PIECE_M2): Area | null {
  let current = finish(g);
  for (let attempt = 0; attempt < 3; attempt++) {
    if (problems(current).length === 0) return current;
    const f = turf.feature(current) as Feature<Area>;
    const cleaned = clean(turf.union(turf.featureCollection([f, f])) as Geom, minM2);
    if (!cleaned) return null;
    current = finish(cleaned.geometry);
  }
  return problems(current).length === 0 ? current : null;
}

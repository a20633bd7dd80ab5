// Synthetic zoning layers of realistic size around Shanghai, deterministic (seeded): a development boundary
// of ~200k vertices, 5,000 industrial blocks inside it, 20,000 farmland patches outside it, and parcels.
import type { Feature, Polygon } from 'geojson';

export function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const C = { lon: 121.45, lat: 31.15 };
const KX = 1 / (111_320 * Math.cos((C.lat * Math.PI) / 180));
const KY = 1 / 110_574;
const at = (xm: number, ym: number): [number, number] => [C.lon + xm * KX, C.lat + ym * KY];

/** Radius (m) of the boundary at angle t: wiggly so that every one of its vertices matters. */
const boundaryRadius = (t: number) =>
  30_000 + 3_000 * Math.sin(7 * t) + 800 * Math.sin(53 * t) + 120 * Math.sin(911 * t);

export function developmentBoundary(vertices = 200_000): Feature<Polygon> {
  const ring: [number, number][] = [];
  for (let i = 0; i < vertices; i++) {
    const t = (2 * Math.PI * i) / vertices;
    const r = boundaryRadius(t);
    ring.push(at(r * Math.cos(t), r * Math.sin(t)));
  }
  ring.push(ring[0]);
  return {
    type: 'Feature',
    properties: { name: '合成开发边界', code: 'DB-SYN' },
    geometry: { type: 'Polygon', coordinates: [ring] }
  };
}

function square(cx: number, cy: number, half: number, rot: number): [number, number][] {
  const pts: [number, number][] = [];
  for (let k = 0; k < 4; k++) {
    const a = rot + (k * Math.PI) / 2 + Math.PI / 4;
    pts.push(at(cx + half * Math.SQRT2 * Math.cos(a), cy + half * Math.SQRT2 * Math.sin(a)));
  }
  pts.push(pts[0]);
  return pts;
}

function scatter(
  n: number,
  rMin: number,
  rMax: number,
  size: [number, number],
  seed: number,
  prefix: string
): Feature<Polygon>[] {
  const r = rng(seed);
  const out: Feature<Polygon>[] = [];
  for (let i = 0; i < n; i++) {
    const t = r() * 2 * Math.PI;
    const d = rMin + Math.sqrt(r()) * (rMax - rMin);
    const half = size[0] + r() * (size[1] - size[0]);
    out.push({
      type: 'Feature',
      properties: { name: `${prefix}-${i}`, code: `${prefix}-${i}` },
      geometry: { type: 'Polygon', coordinates: [square(d * Math.cos(t), d * Math.sin(t), half, r())] }
    });
  }
  return out;
}

/** 5,000 blocks of 150–500 m half-width inside 25 km of the centre (inside the boundary). */
export const industrialBlocks = () => scatter(5_000, 0, 25_000, [150, 500], 11, 'IB');
/** 20,000 farmland patches of 60–150 m half-width between 35 and 60 km (outside the boundary). */
export const farmland = () => scatter(20_000, 35_000, 60_000, [60, 150], 12, 'BF');
/** Parcels of 40–150 m half-width anywhere within 50 km: inside blocks, inside/outside the boundary, on its edge. */
export const parcels = (n = 1_000) => scatter(n, 0, 50_000, [40, 150], 13, 'P').map((f) => f.geometry);

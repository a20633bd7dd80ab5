// Parcel area as the database measures it (DESIGN.md: ST_Area(ST_Transform(geom, 4549))): project the
// EPSG:4490 lon/lat geometry to CGCS2000 / 3° GK CM 120°E and take the planar shoelace area, holes subtracted.
// GK areas grow with distance from the CM: across Shanghai (0.85–2.2° east of 120°E) by about +0.02 % to
// +0.11 % against the ellipsoidal area. That is the figure PostGIS reports too, so the app and DB agree.
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { planeConverter } from './crs/transform.ts';
import { hypot2, signedArea } from './planar.ts';

/** 1 亩 = 10000/15 m² (市制: 15 亩 = 1 公顷). */
export const M2_PER_MU = 10000 / 15;
/** The plane every area in the platform is measured in, here and in PostGIS (ST_Transform(geom, AREA_SRID)):
 *  CGCS2000 / 3-degree Gauss-Kruger CM 120E. Named once; SQL interpolates it. */
export const AREA_SRID = 4549;
export const AREA_PLANE = `EPSG:${AREA_SRID}`;

type XY = [number, number];

export function projectRing(ring: Position[]): XY[] {
  const c = planeConverter(AREA_PLANE);
  return ring.map((p) => c.forward(p.length === 2 ? p : [p[0], p[1]]) as XY); // the converter copies its input
}

function ringLength(r: XY[]): number {
  let s = 0;
  for (let i = 1; i < r.length; i++) s += hypot2(r[i][0] - r[i - 1][0], r[i][1] - r[i - 1][1]);
  return s;
}

const scratch = [0, 0];

/** signedArea and ringLength of the ring projected to the area plane, in the same operations and order, without
 *  the projected ring: each position is projected into `scratch` and summed (120,000 arrays fewer for 5,000
 *  parcels). The first position projected is the last one, which signedArea pairs with the first. */
function measureRing(r: Position[], into: (x: number, y: number, out: number[]) => void): [number, number] {
  const n = r.length;
  if (n === 0) return [0, 0];
  into(r[n - 1][0], r[n - 1][1], scratch);
  const lastX = scratch[0],
    lastY = scratch[1];
  let s = 0;
  let len = 0;
  let jx = lastX,
    jy = lastY;
  for (let i = 0; i < n; i++) {
    let x = lastX,
      y = lastY;
    if (i < n - 1) {
      into(r[i][0], r[i][1], scratch);
      x = scratch[0];
      y = scratch[1];
    }
    s += jx * y - x * jy;
    if (i > 0) len += hypot2(x - jx, y - jy);
    jx = x;
    jy = y;
  }
  return [s / 2, len];
}

/** Area (m²) and perimeter (m) of one polygon in the area plane: |outer| − Σ|holes|. */
export function polygonMeasures(rings: Position[][]): { areaM2: number; perimeterM: number } {
  const into = planeConverter(AREA_PLANE).forwardInto;
  let area = 0;
  let perimeter = 0;
  rings.forEach((r, i) => {
    let a: number, len: number;
    if (into) [a, len] = measureRing(r, into);
    else {
      const p = projectRing(r);
      a = signedArea(p);
      len = ringLength(p);
    }
    area += i === 0 ? Math.abs(a) : -Math.abs(a);
    perimeter += len;
  });
  return { areaM2: area, perimeterM: perimeter };
}

/** Area in m² of an EPSG:4490 Polygon/MultiPolygon, measured in EPSG:4549. */
export function areaM2(g: Polygon | MultiPolygon): number {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.reduce((s, p) => s + polygonMeasures(p).areaM2, 0);
}

export const toMu = (m2: number): number => m2 / M2_PER_MU;

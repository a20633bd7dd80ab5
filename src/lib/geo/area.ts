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

/** Area (m²) and perimeter (m) of one polygon in the area plane: |outer| − Σ|holes|. */
export function polygonMeasures(rings: Position[][]): { areaM2: number; perimeterM: number } {
  let area = 0;
  let perimeter = 0;
  rings.forEach((r, i) => {
    const p = projectRing(r);
    const a = Math.abs(signedArea(p));
    area += i === 0 ? a : -a;
    perimeter += ringLength(p);
  });
  return { areaM2: area, perimeterM: perimeter };
}

/** Area in m² of an EPSG:4490 Polygon/MultiPolygon, measured in EPSG:4549. */
export function areaM2(g: Polygon | MultiPolygon): number {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.reduce((s, p) => s + polygonMeasures(p).areaM2, 0);
}

export const toMu = (m2: number): number => m2 / M2_PER_MU;

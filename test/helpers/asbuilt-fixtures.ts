// Synthetic as-built surveys with answers known exactly, in CGCS2000 / 3° GK zone 40 (EPSG:4549; the DXF
// writes the zone-prefixed easting of EPSG:4528). The parcel is a 100 m × 100 m square (10,000 m²):
//   A crosses the east line by 12.5 m over 20 m → 250 m² outside; footprint 42.5 × 20 = 850 m², 2 floors → 1,700 m²
//   B lies inside: 40 × 40 = 1,600 m², floor area 4,800 m² stated ("建筑面积 4800" / attribute JZMJ)
//   total floor area 6,500 m² → plot ratio 0.65; footprints 2,450 m² → coverage 0.245.
import { dxf, lwpolyline } from '../unit/geo/cad/dxf-writer.ts';
import { zippedShapefile } from '../../src/lib/server/export/shapefile-writer.ts';

export const E0 = 643_000;
export const N0 = 3_457_000;
const ZONE = 40_000_000;

type R = [number, number, number, number];
export const PARCEL: R = [0, 0, 100, 100];
export const BUILDING_A: R = [70, 10, 112.5, 30];
export const BUILDING_B: R = [10, 50, 50, 90];

const ring = ([x0, y0, x1, y1]: R, prefix = 0): [number, number][] =>
  [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1]
  ].map(([x, y]) => [prefix + E0 + x, N0 + y] as [number, number]);

const pairs = (...kv: [number, string | number][]) => kv.map(([c, v]) => `${String(c).padStart(3)}\n${v}\n`).join('');
export const text = (layer: string, x: number, y: number, s: string) =>
  pairs([0, 'TEXT'], [8, layer], [10, ZONE + E0 + x], [20, N0 + y], [30, 0], [40, 2.5], [1, s]);
export const mtext = (layer: string, x: number, y: number, s: string) =>
  pairs([0, 'MTEXT'], [8, layer], [10, ZONE + E0 + x], [20, N0 + y], [30, 0], [40, 2.5], [1, s]);

const enc = (s: string) => new TextEncoder().encode(s);

/** The recognised parcel as a DXF on layer 红线 (uploaded through the boundary pipeline). */
export const parcelDxf = () => ({
  name: '红线.dxf',
  bytes: enc(
    dxf({ version: 'AC1027', insunits: 6, layers: ['红线'], entities: [lwpolyline('红线', ring(PARCEL, ZONE), true)] })
  )
});

/** The survey as CAD: footprints on 建筑, labels on 注记 (a single-line TEXT "2F", an MTEXT with the floor area). */
export function surveyDxf(opts: { labels?: boolean } = {}) {
  const labels = opts.labels ?? true;
  const entities = [
    lwpolyline('红线', ring(PARCEL, ZONE), true), // surveys redraw the red line; it must not count as a building
    lwpolyline('建筑', ring(BUILDING_A, ZONE), true),
    lwpolyline('建筑', ring(BUILDING_B, ZONE), true),
    ...(labels ? [text('注记', 80, 20, '2F'), mtext('注记', 20, 70, '{\\fSimSun|b0;3#厂房\\P建筑面积 4800}')] : [])
  ];
  return {
    name: '竣工测绘.dxf',
    bytes: enc(dxf({ version: 'AC1027', insunits: 6, layers: ['红线', '建筑', '注记'], entities }))
  };
}

/** ESRI WKT of CGCS2000 / 3-degree GK CM 120E (EPSG:4549) as ArcGIS writes it. */
export const PRJ_4549 =
  'PROJCS["CGCS2000_3_Degree_GK_CM_120E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",120.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

/** The survey as a zipped Shapefile with a floors attribute (A) and a floor-area attribute (B). */
export function surveyShapefile(
  buildings: { r: R; floors?: number; area?: number }[] = [
    { r: BUILDING_A, floors: 2 },
    { r: BUILDING_B, area: 4800 }
  ]
) {
  const records = buildings.map((b) => {
    const pts = ring(b.r).map(([x, y]) => [x, y]);
    return { polygons: [[[...pts, pts[0]]]], attributes: { FLOORS: b.floors ?? null, JZMJ: b.area ?? null } };
  });
  const bytes = zippedShapefile(
    '竣工测绘',
    records,
    [
      { name: 'FLOORS', type: 'N', length: 4 },
      { name: 'JZMJ', type: 'N', length: 12, decimals: 2 }
    ],
    PRJ_4549
  );
  return { name: '竣工测绘.zip', bytes };
}

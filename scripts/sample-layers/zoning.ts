// Zoning and constraint layers built on the schematic land: ecological red line, development boundary,
// planned industrial blocks, strategic reserves, basic farmland, central city, river band, Lingang.
// Containment rules of DOMAIN.md hold by construction: blocks and reserves are unioned into the boundary,
// reserves avoid blocks and the central city, farmland is cut out of the boundary and the red line.
import * as turf from '@turf/turf';
import type { Feature, Position } from 'geojson';
import type { Land } from './districts.ts';
import {
  blob,
  clean,
  difference,
  intersect,
  node,
  offsetKm,
  pieces,
  poly,
  rng,
  unionAll,
  type Area,
  type Geom
} from './geo.ts';
import { CHONGMING, DIANSHAN_LAKE, HUANGPU_LOWER, HUANGPU_UPPER, OUTER_RING, YANGTZE_BANK } from './outline.ts';
import { BLOCKS, RESERVES, TOWNS, URBAN_CORE } from './places.ts';

/** 沪规土资规〔2018〕3号: reserve-area projects within 1 km of the Yangtze main stream or the Huangpu are restricted. */
export const RIVER_BAND_KM = 1;
/** Farmland patch grid: ~2 km cells give several hundred patches over the rural third of the city. */
const FARM_CELL_KM = 2;
/** Share of grid cells left out of farmland (villages, roads, general farmland, forest). */
const FARM_SKIP = 0.3;
/** Patches below 3 ha are not worth drawing at city scale. */
const FARM_MIN_M2 = 30_000;
/** Extent scales tuned so the boundary holds about half of the land, as Shanghai's plan does (~3,200 km²). */
const CORE_SCALE = 1.1;
const TOWN_SCALE = 1.25;
/** Block scale tuned so blocks total several hundred km², in line with the city's ~104 blocks. */
const BLOCK_SCALE = 1.2;

export interface Named {
  name: string;
  geom: Geom;
  props?: Record<string, unknown>;
}

const line = (coords: Position[]) => turf.lineString(coords);
const band = (coords: Position[], km: number) =>
  turf.buffer(line(coords), km, { units: 'kilometers', steps: 4 }) as Feature<Area>;

export function centralCity(l: Land): Named[] {
  return [{ name: '中心城(外环以内，示意)', geom: intersect(poly(OUTER_RING), l.mainland) }];
}

export function riverBand(l: Land): Named[] {
  return [
    {
      name: '黄浦江两侧1公里(示意)',
      geom: intersect(band([...HUANGPU_LOWER, ...HUANGPU_UPPER.slice(1)], RIVER_BAND_KM), l.mainland)
    },
    { name: '长江干流沿岸1公里(示意)', geom: intersect(band(YANGTZE_BANK, RIVER_BAND_KM), l.mainland) }
  ];
}

export function lingang(l: Land): Named[] {
  // Nanhui new city, the equipment and logistics zones, Pudong airport's south, Fengxian's east coast.
  const outline = poly([
    [121.87, 31.11],
    [121.8, 31.08],
    [121.76, 31.02],
    [121.72, 30.97],
    [121.67, 30.93],
    [121.63, 30.9],
    [121.62, 30.8],
    [122.05, 30.8],
    [122.05, 31.11]
  ]);
  return [{ name: '临港新片区(示意)', geom: intersect(outline, l.mainland) }];
}

export function ecoRedline(l: Land): Named[] {
  const r = rng(7);
  const chongmingEast = intersect(
    poly(CHONGMING),
    poly([
      [121.9, 31.45],
      [122.1, 31.45],
      [122.1, 31.6],
      [121.9, 31.6]
    ])
  );
  return [
    {
      name: '淀山湖(示意)',
      geom: intersect(
        turf.buffer(poly(DIANSHAN_LAKE), 0.4, { units: 'kilometers', steps: 4 }) as Feature<Area>,
        l.mainland
      )
    },
    { name: '黄浦江上游水源保护区(示意)', geom: intersect(band(HUANGPU_UPPER, 1.2), l.mainland) },
    {
      name: '太浦河水源保护区(示意)',
      geom: intersect(
        band(
          [
            [120.86, 31.015],
            [120.95, 31.02],
            [121.03, 31.045],
            [121.09, 31.04]
          ],
          0.6
        ),
        l.mainland
      )
    },
    { name: '崇明东滩湿地(示意)', geom: unionAll([chongmingEast, blob([122.03, 31.52], 5, 7, r, { rotDeg: 10 })]) },
    { name: '崇明西沙湿地(示意)', geom: intersect(blob([121.21, 31.815], 3, 2, r, { rotDeg: -35 }), l.islands) },
    { name: '九段沙湿地(示意)', geom: blob([122.0, 31.16], 12, 4.5, r, { rotDeg: -40, n: 22 }) },
    { name: '青草沙水库(示意)', geom: intersect(blob([121.585, 31.445], 3.2, 1.6, r, { rotDeg: 20 }), l.islands) },
    {
      name: '南汇东滩湿地(示意)',
      geom: difference(
        blob([121.985, 30.96], 4, 9, r, { rotDeg: 25 }),
        difference(
          l.mainland,
          band(
            [
              [121.93, 30.98],
              [121.955, 30.93],
              [121.975, 30.89]
            ],
            0.8
          )
        )
      )
    },
    { name: '金山三岛(示意)', geom: blob([121.42, 30.69], 1.6, 1, r) },
    { name: '佘山国家森林公园(示意)', geom: blob([121.19, 31.1], 2, 1.4, r) },
    { name: '陈行水库(示意)', geom: intersect(blob([121.385, 31.47], 1.1, 0.8, r), l.mainland) },
    { name: '东风西沙水库(示意)', geom: intersect(blob([121.245, 31.795], 1.2, 0.8, r, { rotDeg: -35 }), l.islands) }
  ].map((e) => ({ ...e, geom: clean(e.geom) }));
}

export interface Zoning {
  boundary: Named[];
  blocks: Named[];
  reserves: Named[];
  boundaryAll: Geom;
}

export function zoning(l: Land, eco: Geom, central: Geom): Zoning {
  const r = rng(11);
  const usable = difference(l.all, eco);
  const blocks: Named[] = [];
  let taken: Geom = null;
  for (const [name, c, rx, ry, rot, use] of BLOCKS) {
    const shape = blob(c, rx * BLOCK_SCALE, ry * BLOCK_SCALE, r, { n: 7, wobble: 0.25, rotDeg: rot });
    const g = clean(difference(intersect(shape, usable), taken), 20_000);
    if (!g) throw new Error(`block ${name} vanished: move it`);
    blocks.push({ name: `${name}(示意)`, geom: g, props: { use } });
    taken = unionAll([taken, g]);
  }
  const reserves: Named[] = [];
  const noReserve = unionAll([taken, central]);
  for (const [name, c, rx, ry, rot] of RESERVES) {
    const shape = blob(c, rx, ry, r, { n: 8, wobble: 0.25, rotDeg: rot });
    const g = clean(difference(intersect(shape, usable), noReserve), 50_000);
    if (!g) throw new Error(`reserve ${name} vanished: move it`);
    reserves.push({ name: `${name}战略预留区(示意)`, geom: g, props: { use: '战略预留区' } });
  }
  const extents: Geom[] = [
    ...URBAN_CORE.map(([c, rx, ry, rot]) =>
      blob(c, rx * CORE_SCALE, ry * CORE_SCALE, r, { n: 24, wobble: 0.12, rotDeg: rot })
    ),
    ...TOWNS.map(([, c, rx, ry, rot]) =>
      blob(c, rx * TOWN_SCALE, ry * TOWN_SCALE, r, { n: 14, wobble: 0.2, rotDeg: rot })
    ),
    central
  ];
  const envelope = intersect(unionAll(extents), usable);
  const boundaryAll = clean(unionAll([envelope, ...blocks.map((b) => b.geom), ...reserves.map((x) => x.geom)]), 50_000);
  const boundary = pieces(boundaryAll).map((p, i) => ({
    name: `城镇开发边界 片区${i + 1}(示意)`,
    geom: p as Geom,
    props: { use: '城镇建设用地区' }
  }));
  // Shared vertices on shared edges, so rounding keeps blocks and reserves inside the boundary.
  const all = [...blocks, ...reserves, ...boundary];
  const noded = node(all.map((n) => n.geom));
  all.forEach((n, i) => {
    n.geom = noded[i];
  });
  return { boundary, blocks, reserves, boundaryAll };
}

/** Permanent basic farmland: a jittered grid of field patches over rural land, outside boundary and red line. */
export function farmland(l: Land, boundaryAll: Geom, eco: Geom): Named[] {
  const r = rng(23);
  const excluded = pieces(unionAll([boundaryAll, eco]), 0);
  const excludedBoxes = excluded.map((p) => turf.bbox(p));
  const rural = l.all;
  if (!rural) throw new Error('no land to put farmland on');
  const [minX, minY, maxX, maxY] = turf.bbox(rural);
  const out: Named[] = [];
  const stepLat = FARM_CELL_KM / 111.2;
  for (let lat = minY; lat < maxY; lat += stepLat) {
    const stepLon = stepLat / Math.cos((lat * Math.PI) / 180);
    for (let lon = minX; lon < maxX; lon += stepLon) {
      if (r() < FARM_SKIP) continue;
      const c = offsetKm([lon, lat], (r() - 0.5) * 0.6, (r() - 0.5) * 0.6);
      const half = (FARM_CELL_KM / 2) * (0.7 + 0.2 * r());
      const quad = poly([
        offsetKm(c, -half, -half * (0.8 + 0.3 * r())),
        offsetKm(c, half * (0.8 + 0.3 * r()), -half),
        offsetKm(c, half, half * (0.8 + 0.3 * r())),
        offsetKm(c, -half * (0.8 + 0.3 * r()), half)
      ]);
      let g = intersect(quad, rural);
      if (!g) continue;
      const qb = turf.bbox(quad);
      excluded.forEach((p, i) => {
        const b = excludedBoxes[i];
        if (g && !(b[0] > qb[2] || b[2] < qb[0] || b[1] > qb[3] || b[3] < qb[1])) g = difference(g, p);
      });
      for (const piece of pieces(g, FARM_MIN_M2)) out.push({ name: '', geom: piece });
    }
  }
  return out.map((f, i) => ({ ...f, name: `永久基本农田图斑${String(i + 1).padStart(4, '0')}(示意)` }));
}

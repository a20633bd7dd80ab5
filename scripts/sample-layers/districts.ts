// The 16 districts as a partition of the schematic outline: the mainland is first cut along the Huangpu
// (and the Fengxian–Songjiang/Jinshan line) so Pudong never crosses to the west bank, then each side is split
// by a Voronoi diagram of hand-placed seeds, several per district (town centres), whose cells are merged.
// Dense seeds downtown keep the seven central districts small, as they are.
import * as turf from '@turf/turf';
import type { Feature, Position } from 'geojson';
import { CHANGXING, CHONGMING, EAST_CUT, HENGSHA, MAINLAND } from './outline.ts';
import { clean, difference, intersect, node, pieces, poly, unionAll, type Area, type Geom } from './geo.ts';

type Seeds = Record<string, Position[]>;

/** Seeds on the Huangpu's west bank (Puxi, plus the western suburbs). */
const WEST: Seeds = {
  huangpu: [
    [121.486, 31.232],
    [121.482, 31.212],
    [121.472, 31.198]
  ],
  jingan: [
    [121.448, 31.228],
    [121.456, 31.252],
    [121.455, 31.276],
    [121.452, 31.298]
  ],
  hongkou: [
    [121.492, 31.258],
    [121.484, 31.282],
    [121.48, 31.305]
  ],
  yangpu: [
    [121.525, 31.268],
    [121.52, 31.295],
    [121.508, 31.318],
    [121.545, 31.29]
  ],
  putuo: [
    [121.423, 31.245],
    [121.398, 31.256],
    [121.41, 31.278],
    [121.375, 31.272]
  ],
  changning: [
    [121.428, 31.214],
    [121.4, 31.21],
    [121.375, 31.208]
  ],
  xuhui: [
    [121.444, 31.198],
    [121.444, 31.17],
    [121.432, 31.142],
    [121.452, 31.122]
  ],
  minhang: [
    [121.383, 31.118],
    [121.35, 31.16],
    [121.372, 31.178],
    [121.31, 31.185],
    [121.325, 31.1],
    [121.4, 31.06],
    [121.42, 31.02],
    [121.36, 31.04],
    [121.4, 31.09]
  ],
  baoshan: [
    [121.428, 31.318],
    [121.385, 31.335],
    [121.455, 31.355],
    [121.405, 31.39],
    [121.36, 31.43],
    [121.485, 31.372],
    [121.42, 31.42]
  ],
  jiading: [
    [121.25, 31.38],
    [121.17, 31.3],
    [121.31, 31.3],
    [121.27, 31.45],
    [121.22, 31.34],
    [121.3, 31.345],
    [121.33, 31.39]
  ],
  qingpu: [
    [121.12, 31.15],
    [121.25, 31.21],
    [120.93, 31.03],
    [121.05, 31.11],
    [121.17, 31.24],
    [120.96, 31.15],
    [121.3, 31.235],
    [121.06, 31.2]
  ],
  songjiang: [
    [121.22, 31.03],
    [121.29, 31.07],
    [121.15, 31.07],
    [121.12, 30.97],
    [121.27, 30.95],
    [121.2, 31.1],
    [121.31, 31.12]
  ],
  jinshan: [
    [121.33, 30.75],
    [121.2, 30.79],
    [121.06, 30.84],
    [121.29, 30.86],
    [121.15, 30.88],
    [121.39, 30.79]
  ]
};

/** Seeds east of the Huangpu / south of the upper river: Pudong, Minhang's Pujiang, Fengxian. */
const EAST: Seeds = {
  pudong: [
    [121.515, 31.235],
    [121.545, 31.215],
    [121.6, 31.2],
    [121.58, 31.27],
    [121.6, 31.33],
    [121.68, 31.25],
    [121.72, 31.18],
    [121.8, 31.15],
    [121.53, 31.16],
    [121.58, 31.12],
    [121.65, 31.1],
    [121.72, 31.05],
    [121.8, 31.05],
    [121.63, 31.03],
    [121.75, 30.98],
    [121.85, 30.95],
    [121.92, 30.9],
    [121.85, 30.87]
  ],
  minhang: [
    [121.505, 31.075],
    [121.535, 31.05]
  ],
  fengxian: [
    [121.45, 30.96],
    [121.55, 30.97],
    [121.47, 30.91],
    [121.62, 30.92],
    [121.7, 30.88],
    [121.4, 30.86],
    [121.55, 30.86]
  ]
};

const BBOX: [number, number, number, number] = [120.5, 30.4, 122.5, 32.1];

/** Voronoi cells of the labelled seeds, clipped to the region and merged per district. */
function split(region: Geom, seeds: Seeds): Map<string, Geom> {
  const labels: string[] = [];
  const pts: Feature<GeoJSON.Point>[] = [];
  for (const [code, list] of Object.entries(seeds))
    for (const p of list) {
      labels.push(code);
      pts.push(turf.point(p));
    }
  const cells = turf.voronoi(turf.featureCollection(pts), { bbox: BBOX });
  const byCode = new Map<string, Geom[]>();
  cells.features.forEach((cell, i) => {
    if (!cell) throw new Error(`duplicate Voronoi seed for ${labels[i]}`);
    const part = intersect(cell as Feature<Area>, region);
    byCode.set(labels[i], [...(byCode.get(labels[i]) ?? []), part]);
  });
  return new Map([...byCode].map(([code, parts]) => [code, unionAll(parts)]));
}

/**
 * Reassign stray pieces (a Voronoi cell clipped into a separate sliver) to the neighbour sharing the longest
 * border, so each mainland district is one piece.
 */
function dissolveStrays(parts: Map<string, Geom>): Map<string, Geom> {
  const out = new Map(parts);
  for (const [code, g] of parts) {
    const ps = pieces(g, 0).sort((a, b) => turf.area(b) - turf.area(a));
    if (ps.length <= 1) continue;
    out.set(code, ps[0]);
    for (const stray of ps.slice(1)) {
      let best: string | null = null;
      let bestLen = 0;
      for (const [other, og] of out) {
        if (other === code || !og) continue;
        const touch = intersect(turf.buffer(stray, 0.02, { units: 'kilometers' }) as Feature<Area>, og);
        const len = touch ? turf.area(touch) : 0;
        if (len > bestLen) {
          bestLen = len;
          best = other;
        }
      }
      if (best) out.set(best, unionAll([out.get(best) ?? null, stray]));
    }
  }
  return out;
}

export interface Land {
  mainland: Geom;
  islands: Geom;
  all: Geom;
}

export function land(): Land {
  const mainland = poly(MAINLAND);
  const islands = unionAll([poly(CHONGMING), poly(CHANGXING), poly(HENGSHA)]);
  return { mainland, islands, all: unionAll([mainland, islands]) };
}

/** The 16 districts keyed by code (codes as in src/lib/domain/authorities.ts). */
export function districts(l: Land): Map<string, Geom> {
  const eastHalf = poly([...EAST_CUT, [122.5, 30.6], [122.5, 31.45]]);
  const east = intersect(l.mainland, eastHalf);
  const west = difference(l.mainland, eastHalf);
  const w = split(west, WEST);
  const e = split(east, EAST);
  const merged = new Map<string, Geom>();
  for (const [code, g] of [...w, ...e]) merged.set(code, unionAll([merged.get(code) ?? null, g]));
  const result = dissolveStrays(merged);
  result.set('chongming', l.islands);
  for (const [code, g] of result) result.set(code, clean(g, 0));
  const codes = [...result.keys()];
  const noded = node(codes.map((c) => result.get(c) ?? null));
  return new Map(codes.map((c, i) => [c, noded[i]]));
}

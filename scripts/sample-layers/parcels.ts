// Demo factory parcels whose expected classification is COMPUTED from the generated layers (not typed by hand):
// each spec says what case it must demonstrate, a grid search near a hint finds a spot where the layers give
// exactly that answer, and the answer is written into the parcel's `expected` property.
import * as turf from '@turf/turf';
import type { Feature, Polygon, Position } from 'geojson';
import { areaM2, intersect, offsetKm, poly, rect, type Geom } from './geo.ts';

export type LandType = 'reserve' | 'inside_boundary' | 'outside_boundary' | 'industrial_block';
export type Conflict = 'basic_farmland' | 'eco_redline';
export interface Expected {
  landType: LandType;
  lingang: boolean;
  straddles?: boolean;
  conflicts?: Conflict[];
}

/** A second zone holding at least this share of the parcel makes it a straddling parcel. */
export const STRADDLE_MIN_SHARE = 0.05;
/** Overlaps below this are digitising noise, not a conflict (DOMAIN.md: slivers below a tolerance are ignored). */
export const CONFLICT_MIN_M2 = 100;

export interface Layers {
  districts: Map<string, Geom>;
  boundary: Geom;
  blocks: Geom;
  reserves: Geom;
  farmland: Geom;
  eco: Geom;
  lingang: Geom;
}

export interface Classified extends Expected {
  district: string;
  shares: Record<LandType, number>;
}

export function classify(p: Feature<Polygon>, L: Layers): Classified {
  const a = areaM2(p);
  const on = (g: Geom) => areaM2(intersect(p, g));
  const block = on(L.blocks) / a;
  const reserve = on(L.reserves) / a;
  const boundary = on(L.boundary) / a;
  const shares: Record<LandType, number> = {
    industrial_block: block,
    reserve,
    inside_boundary: Math.max(0, boundary - block - reserve),
    outside_boundary: Math.max(0, 1 - boundary)
  };
  const ranked = (Object.entries(shares) as [LandType, number][]).sort((x, y) => y[1] - x[1]);
  let district = '';
  let best = 0;
  for (const [code, g] of L.districts) {
    const s = on(g);
    if (s > best) {
      best = s;
      district = code;
    }
  }
  const conflicts: Conflict[] = [];
  if (on(L.farmland) >= CONFLICT_MIN_M2) conflicts.push('basic_farmland');
  if (on(L.eco) >= CONFLICT_MIN_M2) conflicts.push('eco_redline');
  return {
    landType: ranked[0][0],
    lingang: on(L.lingang) / a > 0.5,
    straddles: ranked[1][1] >= STRADDLE_MIN_SHARE,
    conflicts,
    district,
    shares
  };
}

type Shape = (c: Position) => Feature<Polygon>;

/** An L-shaped plot (factory with a cut-out corner), w × h metres, notch a fraction of each side. */
const lShape =
  (w: number, h: number, rot: number, notch = 0.4): Shape =>
  (c) => {
    const r = (rot * Math.PI) / 180;
    const pts: [number, number][] = [
      [0, 0],
      [w, 0],
      [w, h * (1 - notch)],
      [w * (1 - notch), h * (1 - notch)],
      [w * (1 - notch), h],
      [0, h]
    ];
    return poly(
      pts.map(([x, y]) => {
        const dx = (x - w / 2) / 1000;
        const dy = (y - h / 2) / 1000;
        return offsetKm(c, dx * Math.cos(r) - dy * Math.sin(r), dx * Math.sin(r) + dy * Math.cos(r));
      })
    );
  };
const rectShape =
  (w: number, h: number, rot: number): Shape =>
  (c) =>
    rect(c, w, h, rot);

interface Spec {
  name: string;
  hint: Position;
  shape: Shape;
  want: (c: Classified) => boolean;
}

const clean = (c: Classified) => c.conflicts?.length === 0 && !c.straddles;
const SPECS: Spec[] = [
  {
    name: '上海示意精密机械有限公司',
    hint: [121.2, 31.4],
    shape: rectShape(260, 320, 12),
    want: (c) => c.landType === 'reserve' && c.district === 'jiading' && clean(c)
  },
  {
    name: '上海示意汽车零部件有限公司',
    hint: [121.27, 31.37],
    shape: lShape(300, 380, 28),
    want: (c) => c.landType === 'inside_boundary' && c.district === 'jiading' && clean(c)
  },
  {
    name: '上海示意生物医药有限公司',
    hint: [121.66, 31.2],
    shape: rectShape(180, 240, 0),
    want: (c) => c.landType === 'inside_boundary' && c.district === 'pudong' && !c.lingang && clean(c)
  },
  {
    name: '上海示意纺织印染有限公司',
    hint: [121.15, 31.22],
    shape: rectShape(220, 150, 35),
    want: (c) => c.landType === 'outside_boundary' && c.district === 'qingpu' && clean(c)
  },
  {
    name: '上海示意塑料制品有限公司',
    hint: [121.2, 30.95],
    shape: lShape(240, 200, -10),
    want: (c) => c.landType === 'outside_boundary' && c.district === 'songjiang' && clean(c)
  },
  {
    name: '上海示意电子科技有限公司',
    hint: [121.24, 31.425],
    shape: rectShape(400, 300, 20),
    want: (c) => c.landType === 'industrial_block' && c.district === 'jiading' && clean(c)
  },
  {
    name: '上海示意海洋装备有限公司',
    hint: [121.9, 30.93],
    shape: rectShape(350, 420, 40),
    want: (c) => c.landType === 'inside_boundary' && c.district === 'pudong' && c.lingang && clean(c)
  },
  {
    name: '上海示意新材料有限公司',
    hint: [121.72, 31.15],
    shape: rectShape(300, 250, 0),
    want: (c) =>
      c.district === 'pudong' &&
      !c.lingang &&
      c.shares.industrial_block === 0 &&
      c.shares.reserve === 0 &&
      c.shares.inside_boundary > 0.57 &&
      c.shares.inside_boundary < 0.63 &&
      c.conflicts?.length === 0
  },
  {
    name: '上海示意食品加工有限公司',
    hint: [121.6, 30.97],
    shape: rectShape(200, 260, 15),
    want: (c) =>
      c.landType === 'outside_boundary' &&
      c.district === 'fengxian' &&
      !c.straddles &&
      c.conflicts?.length === 1 &&
      c.conflicts[0] === 'basic_farmland'
  },
  {
    name: '上海示意环保设备有限公司',
    hint: [121.02, 31.12],
    shape: rectShape(160, 200, 0),
    want: (c) =>
      c.landType === 'outside_boundary' &&
      c.district === 'qingpu' &&
      !c.straddles &&
      c.conflicts?.length === 1 &&
      c.conflicts[0] === 'eco_redline'
  },
  {
    name: '上海示意集成电路有限公司',
    hint: [121.605, 31.265],
    shape: rectShape(380, 320, 20),
    want: (c) => c.landType === 'industrial_block' && c.district === 'pudong' && clean(c)
  },
  {
    name: '上海示意金属制品有限公司',
    hint: [121.38, 31.07],
    shape: lShape(200, 240, 5),
    want: (c) => c.landType === 'inside_boundary' && c.district === 'minhang' && clean(c)
  }
];

/** Search step and radius: fine enough to land a 60/40 split on a boundary edge, wide enough to leave a town. */
const STEP_KM = 0.1;
const MAX_RADIUS_KM = 8;

export interface DemoParcel {
  id: string;
  name: string;
  district: string;
  expected: Expected;
  geom: Feature<Polygon>;
}

/** The layers cut to a box around a point, so the search does not drag the whole city through every overlay. */
function local(L: Layers, c: Position): Layers {
  const [w, s] = offsetKm(c, -(MAX_RADIUS_KM + 2), -(MAX_RADIUS_KM + 2));
  const [e, n] = offsetKm(c, MAX_RADIUS_KM + 2, MAX_RADIUS_KM + 2);
  const box = poly([
    [w, s],
    [e, s],
    [e, n],
    [w, n]
  ]);
  const cut = (g: Geom) => intersect(box, g);
  return {
    districts: new Map([...L.districts].map(([k, g]) => [k, cut(g)])),
    boundary: cut(L.boundary),
    blocks: cut(L.blocks),
    reserves: cut(L.reserves),
    farmland: cut(L.farmland),
    eco: cut(L.eco),
    lingang: cut(L.lingang)
  };
}

export function demoParcels(all: Layers): DemoParcel[] {
  return SPECS.map((spec, i) => {
    const L = local(all, spec.hint);
    for (let ring = 0; ring * STEP_KM <= MAX_RADIUS_KM; ring++) {
      for (let dx = -ring; dx <= ring; dx++) {
        for (let dy = -ring; dy <= ring; dy++) {
          if (Math.max(Math.abs(dx), Math.abs(dy)) !== ring) continue;
          const g = spec.shape(offsetKm(spec.hint, dx * STEP_KM, dy * STEP_KM));
          const c = classify(g, L);
          if (!spec.want(c)) continue;
          const expected: Expected = { landType: c.landType, lingang: c.lingang };
          if (c.straddles) expected.straddles = true;
          if (c.conflicts && c.conflicts.length > 0) expected.conflicts = c.conflicts;
          return { id: `P${String(i + 1).padStart(2, '0')}`, name: spec.name, district: c.district, expected, geom: g };
        }
      }
    }
    throw new Error(`no spot found for demo parcel ${spec.name} near ${spec.hint.join(',')}: move its hint`);
  });
}

export const parcelAreaHa = (g: Feature<Polygon>) => turf.area(g) / 10_000;

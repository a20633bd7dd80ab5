// The zoning layers obey the containment rules of DOMAIN.md (blocks and reserves inside the development
// boundary, reserves apart from blocks and the central city, farmland outside the boundary) and look like
// Shanghai's plan at city scale.
import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { areaOff, areaOn, km2, load, unionOf, type AreaFeature } from './helpers.ts';

/**
 * Rounding to 6 decimals moves a vertex by up to ~0.08 m, so two independently rounded edges can leave a
 * sliver of at most perimeter × that width; anything larger is a real containment error.
 */
const ROUNDING_M = 0.08;
const MIN_SLIVER_M2 = 10;
const SLIVER_M2 = (f: AreaFeature) =>
  Math.max(MIN_SLIVER_M2, turf.length(turf.polygonToLine(f as never) as never, { units: 'meters' }) * ROUNDING_M);

const landKm2 = () => load('district').features.reduce((s, f) => s + km2(f), 0);
const label = (f: AreaFeature) => `${String(f.properties.code)} ${String(f.properties.name)}`;

describe('development boundary and what lies inside it', () => {
  it('covers about half of the land (Shanghai plans ~3,200 km² of ~6,340 km²)', () => {
    const share = km2(unionOf(load('development_boundary'))) / landKm2();
    expect(share).toBeGreaterThan(0.35);
    expect(share).toBeLessThan(0.65);
  });

  it('has 60–120 planned industrial blocks, each inside the development boundary', () => {
    const blocks = load('industrial_block').features;
    expect(blocks.length).toBeGreaterThanOrEqual(60);
    expect(blocks.length).toBeLessThanOrEqual(120);
    for (const b of blocks) {
      expect(String(b.properties.name)).toMatch(/\(示意\)$/);
      expect(['产业基地', '产业社区']).toContain(b.properties.use);
      expect(areaOff(b, load('development_boundary')), label(b)).toBeLessThan(SLIVER_M2(b));
    }
  });

  it('has 10–20 strategic reserves inside the boundary, apart from blocks and the central city', () => {
    const reserves = load('strategic_reserve').features;
    expect(reserves.length).toBeGreaterThanOrEqual(10);
    expect(reserves.length).toBeLessThanOrEqual(20);
    for (const r of reserves) {
      expect(r.properties.use).toBe('战略预留区');
      expect(areaOff(r, load('development_boundary')), label(r)).toBeLessThan(SLIVER_M2(r));
      expect(areaOn(r, load('industrial_block')), label(r)).toBeLessThan(SLIVER_M2(r));
      expect(areaOn(r, load('central_city')), label(r)).toBeLessThan(SLIVER_M2(r));
    }
  });

  it('keeps blocks from overlapping each other', () => {
    const blocks = load('industrial_block').features;
    for (let i = 0; i < blocks.length; i++) {
      const others = { ...load('industrial_block'), features: blocks.filter((_, j) => j !== i) };
      expect(areaOn(blocks[i], others), label(blocks[i])).toBeLessThan(SLIVER_M2(blocks[i]));
    }
  });

  it('puts the big industrial bases near their real places', () => {
    const at = (name: string) =>
      load('industrial_block').features.find((f) => String(f.properties.name).startsWith(name));
    const near = (name: string, lon: number, lat: number) => {
      const f = at(name);
      expect(f, name).toBeDefined();
      expect(turf.distance(turf.centroid(f as AreaFeature), [lon, lat], { units: 'kilometers' }), name).toBeLessThan(5);
    };
    near('金山石化', 121.33, 30.73);
    near('宝山钢铁', 121.46, 31.4);
    near('临港装备', 121.83, 30.91);
  });
});

describe('basic farmland and ecological red line', () => {
  it('has several hundred farmland patches, all outside the development boundary and the red line', () => {
    const farm = load('basic_farmland').features;
    expect(farm.length).toBeGreaterThanOrEqual(200);
    for (const f of farm) {
      expect(areaOn(f, load('development_boundary')), label(f)).toBeLessThan(SLIVER_M2(f));
      expect(areaOn(f, load('eco_redline')), label(f)).toBeLessThan(SLIVER_M2(f));
    }
  });

  it('puts farmland mostly in the rural districts, not downtown', () => {
    const inDistrict = (code: string) => {
      const d = load('district').features.find((f) => f.properties.code === code) as AreaFeature;
      return load('basic_farmland').features.filter((f) => turf.booleanPointInPolygon(turf.pointOnFeature(f), d))
        .length;
    };
    for (const code of ['huangpu', 'jingan', 'hongkou', 'yangpu', 'xuhui', 'changning', 'putuo'])
      expect(inDistrict(code), code).toBe(0);
    for (const code of ['chongming', 'qingpu', 'songjiang', 'jinshan', 'fengxian'])
      expect(inDistrict(code), code).toBeGreaterThan(20);
  });

  it('includes Dianshan Lake, Chongming Dongtan, Jiuduansha and Qingcaosha in the red line', () => {
    const eco = load('eco_redline').features;
    for (const [name, p] of [
      ['淀山湖', [120.95, 31.13]],
      ['崇明东滩', [121.97, 31.5]],
      ['九段沙', [122.0, 31.16]],
      ['青草沙', [121.585, 31.445]]
    ] as const) {
      expect(
        eco.some((f) => turf.booleanPointInPolygon([...p], f)),
        name
      ).toBe(true);
    }
  });
});

describe('overlay and constraint layers', () => {
  it('draws Lingang in the south-east, overlapping Pudong (it is an overlay authority, not a district)', () => {
    const lg = load('lingang');
    expect(lg.features.every((f) => f.properties.code === 'lingang')).toBe(true);
    const u = unionOf(lg);
    const [lon, lat] = turf.centroid(u).geometry.coordinates;
    expect(lon).toBeGreaterThan(121.75);
    expect(lat).toBeLessThan(31.05);
    expect(turf.booleanPointInPolygon([121.93, 30.9], u)).toBe(true);
    const pudong = load('district').features.find((f) => f.properties.code === 'pudong') as AreaFeature;
    expect(areaOn(pudong, lg)).toBeGreaterThan(100e6);
  });

  it('draws the central city around People’s Square at roughly the Outer Ring’s 660 km²', () => {
    const cc = unionOf(load('central_city'));
    expect(turf.booleanPointInPolygon([121.475, 31.232], cc)).toBe(true);
    expect(km2(cc)).toBeGreaterThan(450);
    expect(km2(cc)).toBeLessThan(900);
  });

  it('draws a band about 1 km each side of the Huangpu and along the Yangtze bank', () => {
    const rb = load('river_buffer').features;
    expect(rb.map((f) => f.properties.code).sort()).toEqual(['river-huangpu', 'river-yangtze']);
    const huangpu = rb.find((f) => f.properties.code === 'river-huangpu') as AreaFeature;
    expect(turf.booleanPointInPolygon([121.492, 31.238], huangpu)).toBe(true); // on the Bund
    expect(turf.booleanPointInPolygon([121.475, 31.232], huangpu)).toBe(false); // People's Square, ~1.7 km away
  });
});

// The demo parcels' `expected` classification holds against the layers, recomputed here from the files,
// and the set covers every case the demo needs.
import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { AUTHORITIES } from '../../../src/lib/domain/authorities.ts';
import { areaOn, load, type AreaFeature } from './helpers.ts';

interface Expected {
  landType: string;
  lingang: boolean;
  straddles?: boolean;
  conflicts?: string[];
}

/** Same thresholds as the generator documents: second zone ≥5% = straddling; ≥100 m² overlap = conflict. */
const STRADDLE_MIN_SHARE = 0.05;
const CONFLICT_MIN_M2 = 100;

const parcels = () => load('sample-parcels').features;
const expectedOf = (f: AreaFeature) => f.properties.expected as Expected;

function shares(f: AreaFeature) {
  const a = turf.area(f);
  const block = areaOn(f, load('industrial_block')) / a;
  const reserve = areaOn(f, load('strategic_reserve')) / a;
  const boundary = areaOn(f, load('development_boundary')) / a;
  return {
    industrial_block: block,
    reserve,
    inside_boundary: boundary - block - reserve,
    outside_boundary: 1 - boundary
  };
}

describe('sample-parcels.geojson', () => {
  it('has about 12 factory-sized parcels (1–15 ha) with unique ids, company names and valid district codes', () => {
    const fs = parcels();
    expect(fs.length).toBeGreaterThanOrEqual(10);
    expect(fs.length).toBeLessThanOrEqual(16);
    expect(new Set(fs.map((f) => f.properties.id)).size).toBe(fs.length);
    const codes = AUTHORITIES.filter((a) => a.kind === 'district').map((a) => a.code);
    for (const f of fs) {
      const ha = turf.area(f) / 10_000;
      expect(ha).toBeGreaterThanOrEqual(1);
      expect(ha).toBeLessThanOrEqual(15);
      expect(String(f.properties.name)).toMatch(/^上海示意.+有限公司$/);
      expect(codes).toContain(f.properties.district);
    }
  });

  it.each(parcels().map((f) => [String(f.properties.id), f] as const))(
    '%s: expectations hold against the layers',
    (_id, f) => {
      const e = expectedOf(f);
      const s = shares(f);
      const ranked = Object.entries(s).sort((x, y) => y[1] - x[1]);
      expect(ranked[0][0]).toBe(e.landType);
      expect(ranked[1][1] >= STRADDLE_MIN_SHARE).toBe(e.straddles === true);

      const conflicts: string[] = [];
      if (areaOn(f, load('basic_farmland')) >= CONFLICT_MIN_M2) conflicts.push('basic_farmland');
      if (areaOn(f, load('eco_redline')) >= CONFLICT_MIN_M2) conflicts.push('eco_redline');
      expect(conflicts).toEqual(e.conflicts ?? []);

      expect(areaOn(f, load('lingang')) / turf.area(f) > 0.5).toBe(e.lingang);
      const district = load('district').features.find(
        (d) => areaOn(f, { ...load('district'), features: [d] }) / turf.area(f) > 0.5
      );
      expect(district?.properties.code).toBe(f.properties.district);
    }
  );

  it('covers every demo case', () => {
    const fs = parcels();
    const has = (pred: (e: Expected, district: string) => boolean) =>
      fs.some((f) => pred(expectedOf(f), String(f.properties.district)));
    expect(has((e) => e.landType === 'reserve' && !e.straddles)).toBe(true);
    expect(has((e, d) => e.landType === 'inside_boundary' && !e.straddles && d === 'jiading')).toBe(true);
    expect(has((e, d) => e.landType === 'inside_boundary' && !e.straddles && !e.lingang && d === 'pudong')).toBe(true);
    expect(has((e, d) => e.landType === 'outside_boundary' && d === 'qingpu')).toBe(true);
    expect(has((e, d) => e.landType === 'outside_boundary' && d === 'songjiang')).toBe(true);
    expect(has((e) => e.landType === 'industrial_block')).toBe(true);
    expect(has((e) => e.lingang)).toBe(true);
    expect(has((e) => e.conflicts?.includes('basic_farmland') === true)).toBe(true);
    expect(fs.filter((f) => f.properties.district === 'pudong').length).toBeGreaterThanOrEqual(2);
    expect(fs.filter((f) => f.properties.district === 'jiading').length).toBeGreaterThanOrEqual(2);
  });

  it('has one parcel straddling the development boundary edge at about 60/40', () => {
    const straddlers = parcels().filter((f) => expectedOf(f).straddles);
    expect(straddlers.length).toBeGreaterThanOrEqual(1);
    const s = shares(straddlers[0]);
    expect(s.inside_boundary).toBeGreaterThan(0.55);
    expect(s.inside_boundary).toBeLessThan(0.65);
    expect(s.outside_boundary).toBeGreaterThan(0.35);
  });
});

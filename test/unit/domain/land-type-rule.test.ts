// The land-type rule of the classification (DOMAIN.md "Spatial types", src/lib/domain/classification/land-type-rule.ts) at its boundaries:
// "majority" means strictly more than half of the parcel, for industrial blocks, the development boundary
// and Lingang alike. Exactly 50% is not a majority; anything between 40% and 50% is not one either.
import { describe, expect, it } from 'vitest';
import {
  decide,
  DEFAULT_TOLERANCES,
  isSliver,
  MAJORITY,
  RULE_TEXT
} from '../../../src/lib/domain/classification/land-type-rule.ts';
import type { OverlapRow } from '../../../src/lib/domain/classification/types.ts';

const PARCEL = 10_000; // 1 ha
let nextId = 1;
const row = (kind: string, purpose: string, areaM2: number, name = kind, code: string | null = null): OverlapRow => ({
  kind,
  purpose,
  zone_id: nextId++,
  name,
  code,
  area_m2: areaM2
});
const boundary = (a: number) => row('development_boundary', 'land_type', a, '城市开发边界');
const block = (a: number) => row('industrial_block', 'land_type', a, '产业区块');
const reserve = (a: number) => row('strategic_reserve', 'land_type', a, '战略预留区');
const district = (code: string, a: number) => row('district', 'authority', a, code + '区', code);
const lingang = (a: number) => row('lingang', 'authority', a, '临港新片区', 'lingang');
const run = (...overlaps: OverlapRow[]) =>
  decide({ parcelAreaM2: PARCEL, overlaps, layerVersions: [], tolerances: DEFAULT_TOLERANCES });

describe('majority is strictly more than half', () => {
  it('the threshold is one half', () => expect(MAJORITY).toBe(0.5));

  it('industrial blocks on exactly 50% of the parcel do not take it out of scope', () => {
    const c = run(boundary(PARCEL), block(5_000));
    expect(c.landType).toBe('inside_boundary');
    expect(c.rule).toBe('boundary_majority');
  });

  it('industrial blocks on 50.01% of the parcel make it industrial_block', () => {
    const c = run(boundary(PARCEL), block(5_001));
    expect(c.landType).toBe('industrial_block');
    expect(c.rule).toBe('industrial_block_majority');
  });

  it('industrial blocks on 45% (above 40%, below half) are not a majority', () => {
    expect(run(boundary(PARCEL), block(4_500)).landType).toBe('inside_boundary');
  });

  it('a parcel exactly half inside the development boundary is outside_boundary', () => {
    const c = run(boundary(5_000));
    expect(c.landType).toBe('outside_boundary');
    expect(c.rule).toBe('outside_boundary');
    expect(c.classShares).toEqual({ industrial_block: 0, reserve: 0, inside_boundary: 0.5, outside_boundary: 0.5 });
    expect(c.straddles).toBe(true);
  });

  it('a parcel 50.01% inside the boundary is inside_boundary', () => {
    const c = run(boundary(5_001));
    expect(c.landType).toBe('inside_boundary');
    expect(c.rule).toBe('boundary_majority');
  });

  it('45% inside the boundary is not a majority', () => {
    expect(run(boundary(4_500)).landType).toBe('outside_boundary');
  });

  it('Lingang on exactly 50% of the parcel: the district with the larger share recognises', () => {
    const c = run(boundary(PARCEL), lingang(5_000), district('pudong', 6_000), district('fengxian', 4_000));
    expect(c.lingang).toBe(false);
    expect(c.lingangShare).toBe(0.5);
    expect(c.authorityCode).toBe('pudong');
  });

  it('Lingang on 50.01% of the parcel: the Lingang committee recognises', () => {
    const c = run(boundary(PARCEL), lingang(5_001), district('fengxian', 6_000), district('pudong', 4_000));
    expect(c.lingang).toBe(true);
    expect(c.authorityCode).toBe('lingang');
  });

  it('Lingang on 45% is not a majority', () => {
    expect(run(lingang(4_500), district('pudong', PARCEL)).lingang).toBe(false);
  });
});

describe('order of the rules', () => {
  it('any reserve overlap above the sliver tolerance wins over the boundary majority', () => {
    const c = run(boundary(PARCEL), reserve(100));
    expect(c.landType).toBe('reserve');
    expect(c.rule).toBe('reserve_overlap');
    expect(c.straddles).toBe(true);
    expect(c.classShares.reserve).toBe(0.01);
    expect(c.classShares.inside_boundary).toBe(0.99);
  });

  it('a block majority wins over a reserve overlap', () => {
    expect(run(boundary(PARCEL), block(6_000), reserve(4_000)).landType).toBe('industrial_block');
  });

  it('a reserve sliver (below 1 m² or 0.1% of the parcel) is ignored and counted', () => {
    const c = run(boundary(PARCEL), reserve(9.99));
    expect(c.landType).toBe('inside_boundary');
    expect(c.ignoredSlivers).toBe(1);
    expect(c.straddles).toBe(false);
  });

  it('an edge touch (numerically zero area) is neither an overlap nor a sliver', () => {
    const c = run(boundary(PARCEL), reserve(1e-7));
    expect(c.landType).toBe('inside_boundary');
    expect(c.ignoredSlivers).toBe(0);
  });

  it('no overlap at all: outside the boundary, no authority', () => {
    const c = run();
    expect(c.landType).toBe('outside_boundary');
    expect(c.authorityCode).toBeNull();
    expect(c.classShares).toEqual({ industrial_block: 0, reserve: 0, inside_boundary: 0, outside_boundary: 1 });
    expect(c.straddles).toBe(false);
  });
});

describe('the figures reported with the decision', () => {
  it('clamps overlaps that exceed the parcel (floating-point excess of summed parts)', () => {
    const c = run(boundary(PARCEL + 0.5), district('minhang', PARCEL + 0.5));
    expect(c.classShares.inside_boundary).toBe(1);
    expect(c.district).toEqual([{ code: 'minhang', name: 'minhang区', areaM2: PARCEL, share: 1 }]);
    expect(c.areaM2).toBe(PARCEL);
  });

  it('lists districts largest first, zones in layer order, conflicts largest first', () => {
    const conflictA = row('basic_farmland', 'conflict', 200, '基本农田A');
    const conflictB = row('basic_farmland', 'conflict', 300, '基本农田B');
    const central = row('central_city', 'context', 2_000, '中心城');
    const c = decide({
      parcelAreaM2: PARCEL,
      overlaps: [district('minhang', 3_000), district('xuhui', 7_000), boundary(PARCEL), central, conflictA, conflictB],
      layerVersions: [
        { kind: 'central_city', versionId: 1, version: 1, label: 'v1', sample: true },
        { kind: 'development_boundary', versionId: 2, version: 1, label: 'v1', sample: true }
      ],
      tolerances: DEFAULT_TOLERANCES
    });
    expect(c.district.map((d) => [d.code, d.share])).toEqual([
      ['xuhui', 0.7],
      ['minhang', 0.3]
    ]);
    expect(c.authorityCode).toBe('xuhui');
    expect(c.zones.map((z) => [z.kind, z.share])).toEqual([
      ['central_city', 0.2],
      ['development_boundary', 1]
    ]);
    expect(c.conflicts.map((x) => [x.name, x.areaM2])).toEqual([
      ['基本农田B', 300],
      ['基本农田A', 200]
    ]);
    expect(c.zones.some((z) => z.kind === 'district' || z.kind === 'basic_farmland')).toBe(false);
  });

  it('a district without a code is named by its name', () => {
    const c = run(row('district', 'authority', PARCEL, '松江区', null));
    expect(c.authorityCode).toBe('松江区');
  });

  it('inside_boundary share takes blocks and reserves out of the boundary', () => {
    const c = run(boundary(8_000), block(2_000), reserve(1_000));
    expect(c.classShares).toEqual({ industrial_block: 0.2, reserve: 0.1, inside_boundary: 0.5, outside_boundary: 0.2 });
  });

  it('the shares add up to the whole parcel even where blocks and reserves reach beyond the boundary layer', () => {
    const c = run(block(4_000), reserve(3_000));
    expect(c.classShares).toEqual({ industrial_block: 0.4, reserve: 0.3, inside_boundary: 0, outside_boundary: 0.3 });
  });

  it('zones of one layer are listed largest first; a layer without a version comes last', () => {
    const c = decide({
      parcelAreaM2: PARCEL,
      overlaps: [
        row('central_city', 'context', 1_000, '中心城A'),
        row('unlisted_layer', 'context', 9_000, '未登记'),
        row('central_city', 'context', 3_000, '中心城B'),
        boundary(PARCEL)
      ],
      layerVersions: [
        { kind: 'central_city', versionId: 1, version: 1, label: 'v1', sample: true },
        { kind: 'development_boundary', versionId: 2, version: 1, label: 'v1', sample: true }
      ],
      tolerances: DEFAULT_TOLERANCES
    });
    expect(c.zones.map((z) => z.name)).toEqual(['中心城B', '中心城A', '城市开发边界', '未登记']);
  });

  it('a parcel of zero area has zero shares', () => {
    const c = decide({ parcelAreaM2: 0, overlaps: [], layerVersions: [], tolerances: DEFAULT_TOLERANCES });
    expect(c.landType).toBe('outside_boundary');
    expect(c.lingangShare).toBe(0);
  });
});

describe('slivers', () => {
  it('below 1 m² at any parcel size', () => {
    expect(isSliver(0.99, 100, DEFAULT_TOLERANCES)).toBe(true);
    expect(isSliver(1, 100, DEFAULT_TOLERANCES)).toBe(false);
  });
  it('below 0.1% of the parcel', () => {
    expect(isSliver(99.9, 100_000, DEFAULT_TOLERANCES)).toBe(true);
    expect(isSliver(100, 100_000, DEFAULT_TOLERANCES)).toBe(false);
  });
  it('a parcel of zero area makes no share-based sliver', () => expect(isSliver(5, 0, DEFAULT_TOLERANCES)).toBe(false));
});

it('every rule has a bilingual explanation', () => {
  for (const t of Object.values(RULE_TEXT)) {
    expect(t.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(t.en).toMatch(/[a-z]/);
  }
});

// 一.4(3): an outside-boundary project that EXCEEDS the land contract's plot ratio is filed (报备) with the
// city SHEITC and the planning bureau. Equal to the contract's ratio is not exceeding it.
import { describe, expect, it } from 'vitest';
import { exceedsContractPlotRatio, pathOf, type PathFacts } from '../../../src/lib/domain/paths.ts';

const facts = (over: Partial<PathFacts>): PathFacts => ({
  landType: 'outside_boundary',
  lingang: false,
  newlyTransferred: false,
  retainedInPlan: true,
  plotRatioAfter: 2,
  contractPlotRatio: 2,
  ...over
});

describe('the plot-ratio trigger of 报备', () => {
  it("a planned ratio equal to the contract's does not trigger it", () => {
    expect(exceedsContractPlotRatio(facts({}))).toBe(false);
    expect(pathOf(facts({})).filingRequired).toBe(false);
  });
  it("a planned ratio just above the contract's triggers it", () => {
    expect(exceedsContractPlotRatio(facts({ plotRatioAfter: 2.01 }))).toBe(true);
    expect(pathOf(facts({ plotRatioAfter: 2.01 })).filingRequired).toBe(true);
  });
  it("below the contract's ratio: no filing", () =>
    expect(pathOf(facts({ plotRatioAfter: 1.99 })).filingRequired).toBe(false));
  it('either ratio unknown: no filing (nothing to compare)', () => {
    expect(pathOf(facts({ plotRatioAfter: null })).filingRequired).toBe(false);
    expect(pathOf(facts({ contractPlotRatio: null, plotRatioAfter: 5 })).filingRequired).toBe(false);
  });
  it('retained or not, outside the boundary the stricter reading files', () =>
    expect(pathOf(facts({ retainedInPlan: false, plotRatioAfter: 3 })).filingRequired).toBe(true));
  it('only outside the boundary', () => {
    for (const landType of ['reserve', 'inside_boundary'] as const)
      expect(pathOf(facts({ landType, plotRatioAfter: 3 })).filingRequired, landType).toBe(false);
  });
});

describe('the path of an eligible project', () => {
  it('outside the boundary and retained: eligible, decided by the district, no city review, commitment or adjustment', () =>
    expect(pathOf(facts({}))).toEqual({
      eligible: true,
      cityReview: false,
      commitmentRequired: false,
      planAdjustmentRequired: false,
      filingRequired: false,
      decisionRole: 'district_government',
      cityDecidesWithdrawn: false
    }));
  it('not classified yet: not eligible, and told to upload the boundary', () =>
    expect(pathOf(facts({ landType: null })).blocker).toEqual({
      code: 'land_type_unknown',
      zh: '地块尚未完成空间类型判定（战略预留区 / 开发边界内 / 开发边界外），请先上传地块四至范围矢量图。',
      en: 'The parcel has not been classified yet (reserve / inside / outside the development boundary); upload the parcel boundary file first.'
    }));
});

// The verdicts' reasons as the supervision page shows them, and the exact boundaries: 90 % of the declared
// figure, the plot-ratio range's ends, 31 May of the year after the assessment year. Worked by hand on a
// parcel of exactly 20 亩 (declared: investment 600, output 1,250, tax 60 万元/亩; plot ratio 1.5).
import { describe, expect, it } from 'vitest';
import {
  evaluateCompliance,
  type AsBuiltFacts,
  type ComplianceInput,
  type IndicatorCheck
} from '../../../../src/lib/domain/aftercare/verdicts.ts';
import { complianceOf, proposedFindings } from '../../../../src/lib/domain/aftercare/compliance.ts';
import type { PerformanceRecord } from '../../../../src/lib/domain/aftercare/performance.ts';
import type { ContractTerms } from '../../../../src/lib/domain/aftercare/terms.ts';

const LAND = 20 * 666.67;
const FORM = {
  landArea: LAND,
  plotRatioAfter: 1.5,
  investment: 12000,
  expectedAnnualOutput: 25000,
  expectedAnnualTax: 1200
};
const TERMS: ContractTerms = {
  plotRatioMin: 1.2,
  plotRatioMax: 2.0,
  investmentIntensity: 500,
  outputPerMu: 1000,
  taxPerMu: 50,
  fullProductionBy: '2025-06-30',
  completeBy: '2025-03-31',
  documentId: 'f1'
};
const rec = (y: number, o: Partial<PerformanceRecord> = {}): PerformanceRecord => ({
  year: y,
  taxWan: 1100,
  outputWan: 24000,
  investmentWan: 6000,
  employees: 80,
  status: 'confirmed',
  source: 'enterprise',
  ...o
});
const survey = (o: Partial<AsBuiltFacts> = {}): AsBuiltFacts => ({
  surveyId: 's1',
  plotRatio: 1.5,
  encroachmentM2: 0,
  toleranceM: 0.05,
  signoff: null,
  ...o
});
const run = (o: Partial<ComplianceInput>) =>
  evaluateCompliance({ form: FORM, terms: TERMS, performance: [], asBuilt: null, today: '2026-01-15', ...o });
const by = (o: Partial<ComplianceInput>, i: IndicatorCheck['indicator']) => run(o).find((c) => c.indicator === i)!;
const NO_SURVEY = { zh: '尚未上传竣工测绘', en: 'No as-built survey uploaded yet' };
const NOTHING_YET = { zh: '尚无可比较的实际值', en: 'No achieved figure to compare yet' };
const NO_TERMS = {
  zh: '合同未约定该指标（或合同条款未登记）',
  en: 'The contract sets no such figure (or its terms are not recorded)'
};
const NOT_DECLARED = { zh: '申请表未填报该指标', en: 'Not declared in the application' };

describe('land use (zero new land) from the as-built survey', () => {
  it('without a survey nothing is due', () => {
    expect(by({}, 'land_use')).toEqual({
      indicator: 'land_use',
      declared: 0,
      contracted: { max: 0 },
      dueOn: null,
      achieved: null,
      basis: null,
      basisId: null,
      contract: 'not_due',
      contractReason: NO_SURVEY,
      declaration: 'not_due',
      declarationReason: NO_SURVEY
    });
  });
  it('inside the parcel: met, naming the survey tolerance', () => {
    const reason = {
      zh: '建筑均在认定地块内（测量容差 0.05 米）',
      en: 'All buildings lie inside the recognised parcel (survey tolerance 0.05 m)'
    };
    expect(by({ asBuilt: survey() }, 'land_use')).toEqual({
      indicator: 'land_use',
      declared: 0,
      contracted: { max: 0 },
      dueOn: null,
      achieved: 0,
      basis: { zh: '竣工测绘', en: 'As-built survey' },
      basisId: 's1',
      contract: 'met',
      contractReason: reason,
      declaration: 'met',
      declarationReason: reason
    });
    expect(by({ asBuilt: survey({ encroachmentM2: 0.004 }) }, 'land_use').contract).toBe('met'); // rounds to 0.00 m²
  });
  it('beyond the parcel: new land used, in m² to two decimals', () => {
    const c = by({ asBuilt: survey({ encroachmentM2: 12.3, toleranceM: 0.1 }) }, 'land_use');
    expect(c).toMatchObject({ achieved: 12.3, contract: 'not_met', declaration: 'not_met' });
    expect(c.contractReason.en).toBe(
      'Buildings extend 12.3 m² beyond the recognised parcel (survey tolerance 0.1 m): new land used'
    );
    // a land-use failure is a contract breach, never "false information"
    expect(proposedFindings([c]).map((p) => p.key)).toEqual(['contract_breach:land_use:s1']);
  });
});

describe('plot ratio from the as-built survey', () => {
  it('without a survey: not due, the contract range and the completion date still shown', () => {
    expect(by({}, 'plot_ratio')).toEqual({
      indicator: 'plot_ratio',
      declared: 1.5,
      contracted: { min: 1.2, max: 2 },
      dueOn: '2025-03-31',
      achieved: null,
      basis: null,
      basisId: null,
      contract: 'not_due',
      contractReason: NO_SURVEY,
      declaration: 'not_due',
      declarationReason: NO_SURVEY
    });
    expect(by({ terms: { ...TERMS, completeBy: undefined } }, 'plot_ratio').dueOn).toBeNull();
  });
  it('the ends of the contract range are inside it', () => {
    for (const pr of [1.2, 2.0]) expect(by({ asBuilt: survey({ plotRatio: pr }) }, 'plot_ratio').contract).toBe('met');
    const c = by({ asBuilt: survey({ plotRatio: 1.8 }) }, 'plot_ratio');
    expect(c.contractReason).toEqual({
      zh: '实际容积率 1.8 在合同范围 1.2–2 内',
      en: 'Achieved plot ratio 1.8 is within the contract range 1.2–2'
    });
    expect(c).toMatchObject({ basis: { zh: '竣工测绘', en: 'As-built survey' }, basisId: 's1', declaration: 'met' });
    expect(c.declarationReason).toEqual({
      zh: '实际 1.8 不低于申报 1.5 的 90%',
      en: 'Achieved 1.8 is at least 90% of the declared 1.5'
    });
  });
  it('below the minimum or above the maximum: not met, saying which', () => {
    expect(by({ asBuilt: survey({ plotRatio: 1.19 }) }, 'plot_ratio').contractReason).toEqual({
      zh: '实际容积率 1.19 低于合同下限 1.2',
      en: 'Achieved plot ratio 1.19 is below the contract minimum 1.2'
    });
    const hi = by({ asBuilt: survey({ plotRatio: 2.01 }) }, 'plot_ratio');
    expect(hi.contract).toBe('not_met');
    expect(hi.contractReason).toEqual({
      zh: '实际容积率 2.01 高于合同上限 2（须按 一.4 报备或调整合同）',
      en: 'Achieved plot ratio 2.01 is above the contract maximum 2 (file it per 1.4 or amend the contract)'
    });
  });
  it('a one-sided contract range: only that bound applies, the open end shown as —', () => {
    const minOnly = { ...TERMS, plotRatioMax: undefined };
    expect(by({ terms: minOnly }, 'plot_ratio').contracted).toEqual({ min: 1.2 });
    const far = by({ terms: minOnly, asBuilt: survey({ plotRatio: 5 }) }, 'plot_ratio');
    expect(far.contract).toBe('met');
    expect(far.contractReason.zh).toBe('实际容积率 5 在合同范围 1.2–— 内');
    const maxOnly = { ...TERMS, plotRatioMin: undefined };
    expect(by({ terms: maxOnly }, 'plot_ratio').contracted).toEqual({ max: 2 });
    expect(by({ terms: maxOnly, asBuilt: survey({ plotRatio: 0.3 }) }, 'plot_ratio').contractReason.en).toBe(
      'Achieved plot ratio 0.3 is within the contract range —–2'
    );
    expect(by({ terms: maxOnly, asBuilt: survey({ plotRatio: 2.5 }) }, 'plot_ratio').contract).toBe('not_met');
    const none = by({ terms: { ...maxOnly, plotRatioMax: undefined }, asBuilt: survey() }, 'plot_ratio');
    expect(none).toMatchObject({ contracted: null, contract: 'not_due', contractReason: NO_TERMS });
  });
  it('more than 10 % below the declared plot ratio is possibly false information; exactly 90 % is not', () => {
    expect(by({ asBuilt: survey({ plotRatio: 1.35 }) }, 'plot_ratio').declaration).toBe('met'); // 1.5 × 0.9
    const low = by({ asBuilt: survey({ plotRatio: 1.34 }) }, 'plot_ratio');
    expect(low.declaration).toBe('not_met');
    expect(low.declarationReason).toEqual({
      zh: '实际 1.34 低于申报 1.5 超过 10%（申报信息可能不实）',
      en: 'Achieved 1.34 is more than 10% below the declared 1.5 (the application may have been false)'
    });
    expect(by({ form: { ...FORM, plotRatioAfter: undefined }, asBuilt: survey() }, 'plot_ratio')).toMatchObject({
      declared: null,
      declaration: 'not_due',
      declarationReason: NOT_DECLARED
    });
  });
});

describe('investment intensity (cumulative to the 达产 year)', () => {
  it('before any figure: the date it is assessed after', () => {
    expect(by({}, 'investment_intensity')).toEqual({
      indicator: 'investment_intensity',
      declared: 600,
      contracted: { min: 500 },
      achieved: null,
      basis: null,
      basisId: null,
      dueOn: '2026-05-31',
      contract: 'not_due',
      contractReason: {
        zh: '2026-05-31 前报齐达产年（2025）及以前的投资后评价',
        en: 'Assessed after 2026-05-31 on investment up to the full-production year 2025'
      },
      declaration: 'not_due',
      declarationReason: NOTHING_YET
    });
  });
  it('figures so far are shown; only confirmed ones count, summed over the years in order', () => {
    const c = by(
      {
        performance: [
          rec(2025, { investmentWan: 1000 }),
          rec(2023, { investmentWan: 2000 }),
          rec(2024, { investmentWan: 3000, status: 'entered' })
        ]
      },
      'investment_intensity'
    );
    expect(c).toMatchObject({
      achieved: 150,
      basis: { zh: '2023–2025 年累计投资', en: 'Cumulative investment 2023–2025' },
      basisId: '2025',
      contract: 'not_due'
    });
    expect(c.contractReason).toEqual({
      zh: '2026-05-31 前报齐达产年（2025）及以前的投资后评价；目前累计 150 万元/亩',
      en: 'Assessed after 2026-05-31 on investment up to the full-production year 2025; so far 150'
    });
  });
  it('met as soon as the cumulative figure reaches the contract, with the reason', () => {
    const c = by({ performance: [rec(2024, { investmentWan: 10000 })] }, 'investment_intensity');
    expect(c).toMatchObject({ achieved: 500, contract: 'met', declaration: 'not_due' });
    expect(c.contractReason).toEqual({
      zh: '累计投资强度 500 万元/亩，达到合同要求 500',
      en: "Cumulative intensity 500 reaches the contract's 500 (10k CNY/mu)"
    });
  });
  it('reaching the declared figure early settles the declaration early', () => {
    const c = by({ performance: [rec(2024, { investmentWan: 12000 })] }, 'investment_intensity');
    expect(c).toMatchObject({ achieved: 600, declaration: 'met' });
    expect(c.declarationReason).toEqual({
      zh: '实际 600 万元/亩 不低于申报 600 万元/亩 的 90%',
      en: 'Achieved 600 万元/亩 is at least 90% of the declared 600 万元/亩'
    });
  });
  it('after 31 May: not met, with or without figures', () => {
    expect(by({ today: '2026-05-31' }, 'investment_intensity').contract).toBe('not_due'); // the last day is in time
    const none = by({ today: '2026-06-01' }, 'investment_intensity');
    expect(none).toMatchObject({ contract: 'not_met', declaration: 'not_due' });
    expect(none.contractReason).toEqual({
      zh: '2026-05-31 已过，仍无经确认的投资实绩',
      en: '2026-05-31 has passed with no confirmed investment figures'
    });
    const low = by({ today: '2026-06-01', performance: [rec(2025, { investmentWan: 8000 })] }, 'investment_intensity');
    expect(low.contractReason).toEqual({
      zh: '累计投资强度 400 万元/亩，低于合同要求 500',
      en: "Cumulative intensity 400 is below the contract's 500 (10k CNY/mu)"
    });
    expect(low.declaration).toBe('not_met');
    expect(proposedFindings([low]).map((p) => [p.key, p.kind, p.description])).toEqual([
      [
        'contract_breach:investment_intensity:2025',
        'contract_breach',
        '固定资产投资强度：累计投资强度 400 万元/亩，低于合同要求 500'
      ],
      [
        'false_information:investment_intensity:2025',
        'false_information',
        '固定资产投资强度：实际 400 万元/亩 低于申报 600 万元/亩 超过 10%（申报信息可能不实）'
      ]
    ]);
  });
  it('without contract terms every confirmed year counts; nothing is due', () => {
    const c = by(
      { terms: null, performance: [rec(2030, { investmentWan: 12000 })], today: '2035-01-01' },
      'investment_intensity'
    );
    expect(c).toMatchObject({
      contracted: null,
      achieved: 600,
      dueOn: null,
      contract: 'not_due',
      contractReason: NO_TERMS,
      declaration: 'met'
    });
  });
  it('no land area: no per-mu figure, declared or achieved', () => {
    for (const landArea of [undefined, 0, -5]) {
      const c = by(
        { form: { ...FORM, landArea }, performance: [rec(2024)], today: '2027-01-01' },
        'investment_intensity'
      );
      expect(c).toMatchObject({
        declared: null,
        achieved: null,
        declaration: 'not_due',
        declarationReason: NOT_DECLARED,
        contract: 'not_met'
      });
    }
    expect(by({ form: { ...FORM, investment: undefined } }, 'investment_intensity')).toMatchObject({
      declared: null,
      declarationReason: NOT_DECLARED
    });
  });
});

describe('output and tax per mu (the first full year after 达产)', () => {
  it('before the year is reported: when and on which year it is assessed', () => {
    expect(by({}, 'output_per_mu')).toEqual({
      indicator: 'output_per_mu',
      declared: 1250,
      contracted: { min: 1000 },
      achieved: null,
      basis: null,
      basisId: null,
      dueOn: '2027-05-31',
      contract: 'not_due',
      contractReason: {
        zh: '达产日期 2025-06-30，以 2026 年实绩评价（2027-05-31 前报送）',
        en: 'Full production 2025-06-30; assessed on the 2026 figures (due by 2027-05-31)'
      },
      declaration: 'not_due',
      declarationReason: NOTHING_YET
    });
  });
  it('the latest confirmed year from the assessment year on counts; earlier years do not', () => {
    const perf = [
      rec(2025, { outputWan: 100 }),
      rec(2027, { outputWan: 22000 }),
      rec(2026, { outputWan: 30000 }),
      rec(2028, { outputWan: 1, status: 'entered' })
    ];
    const c = by({ performance: perf, today: '2028-03-01' }, 'output_per_mu');
    expect(c).toMatchObject({
      achieved: 1100,
      basis: { zh: '2027 年实绩', en: '2027 figures' },
      basisId: '2027',
      contract: 'met',
      declaration: 'not_met'
    });
    expect(c.contractReason).toEqual({
      zh: '2027 年 1100 万元/亩，达到合同要求 1000',
      en: "2027: 1100 reaches the contract's 1000 (10k CNY/mu)"
    });
    expect(by({ performance: [rec(2025)], today: '2026-03-01' }, 'output_per_mu').achieved).toBeNull();
  });
  it('a reported year is judged at once, before the due date; exactly the contract figure is met', () => {
    const c = by({ performance: [rec(2026, { taxWan: 1000 })], today: '2026-02-01' }, 'tax_per_mu');
    expect(c).toMatchObject({ achieved: 50, contract: 'met', declaration: 'not_met', dueOn: '2027-05-31' });
    const below = by({ performance: [rec(2026, { taxWan: 999 })] }, 'tax_per_mu');
    expect(below.contractReason).toEqual({
      zh: '2026 年 49.95 万元/亩，低于合同要求 50',
      en: "2026: 49.95 is below the contract's 50 (10k CNY/mu)"
    });
  });
  it('after the due date without figures: not met, saying so', () => {
    const c = by({ today: '2027-06-01' }, 'tax_per_mu');
    expect(c).toMatchObject({
      contract: 'not_met',
      declaration: 'not_due',
      declarationReason: NOTHING_YET,
      basisId: null
    });
    expect(c.contractReason).toEqual({
      zh: '2027-05-31 已过，仍无经确认的 2026 年及以后实绩',
      en: '2027-05-31 has passed with no confirmed figures for 2026 or later'
    });
    expect(proposedFindings([c]).map((p) => p.key)).toEqual(['contract_breach:tax_per_mu:none']);
  });
  it('a contract without that figure: nothing to judge against, the declaration is still checked', () => {
    const c = by({ terms: { ...TERMS, taxPerMu: undefined }, performance: [rec(2026, { taxWan: 500 })] }, 'tax_per_mu');
    expect(c).toMatchObject({
      contracted: null,
      contract: 'not_due',
      contractReason: NO_TERMS,
      declaration: 'not_met'
    });
    expect(by({ terms: null, performance: [rec(2026)] }, 'tax_per_mu')).toMatchObject({
      dueOn: null,
      achieved: null,
      declaration: 'not_due'
    });
  });
});

describe('one colour per project', () => {
  it('a declaration failure alone is "performance short"; a met contract figure makes "compliant"', () => {
    const declOnly = run({ performance: [rec(2026, { taxWan: 1000 })] });
    expect(declOnly.filter((c) => c.contract === 'not_met')).toEqual([]);
    expect(complianceOf(declOnly)).toBe('performance_short');
    expect(complianceOf(run({ performance: [rec(2026, { taxWan: 1200, outputWan: 25000 })] }))).toBe('compliant');
  });
});

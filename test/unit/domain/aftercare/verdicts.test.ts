// 履约 / 申报不实 verdicts on a fixed calendar: every number below is worked out by hand.
import { describe, expect, it } from 'vitest';
import {
  assessmentYear,
  evaluateCompliance,
  type ComplianceInput,
  type IndicatorCheck
} from '../../../../src/lib/domain/aftercare/verdicts.ts';
import { complianceCounts, complianceOf, proposedFindings } from '../../../../src/lib/domain/aftercare/compliance.ts';
import type { PerformanceRecord } from '../../../../src/lib/domain/aftercare/performance.ts';
import { parsePerformance } from '../../../../src/lib/domain/aftercare/performance.ts';
import { floorAreaOf, floorsFromAttributes, floorsFromLabels } from '../../../../src/lib/domain/aftercare/asbuilt.ts';

// 20 亩 exactly: 20 × 666.67 m². Declared: investment 12,000 → 600 万元/亩; output 25,000 → 1,250; tax 1,200 → 60.
const LAND = 20 * 666.67;
const FORM = {
  landArea: LAND,
  plotRatioAfter: 1.5,
  investment: 12000,
  expectedAnnualOutput: 25000,
  expectedAnnualTax: 1200
};
const TERMS = {
  plotRatioMin: 1.2,
  plotRatioMax: 2.0,
  investmentIntensity: 500,
  outputPerMu: 1000,
  taxPerMu: 50,
  fullProductionBy: '2025-06-30',
  completeBy: '2025-03-31',
  documentId: 'f1'
};
const year = (y: number, o: Partial<PerformanceRecord> = {}): PerformanceRecord => ({
  year: y,
  taxWan: 1100,
  outputWan: 24000,
  investmentWan: 6000,
  employees: 80,
  status: 'confirmed',
  source: 'enterprise',
  ...o
});
const input = (o: Partial<ComplianceInput>): ComplianceInput => ({
  form: FORM,
  terms: TERMS,
  performance: [],
  asBuilt: null,
  today: '2026-01-15',
  ...o
});
const by = (checks: IndicatorCheck[], i: IndicatorCheck['indicator']) => checks.find((c) => c.indicator === i)!;

describe('contract and declaration verdicts', () => {
  it('assesses 亩均 figures on the first full year after 达产, due on 31 May of the next year', () => {
    expect(assessmentYear('2025-06-30')).toBe(2026);
    expect(assessmentYear('2026-01-01')).toBe(2026);
    const c = by(evaluateCompliance(input({ today: '2027-05-31' })), 'output_per_mu');
    expect(c.dueOn).toBe('2027-05-31');
    expect(c.contract).toBe('not_due'); // the last day is still in time
    const late = by(evaluateCompliance(input({ today: '2027-06-01' })), 'output_per_mu');
    expect(late.contract).toBe('not_met');
    expect(late.contractReason.zh).toContain('2027-05-31 已过');
  });

  it('gives the numbers: output and tax per mu met, declaration within 10 %', () => {
    const checks = evaluateCompliance(
      input({ today: '2027-03-01', performance: [year(2025), year(2026, { outputWan: 24000, taxWan: 1100 })] })
    );
    const out = by(checks, 'output_per_mu');
    expect(out).toMatchObject({
      declared: 1250,
      contracted: { min: 1000 },
      achieved: 1200,
      contract: 'met',
      declaration: 'met',
      basisId: '2026'
    });
    const tax = by(checks, 'tax_per_mu');
    expect(tax).toMatchObject({ declared: 60, achieved: 55, contract: 'met', declaration: 'met' }); // 55 ≥ 54 = 60 × 0.9
  });

  it('tax below contract and more than 10 % below the declaration: both 不达标, two findings proposed', () => {
    const checks = evaluateCompliance(input({ today: '2027-06-15', performance: [year(2026, { taxWan: 900 })] }));
    const tax = by(checks, 'tax_per_mu');
    expect(tax).toMatchObject({ achieved: 45, contract: 'not_met', declaration: 'not_met' });
    expect(tax.contractReason.zh).toBe('2026 年 45 万元/亩，低于合同要求 50');
    const props = proposedFindings(checks).filter((p) => p.indicator === 'tax_per_mu');
    expect(props.map((p) => p.key)).toEqual(['contract_breach:tax_per_mu:2026', 'false_information:tax_per_mu:2026']);
    expect(complianceOf(checks)).toBe('performance_short');
  });

  it('unconfirmed figures do not count', () => {
    const c = by(
      evaluateCompliance(input({ today: '2027-03-01', performance: [year(2026, { status: 'entered' })] })),
      'output_per_mu'
    );
    expect(c.achieved).toBeNull();
    expect(c.contract).toBe('not_due');
  });

  it('investment intensity: cumulative to the 达产 year; met early, else not due until 2026-05-31', () => {
    // 2024 + 2025: 6,000 + 4,000 = 10,000 万元 on 20 亩 → 500 万元/亩 = the contract's 500.
    const met = by(
      evaluateCompliance(
        input({ today: '2025-12-01', performance: [year(2024), year(2025, { investmentWan: 4000 })] })
      ),
      'investment_intensity'
    );
    expect(met).toMatchObject({ achieved: 500, contract: 'met', declared: 600 });
    const early = by(
      evaluateCompliance(input({ today: '2025-12-01', performance: [year(2024)] })),
      'investment_intensity'
    );
    expect(early).toMatchObject({ achieved: 300, contract: 'not_due', dueOn: '2026-05-31' });
    const short = by(
      evaluateCompliance(input({ today: '2026-06-01', performance: [year(2024)] })),
      'investment_intensity'
    );
    expect(short).toMatchObject({ achieved: 300, contract: 'not_met', declaration: 'not_met' });
    // A 2026 figure is after the 达产 year and is not counted.
    const later = by(
      evaluateCompliance(
        input({ today: '2026-06-01', performance: [year(2024), year(2026, { investmentWan: 9000 })] })
      ),
      'investment_intensity'
    );
    expect(later.achieved).toBe(300);
  });

  it('plot ratio and land use from the as-built survey; colours by the most serious failure', () => {
    const none = evaluateCompliance(input({}));
    expect(by(none, 'plot_ratio').contract).toBe('not_due');
    expect(complianceOf(none)).toBe('not_due');
    const short = evaluateCompliance(
      input({ asBuilt: { surveyId: 's1', plotRatio: 1.0, encroachmentM2: 0, toleranceM: 0.05, signoff: null } })
    );
    expect(by(short, 'plot_ratio')).toMatchObject({ achieved: 1, contract: 'not_met', declaration: 'not_met' });
    expect(by(short, 'land_use')).toMatchObject({ achieved: 0, contract: 'met' });
    expect(complianceOf(short)).toBe('plot_ratio_short');
    const enc = evaluateCompliance(
      input({ asBuilt: { surveyId: 's2', plotRatio: 1.5, encroachmentM2: 250, toleranceM: 0.05, signoff: null } })
    );
    expect(by(enc, 'land_use')).toMatchObject({ achieved: 250, contract: 'not_met' });
    expect(by(enc, 'land_use').contractReason.zh).toBe('建筑超出认定地块 250 平方米（测量容差 0.05 米），属新增用地');
    expect(complianceOf(enc)).toBe('encroaching');
    const ok = evaluateCompliance(
      input({ asBuilt: { surveyId: 's3', plotRatio: 1.5, encroachmentM2: 0, toleranceM: 0.05, signoff: 'pass' } })
    );
    expect(complianceOf(ok)).toBe('compliant');
    expect(proposedFindings(ok)).toEqual([]);
  });

  it('without contract terms only the land use check can fail', () => {
    const c = evaluateCompliance(input({ terms: null, today: '2030-01-01' }));
    expect(c.filter((x) => x.contract !== 'not_due')).toEqual([]);
  });
});

describe('yearly figures', () => {
  it('refuses bad values naming the column, and the year in progress', () => {
    expect(
      parsePerformance({ year: 2025, taxWan: '1,200', outputWan: 3000, investmentWan: 0, employees: 12 }, 2026)
    ).toEqual({ ok: true, value: { year: 2025, taxWan: 1200, outputWan: 3000, investmentWan: 0, employees: 12 } });
    const bad = parsePerformance({ year: 2025, taxWan: -5, outputWan: 'abc', investmentWan: 1, employees: 1.5 }, 2026);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems.map((p) => p.field)).toEqual(['taxWan', 'outputWan', 'employees']);
    const cur = parsePerformance({ year: 2026, taxWan: 1, outputWan: 1, investmentWan: 1, employees: 1 }, 2026);
    expect(cur.ok ? null : cur.problems[0].zh).toContain('年度应在 2020–2025 之间');
  });
});

describe('floors from the survey', () => {
  it('reads CAD labels', () => {
    expect(floorsFromLabels(['5F'])).toMatchObject({ floors: 5, floorAreaM2: null });
    expect(floorsFromLabels(['5层'])).toMatchObject({ floors: 5 });
    expect(floorsFromLabels(['地上 3 层'])).toMatchObject({ floors: 3 });
    expect(floorsFromLabels(['建筑面积 1200'])).toMatchObject({ floors: null, floorAreaM2: 1200 });
    expect(floorsFromLabels(['建筑面积：1,200.5㎡'])?.floorAreaM2).toBe(1200.5);
    expect(floorsFromLabels(['1#厂房', '4F', '建筑面积=3000'])).toMatchObject({ floors: 4, floorAreaM2: 3000 });
    expect(floorsFromLabels(['门卫'])).toBeNull();
  });
  it('reads shapefile attributes and computes floor area', () => {
    expect(floorsFromAttributes({ NAME: 'A', floors: 3 })).toMatchObject({ floors: 3, floorAreaM2: null });
    expect(floorsFromAttributes({ 层数: '6' })?.floors).toBe(6);
    expect(floorsFromAttributes({ JZMJ: 2400.5 })?.floorAreaM2).toBe(2400.5);
    expect(floorsFromAttributes({ NAME: 'x' })).toBeNull();
    expect(floorAreaOf({ floors: 4, floorAreaM2: null, source: { zh: '', en: '' }, label: null }, 250)).toBe(1000);
    expect(floorAreaOf({ floors: 4, floorAreaM2: 900, source: { zh: '', en: '' }, label: null }, 250)).toBe(900);
  });
});

describe('milestone due dates from the contract schedule', async () => {
  const { milestoneSchedule, milestoneStatus, overdueMilestones } =
    await import('../../../../src/lib/domain/aftercare/milestones.ts');
  const terms = { startBy: '2025-03-31', completeBy: '2026-06-30', fullProductionBy: '2026-12-31' };
  it('derives each due date and flags the late ones on a fixed day', () => {
    const s = milestoneSchedule(terms);
    expect(Object.fromEntries(s.map((x) => [x.milestone, x.due]))).toEqual({
      eia_filed: '2025-01-30',
      eia_approved: '2025-03-31',
      planning_check: '2026-06-30',
      construction_permit: '2025-03-31',
      construction_start: '2025-03-31',
      completion_acceptance: '2026-06-30',
      operation: '2026-12-31',
      post_evaluation: '2028-05-31'
    });
    const st = milestoneStatus(
      s,
      [
        { milestone: 'eia_filed', date: '2025-01-10' },
        { milestone: 'eia_approved', date: '2025-04-10' }
      ],
      '2025-04-15'
    );
    const by = Object.fromEntries(st.map((x) => [x.milestone, x]));
    expect(by.eia_filed).toMatchObject({ late: false, recordedOn: '2025-01-10' });
    expect(by.eia_approved).toMatchObject({ late: true, daysLate: 10, recordedOn: '2025-04-10' });
    expect(by.construction_start).toMatchObject({ late: true, daysLate: 15, recordedOn: null });
    expect(by.completion_acceptance).toMatchObject({ late: false });
    expect(overdueMilestones(st).map((x) => x.milestone)).toEqual(['construction_permit', 'construction_start']);
    expect(milestoneSchedule(null)).toEqual([]);
  });
});

describe('compliance counts per district (issue 16 §5)', () => {
  it('counts each recognised project once in its district and in the city; unknown districts count for the city only', () => {
    const r = complianceCounts(
      [
        { authorityCode: 'pudong', compliance: 'encroaching' },
        { authorityCode: 'pudong', compliance: 'compliant' },
        { authorityCode: 'pudong', compliance: 'encroaching' },
        { authorityCode: 'jiading', compliance: 'not_due' },
        { authorityCode: null, compliance: 'performance_short' },
        { authorityCode: 'nowhere', compliance: 'plot_ratio_short' }
      ],
      ['pudong', 'jiading', 'minhang']
    );
    expect(r.districts.get('pudong')).toEqual({
      encroaching: 2,
      plot_ratio_short: 0,
      performance_short: 0,
      compliant: 1,
      not_due: 0,
      total: 3
    });
    expect(r.districts.get('jiading')).toEqual({
      encroaching: 0,
      plot_ratio_short: 0,
      performance_short: 0,
      compliant: 0,
      not_due: 1,
      total: 1
    });
    expect(r.districts.get('minhang')!.total).toBe(0);
    expect(r.districts.has('nowhere')).toBe(false);
    expect(r.city).toEqual({
      encroaching: 2,
      plot_ratio_short: 1,
      performance_short: 1,
      compliant: 1,
      not_due: 1,
      total: 6
    });
  });
});

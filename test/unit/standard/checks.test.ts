// Each check kind on passing, failing and missing data, with hand-computed figures.
import { describe, expect, it } from 'vitest';
import {
  criterionSchema,
  evaluateCriterion,
  type CriterionInput,
  type EvaluationInput,
  type SpatialFacts
} from '../../../src/lib/domain/standard/index.ts';

const crit = (c: Partial<CriterionInput> & { check: CriterionInput['check'] }) =>
  criterionSchema.parse({ id: 'X1', list: 'positive', title: { zh: '测试', en: 'Test' }, ...c });

const input = (over: Partial<EvaluationInput> = {}): EvaluationInput => ({
  form: {},
  classification: null,
  declarations: {},
  judgements: {},
  ...over
});

const parcel = (over: Partial<SpatialFacts> = {}): SpatialFacts => ({
  landType: 'reserve',
  areaM2: 10_000,
  zones: [],
  conflicts: [],
  layerKinds: ['eco_redline', 'basic_farmland', 'central_city', 'river_buffer'],
  ...over
});

describe('industry', () => {
  const positive = crit({ check: { kind: 'industry', require: 'in', codes: ['C35', 'C3973', 'M73'] } });
  const negative = crit({
    list: 'negative',
    check: { kind: 'industry', require: 'not_in', codes: ['B', 'C31', 'C336'] }
  });

  it('passes when the class lies under a listed division and names it', () => {
    const r = evaluateCriterion(
      positive,
      input({
        form: { industryCode: 'C3581' },
        industryNames: { C35: { zh: '专用设备制造业', en: 'Special machinery' } }
      })
    );
    expect(r.status).toBe('pass');
    expect(r.reason.zh).toContain('C35 专用设备制造业');
  });
  it('fails when the code is under none of the listed codes', () => {
    expect(evaluateCriterion(positive, input({ form: { industryCode: 'C3612' } })).status).toBe('fail');
  });
  it('negative list: a code under a listed section is a hit (fail); one outside passes', () => {
    expect(evaluateCriterion(negative, input({ form: { industryCode: 'B0610' } })).status).toBe('fail');
    expect(evaluateCriterion(negative, input({ form: { industryCode: 'C3360' } })).status).toBe('fail');
    expect(evaluateCriterion(negative, input({ form: { industryCode: 'C3311' } })).status).toBe('pass');
  });
  it('missing code → needs review naming the field', () => {
    const r = evaluateCriterion(positive, input());
    expect(r.status).toBe('needs_review');
    expect(r.missing).toEqual(['industryCode']);
  });
  it('a project code coarser than the listed class cannot be decided', () => {
    const r = evaluateCriterion(positive, input({ form: { industryCode: 'C39' } }));
    expect(r.status).toBe('needs_review');
    expect(r.reason.en).toContain('C3973');
  });
});

describe('threshold', () => {
  // 13,400 m² = 20.0999 亩 at 666.67 m²/亩; tax 1,000 万元 → 49.75 万元/亩.
  const taxPerMu = crit({ check: { kind: 'threshold', metric: 'taxPerMu', op: '>=', value: 50 } });
  it('computes tax per mu from the form and fails just below the threshold', () => {
    const r = evaluateCriterion(taxPerMu, input({ form: { expectedAnnualTax: 1000, landArea: 13_400 } }));
    expect(r.status).toBe('fail');
    expect(r.figures.find((f) => f.key === 'taxPerMu')?.value).toBe(49.75);
    expect(r.figures.find((f) => f.key === 'landAreaMu')?.value).toBe(20.0999);
    expect(r.reason.zh).toContain('未达到');
  });
  it('passes at exactly the threshold: 1,000 万元 on 20 亩 (13,333.4 m²) = 50', () => {
    const r = evaluateCriterion(taxPerMu, input({ form: { expectedAnnualTax: 1000, landArea: 666.67 * 20 } }));
    expect(r.status).toBe('pass');
  });
  it('falls back to the measured parcel area when the form has none, and says so', () => {
    const r = evaluateCriterion(
      taxPerMu,
      input({ form: { expectedAnnualTax: 600 }, classification: parcel({ areaM2: 6666.7 }) })
    );
    expect(r.status).toBe('pass'); // 600 / 10 亩 = 60
    expect(r.figures.find((f) => f.key === 'landArea')?.source?.zh).toBe('地块矢量图测算');
  });
  it('missing inputs → needs review naming each missing field', () => {
    const r = evaluateCriterion(taxPerMu, input({ form: {} }));
    expect(r.status).toBe('needs_review');
    expect(r.missing).toEqual(['expectedAnnualTax', 'landArea']);
    expect(r.reason.zh).toContain('“预计年税收（万元）”');
  });
  it('energy per output: cap passes below, fails above, zero output cannot be computed', () => {
    const cap = crit({
      list: 'negative',
      check: { kind: 'threshold', metric: 'energyPerOutput', op: '<=', value: 0.05 }
    });
    expect(evaluateCriterion(cap, input({ form: { annualEnergyUse: 400, expectedAnnualOutput: 10_000 } })).status).toBe(
      'pass'
    );
    expect(evaluateCriterion(cap, input({ form: { annualEnergyUse: 600, expectedAnnualOutput: 10_000 } })).status).toBe(
      'fail'
    );
    const zero = evaluateCriterion(cap, input({ form: { annualEnergyUse: 600, expectedAnnualOutput: 0 } }));
    expect(zero.status).toBe('needs_review');
    expect(zero.missing).toEqual([]);
  });
  it('investment intensity and plot ratio', () => {
    const inv = crit({ check: { kind: 'threshold', metric: 'investmentIntensity', op: '>=', value: 500 } });
    expect(evaluateCriterion(inv, input({ form: { investment: 4_000, landArea: 666.67 * 8 } })).status).toBe('pass'); // 500
    expect(evaluateCriterion(inv, input({ form: { investment: 3_999, landArea: 666.67 * 8 } })).status).toBe('fail');
    const far = crit({
      check: { kind: 'threshold', metric: 'plotRatioAfter', op: '>=', value: 1.2, placeholder: true }
    });
    const r = evaluateCriterion(far, input({ form: { plotRatioAfter: 1.0 } }));
    expect(r.status).toBe('fail');
    expect(r.placeholder).toBe(true);
    expect(r.reason.zh).toContain('示意占位值');
  });
});

describe('spatial', () => {
  const redline = crit({
    list: 'negative',
    check: { kind: 'spatial', layers: ['eco_redline', 'basic_farmland'], measure: 'area_m2', max: 50 }
  });
  it('fails when the overlap is above the tolerance, summing both layers', () => {
    const r = evaluateCriterion(
      redline,
      input({
        classification: parcel({
          conflicts: [
            { kind: 'eco_redline', name: '示意红线', areaM2: 30, zoneId: 1 },
            { kind: 'basic_farmland', name: '示意农田', areaM2: 40, zoneId: 2 }
          ]
        })
      })
    );
    expect(r.status).toBe('fail');
    expect(r.figures.find((f) => f.key === 'overlapM2')?.value).toBe(70);
  });
  it('passes within tolerance, counting a zone listed as both zone and conflict once', () => {
    const z = { kind: 'eco_redline', name: '示意红线', areaM2: 30, zoneId: 1 };
    const r = evaluateCriterion(
      redline,
      input({ classification: parcel({ conflicts: [z], zones: [{ ...z, share: 0.003 }] }) })
    );
    expect(r.status).toBe('pass');
    expect(r.figures.find((f) => f.key === 'overlapM2')?.value).toBe(30);
  });
  it('no classification → needs review', () => {
    expect(evaluateCriterion(redline, input()).status).toBe('needs_review');
  });
  it('a layer that is not loaded cannot be checked → needs review', () => {
    const r = evaluateCriterion(redline, input({ classification: parcel({ layerKinds: ['eco_redline'] }) }));
    expect(r.status).toBe('needs_review');
    expect(r.missing).toEqual(['layer:basic_farmland']);
  });
  it('share measure and land-type applicability', () => {
    const central = crit({
      list: 'negative',
      landTypes: ['reserve'],
      check: { kind: 'spatial', layers: ['central_city', 'river_buffer'], measure: 'share', max: 0 }
    });
    const inCity = parcel({ zones: [{ kind: 'central_city', name: '中心城', areaM2: 2_500, share: 0.25, zoneId: 9 }] });
    expect(evaluateCriterion(central, input({ classification: inCity })).status).toBe('fail');
    const r = evaluateCriterion(central, input({ classification: { ...inCity, landType: 'outside_boundary' } }));
    expect(r.status).toBe('pass');
    expect(r.reason.zh).toContain('不适用');
  });
});

describe('declaration', () => {
  const decl = crit({
    list: 'negative',
    check: {
      kind: 'declaration',
      statement: { zh: '无淘汰类工艺', en: 'No eliminated processes' },
      documentRequired: true
    }
  });
  it('affirmed with a document passes', () => {
    expect(
      evaluateCriterion(decl, input({ declarations: { X1: { affirmed: true, fileId: 'f1', fileName: '承诺书.pdf' } } }))
        .status
    ).toBe('pass');
  });
  it('"no" fails', () => {
    expect(evaluateCriterion(decl, input({ declarations: { X1: { affirmed: false, fileId: null } } })).status).toBe(
      'fail'
    );
  });
  it('not answered, or affirmed without the document → needs review', () => {
    expect(evaluateCriterion(decl, input()).missing).toEqual(['declaration']);
    const r = evaluateCriterion(decl, input({ declarations: { X1: { affirmed: true, fileId: null } } }));
    expect(r.status).toBe('needs_review');
    expect(r.missing).toEqual(['document']);
  });
});

describe('manual', () => {
  const manual = crit({ check: { kind: 'manual', question: { zh: '是否符合区产业规划？', en: 'Fits the plan?' } } });
  it('follows the reviewer: pass, fail, or needs review before a judgement', () => {
    expect(evaluateCriterion(manual, input()).status).toBe('needs_review');
    const ok = evaluateCriterion(
      manual,
      input({ judgements: { X1: { verdict: 'pass', comment: '符合区“十四五”产业规划' } } })
    );
    expect(ok.status).toBe('pass');
    expect(ok.reason.zh).toContain('符合区“十四五”产业规划');
    expect(
      evaluateCriterion(manual, input({ judgements: { X1: { verdict: 'fail', comment: '与规划冲突' } } })).status
    ).toBe('fail');
  });
});

// The figures a reviewer sees next to a threshold (form values, land area in 亩 and where it came from), the
// "not applicable" answer for criteria bound to other land types, the placeholder mark, what changes between
// two evaluations, rule sets with duplicate ids, and industry codes read strictly.
import { describe, expect, it } from 'vitest';
import {
  criterionSchema,
  diffEvaluations,
  evaluate,
  evaluateCriterion,
  metricValue,
  ruleSetContentSchema,
  unresolvedHits,
  type CriterionInput
} from '../../../src/lib/domain/standard/index.ts';
import { levelOf, matchIndustry } from '../../../src/lib/domain/standard/industry.ts';
import { crit, input, parcel } from './builders.ts';

describe('metric figures', () => {
  it('per-mu figures show the form value, the land area and the area in 亩, labelled with their source', () => {
    const v = metricValue('taxPerMu', { expectedAnnualTax: 1000, landArea: 13_333.4 }, null);
    expect(v).toMatchObject({ ok: true });
    expect(v.figures).toEqual([
      {
        key: 'expectedAnnualTax',
        label: { zh: '预计年税收（万元）', en: 'Expected annual tax (10k CNY)' },
        value: 1000,
        unit: { zh: '万元', en: '10k CNY' },
        source: { zh: '申请表', en: 'application form' }
      },
      {
        key: 'landArea',
        label: { zh: '用地面积（平方米）', en: 'Land area (m²)' },
        value: 13_333.4,
        unit: { zh: '平方米', en: 'm²' },
        source: { zh: '申请表', en: 'application form' }
      },
      {
        key: 'landAreaMu',
        label: { zh: '用地面积（亩）', en: 'Land area (mu)' },
        value: 20,
        unit: { zh: '亩', en: 'mu' },
        source: { zh: '申请表', en: 'application form' }
      }
    ]);
  });
  it('a form field not filled in shows as empty, not as a number', () => {
    const v = metricValue('outputPerMu', { landArea: 6_666.7 }, null);
    expect(v).toMatchObject({ ok: false, missing: ['expectedAnnualOutput'] });
    expect(v.figures[0]).toMatchObject({ key: 'expectedAnnualOutput', value: null });
  });
  it('a zero land area cannot give a per-mu figure', () => {
    expect(metricValue('outputPerMu', { expectedAnnualOutput: 10, landArea: 0 }, null)).toMatchObject({
      ok: false,
      missing: [],
      why: { zh: '用地面积为 0，无法按亩计算。', en: 'Land area is 0: cannot compute a per-mu figure.' }
    });
    expect(metricValue('investmentIntensity', { investment: 10 }, null)).toMatchObject({
      ok: false,
      missing: ['landArea']
    });
  });
  it("land area: the form's, else the measured parcel labelled as measured, else missing", () => {
    expect(metricValue('landArea', { landArea: 5000 }, 4000)).toMatchObject({ ok: true, value: 5000 });
    const measured = metricValue('landArea', {}, 4000);
    expect(measured).toMatchObject({ ok: true });
    expect(measured.ok && measured.value).toBeCloseTo(4000, 9);
    expect(measured.figures[0].source).toEqual({ zh: '地块矢量图测算', en: 'measured from the parcel boundary' });
    expect(metricValue('landArea', {}, null)).toEqual({ ok: false, missing: ['landArea'], figures: [] });
  });
  it('energy per output: both inputs named when missing; zero output said; the two form figures shown', () => {
    expect(metricValue('energyPerOutput', {}, null)).toMatchObject({
      ok: false,
      missing: ['annualEnergyUse', 'expectedAnnualOutput']
    });
    expect(metricValue('energyPerOutput', { annualEnergyUse: 5, expectedAnnualOutput: 0 }, null)).toMatchObject({
      ok: false,
      missing: [],
      why: {
        zh: '预计年产值为 0，无法计算单位产值能耗。',
        en: 'Expected annual output is 0: energy per output cannot be computed.'
      }
    });
    const v = metricValue('energyPerOutput', { annualEnergyUse: 5, expectedAnnualOutput: 100 }, null);
    expect(v).toMatchObject({ ok: true, value: 0.05 });
    expect(v.figures.map((f) => [f.key, f.value])).toEqual([
      ['annualEnergyUse', 5],
      ['expectedAnnualOutput', 100]
    ]);
  });
  it('a plain form field is itself, or missing', () => {
    expect(metricValue('plotRatioBefore', { plotRatioBefore: 0.8 }, null)).toMatchObject({
      ok: true,
      value: 0.8,
      figures: [{ key: 'plotRatioBefore', value: 0.8 }]
    });
    expect(metricValue('plotRatioBefore', {}, null)).toMatchObject({
      ok: false,
      missing: ['plotRatioBefore'],
      figures: [{ key: 'plotRatioBefore', value: null }]
    });
  });
});

describe('evaluating criteria', () => {
  it('a criterion for other land types passes as not applicable, naming both', () => {
    const c = crit({
      landTypes: ['reserve', 'inside_boundary'],
      check: { kind: 'manual', question: { zh: '?', en: '?' } }
    });
    const r = evaluateCriterion(c, input({ classification: parcel({ landType: 'outside_boundary' }) }));
    expect(r).toMatchObject({
      status: 'pass',
      missing: [],
      figures: [{ key: 'landType', label: { zh: '空间类型', en: 'Land type' }, value: '城市开发边界外' }]
    });
    expect(r.reason).toEqual({
      zh: '本项仅适用于战略预留区、城市开发边界内，地块属城市开发边界外，不适用。',
      en: 'Applies only to Strategic reserve area, Inside the urban development boundary; the parcel is Outside the urban development boundary: not applicable.'
    });
  });
  it('placeholder marks threshold and spatial checks when set, never others', () => {
    expect(
      evaluateCriterion(
        crit({ check: { kind: 'spatial', layers: ['x'], measure: 'share', max: 0, placeholder: true } }),
        input()
      ).placeholder
    ).toBe(true);
    expect(
      evaluateCriterion(crit({ check: { kind: 'spatial', layers: ['x'], measure: 'share', max: 0 } }), input())
        .placeholder
    ).toBe(false);
    expect(
      evaluateCriterion(
        crit({ check: { kind: 'threshold', metric: 'landArea', op: '>', value: 1, placeholder: true } }),
        input()
      ).placeholder
    ).toBe(true);
    expect(
      evaluateCriterion(crit({ check: { kind: 'manual', question: { zh: '?', en: '?' } } }), input()).placeholder
    ).toBe(false);
  });
  it('an override removes a negative hit from what still blocks', () => {
    expect(unresolvedHits({ negativeHits: ['N1', 'N2'] }, ['N2'])).toEqual(['N1']);
  });
});

describe('what changes between two evaluations', () => {
  const set = (criteria: CriterionInput[]) => ({
    id: 1,
    version: 1,
    sample: false,
    criteria: criteria.map((c) => criterionSchema.parse(c))
  });
  const m = (id: string): CriterionInput => ({
    id,
    list: 'positive',
    title: { zh: id, en: id },
    check: { kind: 'manual', question: { zh: '?', en: '?' } }
  });
  it('the first evaluation lists every criterion as new and says it changed', () => {
    const d = diffEvaluations(null, evaluate(set([m('A')]), input()));
    expect(d).toMatchObject({
      changed: true,
      outcomeFrom: null,
      outcomeTo: 'incomplete',
      criteria: [{ criterionId: 'A', from: null, to: 'needs_review' }]
    });
  });
  it('the same outcome with the same statuses is no change; a changed outcome alone is', () => {
    const e = evaluate(set([m('A')]), input());
    expect(diffEvaluations(e, e)).toEqual({
      changed: false,
      outcomeFrom: 'incomplete',
      outcomeTo: 'incomplete',
      criteria: []
    });
    expect(diffEvaluations({ ...e, outcome: 'meets' }, e).changed).toBe(true);
  });
});

describe('rule sets and industry codes', () => {
  it('a rule set may not use a criterion id twice; the second is named', () => {
    const m = { list: 'positive', title: { zh: 'x' }, check: { kind: 'manual', question: { zh: '?' } } };
    const r = ruleSetContentSchema.safeParse({
      title: { zh: '清单' },
      criteria: [
        { id: 'A', ...m },
        { id: 'B', ...m },
        { id: 'A', ...m }
      ]
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues).toEqual([
      expect.objectContaining({ code: 'custom', path: ['criteria', 2, 'id'], message: 'duplicate criterion id A' })
    ]);
    expect(
      ruleSetContentSchema.safeParse({
        title: { zh: '清单' },
        criteria: [
          { id: 'A', ...m },
          { id: 'B', ...m }
        ]
      }).success
    ).toBe(true);
  });
  it('a code is read whole: extra characters before or after are not a code', () => {
    expect(['xC', 'xC35', 'xC358', 'xC3581', 'C35812', 'C3581x'].map(levelOf)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null
    ]);
  });
  it('the project\'s code is trimmed and upper-cased; an entry equal to it is a match, not "finer"', () => {
    expect(matchIndustry(' c3581 ', ['C3581'])).toEqual({ match: 'yes', entry: 'C3581' });
    expect(matchIndustry('C35', ['C3581', 'C36', 'D35'])).toEqual({ match: 'undetermined', entries: ['C3581'] });
    expect(matchIndustry('C3', ['C35'])).toEqual({ match: 'undetermined', entries: ['C35'] });
    expect(matchIndustry('C36', ['C3581'])).toEqual({ match: 'no' });
  });
});

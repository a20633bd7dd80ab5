// The sample rule set validates and is labelled sample; evaluation outcome and the diff of two evaluations.
import { describe, expect, it } from 'vitest';
import {
  diffEvaluations,
  evaluate,
  ruleSetContentSchema,
  unresolvedHits,
  type EvaluationInput
} from '../../../src/lib/domain/standard/index.ts';
import sample from '../../../seed/standards/sample-rule-set.json' with { type: 'json' };

const content = ruleSetContentSchema.parse(sample);
const ruleSet = { id: 1, version: 1, sample: true, criteria: content.criteria };

// A project that meets every sample criterion: C3973 integrated circuits, 10 亩, generous figures, all declared.
const good: EvaluationInput = {
  form: {
    industryCode: 'C3973',
    landArea: 6666.7,
    expectedAnnualTax: 800,
    investment: 8000,
    expectedAnnualOutput: 5000,
    plotRatioAfter: 2.0,
    annualEnergyUse: 100
  },
  classification: {
    landType: 'inside_boundary',
    areaM2: 6666.7,
    zones: [],
    conflicts: [],
    layerKinds: ['eco_redline', 'basic_farmland', 'central_city', 'river_buffer']
  },
  declarations: Object.fromEntries(
    content.criteria.filter((c) => c.check.kind === 'declaration').map((c) => [c.id, { affirmed: true, fileId: 'f' }])
  ),
  judgements: { 'P-PLAN': { verdict: 'pass', comment: '符合区产业规划' } }
};

describe('sample rule set', () => {
  it('is labelled sample (示意) in its title and every threshold is a placeholder', () => {
    expect(content.sample).toBe(true);
    expect(content.title.zh).toContain('示意');
    for (const c of content.criteria) if (c.check.kind === 'threshold') expect(c.check.placeholder, c.id).toBe(true);
  });
  it('has positive industry codes and negative declarations for the catalogue and the three highs', () => {
    expect(content.criteria.find((c) => c.id === 'P-IND')?.check).toMatchObject({ kind: 'industry', require: 'in' });
    expect(
      content.criteria.filter((c) => c.list === 'negative' && c.check.kind === 'declaration').map((c) => c.id)
    ).toEqual(expect.arrayContaining(['N-CATALOGUE', 'N-THREEHIGH']));
  });
});

describe('evaluate', () => {
  it('a compliant project meets the list', () => {
    const e = evaluate(ruleSet, good);
    expect(e.results.filter((r) => r.status !== 'pass').map((r) => [r.criterionId, r.reason.en])).toEqual([]);
    expect(e.outcome).toBe('meets');
  });
  it('a negative hit blocks; a positive fail alone does not block', () => {
    const hit = evaluate(ruleSet, { ...good, form: { ...good.form, industryCode: 'C3130' } }); // steel rolling
    expect(hit.negativeHits).toEqual(['N-IND']);
    expect(hit.positiveFails).toEqual(['P-IND']);
    expect(hit.outcome).toBe('blocked');
    expect(unresolvedHits(hit, ['N-IND'])).toEqual([]);
    const lowTax = evaluate(ruleSet, { ...good, form: { ...good.form, expectedAnnualTax: 100 } });
    expect(lowTax.outcome).toBe('does_not_meet');
    expect(lowTax.negativeHits).toEqual([]);
  });
  it('an empty draft needs review everywhere except nothing is decided', () => {
    const e = evaluate(ruleSet, { form: {}, classification: null, declarations: {}, judgements: {} });
    expect(e.counts).toEqual({ pass: 0, fail: 0, needs_review: content.criteria.length });
    expect(e.outcome).toBe('incomplete');
  });
});

describe('diffEvaluations', () => {
  it('lists criteria whose status changed, added and removed, and the outcome change', () => {
    const before = evaluate(ruleSet, good);
    const stricter = {
      ...ruleSet,
      id: 2,
      version: 2,
      criteria: [
        ...content.criteria
          .filter((c) => c.id !== 'P-PLAN')
          .map((c) => (c.id === 'P-TAX' ? { ...c, check: { ...c.check, value: 100 } as typeof c.check } : c)),
        {
          ...content.criteria[0],
          id: 'P-NEW',
          check: { kind: 'industry' as const, require: 'in' as const, codes: ['C27'] }
        }
      ]
    };
    const d = diffEvaluations(before, evaluate(stricter, good));
    expect(d.changed).toBe(true);
    expect(d.outcomeFrom).toBe('meets');
    expect(d.outcomeTo).toBe('does_not_meet');
    expect(d.criteria.map((c) => [c.criterionId, c.from, c.to])).toEqual([
      ['P-TAX', 'pass', 'fail'], // 800 / 10 亩 = 80 < 100
      ['P-NEW', null, 'fail'],
      ['P-PLAN', 'pass', null]
    ]);
  });
  it('same inputs, same rule set: no change', () => {
    expect(diffEvaluations(evaluate(ruleSet, good), evaluate(ruleSet, good)).changed).toBe(false);
  });
});

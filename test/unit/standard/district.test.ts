// District criteria (一.3 "各区可在此基础上进一步深化工作要求"): a district adds criteria or tightens a city criterion
// (same id, stricter), never loosens one; evaluation marks which criteria are the district's.
import { describe, expect, it } from 'vitest';
import { checkDistrictCriteria, looseningOf, mergeCriteria } from '../../../src/lib/domain/standard/district.ts';
import { evaluate } from '../../../src/lib/domain/standard/evaluate.ts';
import { criterionSchema, type Criterion, type CriterionInput } from '../../../src/lib/domain/standard/model.ts';

const crit = (c: Partial<CriterionInput> & Pick<CriterionInput, 'check'>): Criterion =>
  criterionSchema.parse({ id: 'X', list: 'positive', title: { zh: '条目', en: 'Item' }, ...c });
const tax = (op: '>=' | '>' | '<=' | '<', value: number, extra: Partial<CriterionInput> = {}) =>
  crit({
    id: 'P-TAX',
    title: { zh: '亩均税收', en: 'Tax per mu' },
    check: { kind: 'threshold', metric: 'taxPerMu', op, value },
    ...extra
  });
const loosens = (c: Criterion, d: Criterion) => looseningOf(c, d) !== null;

describe('thresholds: raise a minimum, lower a maximum, never the reverse', () => {
  it('a minimum may rise or stay; it may not fall', () => {
    expect(loosens(tax('>=', 50), tax('>=', 60))).toBe(false);
    expect(loosens(tax('>=', 50), tax('>=', 50))).toBe(false);
    expect(loosens(tax('>=', 50), tax('>', 50))).toBe(false); // strictly above is stricter
    expect(looseningOf(tax('>=', 50), tax('>=', 40))).toEqual({
      zh: '门槛 >= 40 比市级 >= 50 宽松',
      en: "the threshold >= 40 is looser than the city's >= 50"
    });
    // "> 50" → ">= 50" admits exactly 50: looser.
    expect(loosens(tax('>', 50), tax('>=', 50))).toBe(true);
    expect(loosens(tax('>', 50), tax('>=', 51))).toBe(false);
  });

  it('a maximum may fall or stay; it may not rise; the direction and metric are fixed', () => {
    expect(loosens(tax('<=', 10), tax('<=', 8))).toBe(false);
    expect(loosens(tax('<=', 10), tax('<', 10))).toBe(false);
    expect(loosens(tax('<', 10), tax('<=', 10))).toBe(true);
    expect(loosens(tax('<=', 10), tax('<=', 12))).toBe(true);
    expect(looseningOf(tax('>=', 50), tax('<=', 50))?.zh).toBe('不能改变比较方向');
    const other = crit({ id: 'P-TAX', check: { kind: 'threshold', metric: 'outputPerMu', op: '>=', value: 999 } });
    expect(looseningOf(tax('>=', 50), other)?.zh).toBe('不能改变考核指标');
  });
});

describe('industry, spatial, declaration, lists and land types', () => {
  const inList = (codes: string[], require: 'in' | 'not_in' = 'in') =>
    crit({ id: 'P-IND', check: { kind: 'industry', require, codes } });

  it('"must be in": the district may narrow the codes (C35 → C351), not add others', () => {
    expect(loosens(inList(['C35', 'C39']), inList(['C351']))).toBe(false);
    expect(looseningOf(inList(['C35']), inList(['C351', 'C26']))?.zh).toBe('行业代码 C26 不在市级允许的范围内');
    expect(loosens(inList(['C35']), inList(['C']))).toBe(true);
  });

  it('"must not be in": every city exclusion stays, more may be added', () => {
    expect(loosens(inList(['C25'], 'not_in'), inList(['C25', 'C26'], 'not_in'))).toBe(false);
    expect(loosens(inList(['C251'], 'not_in'), inList(['C25'], 'not_in'))).toBe(false); // wider exclusion
    expect(looseningOf(inList(['C25', 'C26'], 'not_in'), inList(['C25'], 'not_in'))?.zh).toBe(
      '市级排除的行业代码 C26 须继续排除'
    );
    expect(loosens(inList(['C25'], 'not_in'), inList(['C25'], 'in'))).toBe(true);
  });

  it('spatial: same measure, every city layer kept, the tolerance not larger', () => {
    const sp = (layers: string[], max: number, measure: 'area_m2' | 'share' = 'area_m2') =>
      crit({ id: 'N-ECO', list: 'negative', check: { kind: 'spatial', layers, measure, max } });
    expect(loosens(sp(['eco_redline'], 100), sp(['eco_redline', 'basic_farmland'], 50))).toBe(false);
    expect(loosens(sp(['eco_redline'], 100), sp(['eco_redline'], 100))).toBe(false);
    expect(looseningOf(sp(['eco_redline'], 100), sp(['eco_redline'], 100.5))?.en).toBe(
      "the tolerance 100.5 is larger than the city's 100"
    );
    expect(looseningOf(sp(['eco_redline', 'basic_farmland'], 100), sp(['eco_redline'], 0))?.zh).toBe(
      '不能去掉图层 basic_farmland'
    );
    expect(loosens(sp(['eco_redline'], 0.01, 'share'), sp(['eco_redline'], 0.01))).toBe(true);
  });

  it('a declaration keeps its supporting document; a manual question may be reworded', () => {
    const dec = (documentRequired: boolean) =>
      crit({ id: 'D-1', check: { kind: 'declaration', statement: { zh: '承诺', en: '' }, documentRequired } });
    expect(loosens(dec(true), dec(false))).toBe(true);
    expect(loosens(dec(false), dec(true))).toBe(false);
    const man = (zh: string) => crit({ id: 'M-1', check: { kind: 'manual', question: { zh, en: '' } } });
    expect(loosens(man('是否符合区产业规划？'), man('是否符合区产业规划及本区重点产业目录？'))).toBe(false);
  });

  it('a criterion keeps its list and its kind of check', () => {
    expect(looseningOf(tax('>=', 50), tax('>=', 60, { list: 'negative' }))?.zh).toBe('不能改变其所属清单（正面/负面）');
    const asManual = crit({ id: 'P-TAX', check: { kind: 'manual', question: { zh: '税收是否达标？', en: '' } } });
    expect(looseningOf(tax('>=', 50), asManual)?.zh).toBe('不能改变其核查方式');
  });

  it('it applies wherever the city criterion applies (empty = every land type)', () => {
    expect(loosens(tax('>=', 50), tax('>=', 60, { landTypes: ['reserve'] }))).toBe(true);
    expect(loosens(tax('>=', 50, { landTypes: ['reserve'] }), tax('>=', 60))).toBe(false);
    expect(
      loosens(tax('>=', 50, { landTypes: ['reserve'] }), tax('>=', 60, { landTypes: ['reserve', 'inside_boundary'] }))
    ).toBe(false);
    expect(
      loosens(tax('>=', 50, { landTypes: ['reserve', 'inside_boundary'] }), tax('>=', 60, { landTypes: ['reserve'] }))
    ).toBe(true);
  });
});

describe('publishing and evaluating', () => {
  const city = [
    tax('>=', 50),
    crit({ id: 'P-PLAN', check: { kind: 'manual', question: { zh: '是否符合产业规划？', en: '' } } })
  ];

  it('refuses the first loosened criterion with 409, naming the rule, the criterion and clause 一.3', () => {
    const r = checkDistrictCriteria(city, [
      crit({ id: 'D-NEW', check: { kind: 'manual', question: { zh: '新增', en: '' } } }),
      tax('>=', 30)
    ])!;
    expect(r.status).toBe(409);
    expect(r.code).toBe('district_criterion_loosens');
    expect(r.zh).toBe(
      '区级标准只能在市级标准基础上增加或从严，不能放宽：“亩均税收”（P-TAX）门槛 >= 30 比市级 >= 50 宽松（一.3）'
    );
    expect(r.en).toContain('District criteria may add to or tighten');
    expect(r.en).toContain('(clause 一.3)');
    expect(checkDistrictCriteria(city, [tax('>=', 80)])).toBeNull();
    expect(checkDistrictCriteria(city, [])).toBeNull();
  });

  it("merges: the district's stricter version replaces the city's in place, its own come after, the rest stay the city's", () => {
    const own = crit({
      id: 'D-RD',
      title: { zh: '研发投入', en: 'R&D' },
      check: { kind: 'threshold', metric: 'taxPerMu', op: '>=', value: 1 }
    });
    const m = mergeCriteria(city, [own, tax('>=', 80)]);
    expect(m.map((c) => [c.id, c.source ?? 'city'])).toEqual([
      ['P-TAX', 'district'],
      ['P-PLAN', 'city'],
      ['D-RD', 'district']
    ]);
    expect((m[0].check as { value: number }).value).toBe(80);
  });

  it("if the city later tightens beyond the district's version, the city's stricter criterion applies", () => {
    const m = mergeCriteria([tax('>=', 100)], [tax('>=', 80)]);
    expect(m.map((c) => [c.id, c.source ?? 'city', (c.check as { value: number }).value])).toEqual([
      ['P-TAX', 'city', 100]
    ]);
  });

  it("evaluation marks the district's criteria; a stricter threshold fails a project the city's passes", () => {
    const input = {
      form: { landArea: 6666.7, expectedAnnualTax: 600 },
      classification: null,
      declarations: {},
      judgements: {}
    };
    // 600 万元 on 10 亩 = 60 万元/亩: passes ≥ 50, fails ≥ 80.
    const cityOnly = evaluate({ id: 1, version: 1, sample: true, criteria: city }, input);
    expect(cityOnly.results.find((r) => r.criterionId === 'P-TAX')).toMatchObject({ status: 'pass' });
    expect(cityOnly.results.every((r) => r.source === undefined)).toBe(true);
    const withDistrict = evaluate(
      { id: 1, version: 1, sample: true, criteria: mergeCriteria(city, [tax('>=', 80)]) },
      input
    );
    expect(withDistrict.results.find((r) => r.criterionId === 'P-TAX')).toMatchObject({
      status: 'fail',
      source: 'district'
    });
    expect(withDistrict.results.find((r) => r.criterionId === 'P-PLAN')!.source).toBeUndefined();
  });
});

describe('what the district reads when its criterion is refused (both languages)', () => {
  const inList = (codes: string[], require: 'in' | 'not_in' = 'in') =>
    crit({ id: 'P-IND', check: { kind: 'industry', require, codes } });
  const sp = (layers: string[], max: number, measure: 'area_m2' | 'share' = 'area_m2') =>
    crit({ id: 'N-ECO', list: 'negative', check: { kind: 'spatial', layers, measure, max } });
  const dec = (documentRequired: boolean) =>
    crit({ id: 'D-1', check: { kind: 'declaration', statement: { zh: '承诺', en: '' }, documentRequired } });

  it.each([
    [
      tax('>=', 50),
      tax('>=', 60, { list: 'negative' }),
      '不能改变其所属清单（正面/负面）',
      'it cannot move to the other list'
    ],
    [
      tax('>=', 50),
      crit({ id: 'P-TAX', check: { kind: 'manual', question: { zh: '？', en: '' } } }),
      '不能改变其核查方式',
      'its kind of check cannot change'
    ],
    [
      tax('>=', 50),
      tax('>=', 60, { landTypes: ['reserve'] }),
      '适用的空间类型不能少于市级标准',
      'it must apply to every land type the city criterion applies to'
    ],
    [
      tax('>=', 50),
      crit({ id: 'P-TAX', check: { kind: 'threshold', metric: 'outputPerMu', op: '>=', value: 60 } }),
      '不能改变考核指标',
      'the metric cannot change'
    ],
    [tax('>=', 50), tax('<=', 50), '不能改变比较方向', 'the direction of the comparison cannot change'],
    [tax('>', 50), tax('>=', 50), '门槛 >= 50 比市级 > 50 宽松', "the threshold >= 50 is looser than the city's > 50"],
    [
      inList(['C25'], 'not_in'),
      inList(['C25'], 'in'),
      '不能把“须属于”与“不得属于”互换',
      '"must be in" and "must not be in" cannot be swapped'
    ],
    [
      inList(['C35']),
      inList(['C351', 'C26', 'C27']),
      '行业代码 C26、C27 不在市级允许的范围内',
      "industry codes C26, C27 are outside the city's allowed set"
    ],
    [
      inList(['C25', 'C26', 'C27'], 'not_in'),
      inList(['C25'], 'not_in'),
      '市级排除的行业代码 C26、C27 须继续排除',
      "the city's excluded industry codes C26, C27 must stay excluded"
    ],
    [
      sp(['eco_redline'], 0.01, 'share'),
      sp(['eco_redline'], 0.01),
      '不能改变容差的计量方式',
      'the measure of the tolerance cannot change'
    ],
    [
      sp(['eco_redline', 'basic_farmland', 'water'], 100),
      sp(['eco_redline'], 0),
      '不能去掉图层 basic_farmland、water',
      'layers basic_farmland, water cannot be dropped'
    ],
    [
      sp(['eco_redline'], 100),
      sp(['eco_redline'], 100.5),
      '容差 100.5 大于市级 100',
      "the tolerance 100.5 is larger than the city's 100"
    ],
    [dec(true), dec(false), '不能取消证明材料要求', 'the supporting document cannot be dropped']
  ])('%#: %s → %s', (c, d, zh, en) => expect(looseningOf(c, d)).toEqual({ zh, en }));

  it('an equal strict threshold, or no document required on either side, loosens nothing', () => {
    expect(looseningOf(tax('>', 50), tax('>', 50))).toBeNull();
    expect(looseningOf(tax('<', 10), tax('<', 10))).toBeNull();
    expect(looseningOf(dec(false), dec(false))).toBeNull();
  });

  it('the English refusal names the criterion by its English title, or by the Chinese one when it has none', () => {
    const city = [tax('>=', 50, { title: { zh: '亩均税收', en: '' } })];
    expect(checkDistrictCriteria(city, [tax('>=', 30)])?.en).toBe(
      'District criteria may add to or tighten the city\'s standard, never loosen it: "亩均税收" (P-TAX): the threshold >= 30 is looser than the city\'s >= 50 (clause 一.3)'
    );
    expect(checkDistrictCriteria([tax('>=', 50)], [tax('>=', 30)])?.en).toContain(
      'never loosen it: "Tax per mu" (P-TAX)'
    );
  });
});

// The reason each check gives the reviewer, in both languages: what was compared, against which limit,
// which layer or field, and what to do when it cannot decide. Operators at their boundaries; placeholder
// thresholds said so; 万元 amounts in yuan for English readers.
import { describe, expect, it } from 'vitest';
import { evaluateCriterion, type SpatialFacts } from '../../../src/lib/domain/standard/index.ts';
import { crit, input, parcel as baseParcel } from './builders.ts';

const parcel = (over: Partial<SpatialFacts> = {}) =>
  baseParcel({ layerKinds: ['eco_redline', 'basic_farmland'], ...over });
const said = (r: { status: string; missing: string[]; reason: { zh: string; en: string } }) => ({
  status: r.status,
  missing: r.missing,
  ...r.reason
});
const NOTE_ZH = '（阈值为示意占位值，待管理员确认）';
const NOTE_EN = ' (placeholder threshold, to be confirmed by the administrator)';

describe('industry', () => {
  const six = crit({
    check: { kind: 'industry', require: 'in', codes: ['C3581', 'C3582', 'C3583', 'C3584', 'C3585', 'C3586'] }
  });
  it('no code, or a malformed one: needs review naming the field', () => {
    expect(said(evaluateCriterion(six, input()))).toEqual({
      status: 'needs_review',
      missing: ['industryCode'],
      zh: '未填写国民经济行业分类代码，无法判断。',
      en: 'No industry code given: cannot decide.'
    });
    expect(said(evaluateCriterion(six, input({ form: { industryCode: 'X12' } })))).toEqual({
      status: 'needs_review',
      missing: ['industryCode'],
      zh: '行业代码“X12”格式不正确，无法判断。',
      en: 'Industry code "X12" is not well formed: cannot decide.'
    });
  });
  it('a code coarser than the list lists at most five finer entries, with names (the Chinese one when no English)', () => {
    const r = evaluateCriterion(
      six,
      input({
        form: { industryCode: 'C35' },
        industryNames: { C35: { zh: '专用设备制造业', en: '' }, C3581: { zh: '医疗仪器', en: 'Medical instruments' } }
      })
    );
    expect(said(r)).toEqual({
      status: 'needs_review',
      missing: [],
      zh: '行业代码 C35 专用设备制造业 只填到大类，清单按更细的类别列出（C3581 医疗仪器、C3582、C3583、C3584、C3585），请填写到小类或人工核查。',
      en: 'Industry code C35 专用设备制造业 is only given to the division level; the list names finer categories (C3581 Medical instruments, C3582, C3583, C3584, C3585): give the class or check by hand.'
    });
  });
  it('outside the list', () => {
    expect(said(evaluateCriterion(six, input({ form: { industryCode: 'C3612' } })))).toEqual({
      status: 'fail',
      missing: [],
      zh: '行业 C3612 不属于清单所列行业。',
      en: 'Industry C3612 is not under any listed industry.'
    });
  });
  it('inside the list, naming the entry', () => {
    const r = evaluateCriterion(
      six,
      input({ form: { industryCode: 'C3583' }, industryNames: { C3583: { zh: '计算机整机制造', en: 'Computers' } } })
    );
    expect(said(r)).toEqual({
      status: 'pass',
      missing: [],
      zh: '行业 C3583 计算机整机制造 属于清单所列 C3583 计算机整机制造。',
      en: 'Industry C3583 Computers falls under the listed C3583 Computers.'
    });
  });
});

describe('threshold', () => {
  const above500 = crit({
    check: { kind: 'threshold', metric: 'investmentIntensity', op: '>', value: 500, placeholder: true }
  });
  const LAND = 13_333.4; // 20 亩
  it('"above" passes above and fails at the value; 万元 in yuan for English; the placeholder is said', () => {
    expect(said(evaluateCriterion(above500, input({ form: { investment: 12_000, landArea: LAND } })))).toEqual({
      status: 'pass',
      missing: [],
      zh: `固定资产投资强度 600 万元/亩，高于 500 万元/亩的要求已满足${NOTE_ZH}。`,
      en: `Investment intensity CNY 6 million/mu meets the requirement of above CNY 5 million/mu${NOTE_EN}.`
    });
    expect(said(evaluateCriterion(above500, input({ form: { investment: 10_000, landArea: LAND } })))).toEqual({
      status: 'fail',
      missing: [],
      zh: `固定资产投资强度 500 万元/亩，未达到高于 500 万元/亩的要求${NOTE_ZH}。`,
      en: `Investment intensity CNY 5 million/mu does not meet the requirement of above CNY 5 million/mu${NOTE_EN}.`
    });
  });
  it('missing inputs are named; a zero land area says why nothing can be computed', () => {
    expect(said(evaluateCriterion(above500, input()))).toEqual({
      status: 'needs_review',
      missing: ['investment', 'landArea'],
      zh: `缺少“项目总投资（万元）”、“用地面积（平方米）”，无法计算固定资产投资强度（要求高于 500 万元/亩${NOTE_ZH}）。`,
      en: `Total investment (10k CNY), Land area (m²) missing: cannot compute Investment intensity (required above CNY 5 million/mu${NOTE_EN}).`
    });
    expect(said(evaluateCriterion(above500, input({ form: { investment: 1, landArea: 0 } })))).toEqual({
      status: 'needs_review',
      missing: [],
      zh: `用地面积为 0，无法按亩计算。要求固定资产投资强度高于 500 万元/亩${NOTE_ZH}。`,
      en: `Land area is 0: cannot compute a per-mu figure. Required: Investment intensity above CNY 5 million/mu${NOTE_EN}.`
    });
  });
  it('"below" fails at the value; "at most" passes at it; a unitless figure has no unit word', () => {
    const below2 = crit({ check: { kind: 'threshold', metric: 'plotRatioAfter', op: '<', value: 2 } });
    expect(said(evaluateCriterion(below2, input({ form: { plotRatioAfter: 2 } })))).toEqual({
      status: 'fail',
      missing: [],
      zh: '改造后容积率 2，未达到低于 2的要求。',
      en: 'Plot ratio after 2 does not meet the requirement of below 2.'
    });
    expect(said(evaluateCriterion(below2, input({ form: { plotRatioAfter: 1.5 } })))).toEqual({
      status: 'pass',
      missing: [],
      zh: '改造后容积率 1.5，低于 2的要求已满足。',
      en: 'Plot ratio after 1.5 meets the requirement of below 2.'
    });
    const atMost = crit({ check: { kind: 'threshold', metric: 'landArea', op: '<=', value: 20_000 } });
    expect(said(evaluateCriterion(atMost, input({ form: { landArea: 20_000 } })))).toEqual({
      status: 'pass',
      missing: [],
      zh: '用地面积（平方米） 20,000 平方米，不高于 20,000 平方米的要求已满足。',
      en: 'Land area (m²) 20,000 m² meets the requirement of at most 20,000 m².'
    });
    expect(evaluateCriterion(atMost, input({ form: { landArea: 20_000.5 } })).status).toBe('fail');
  });
  it('a value just past the limit is shown with the digits that tell it from the limit, never rounded onto it', () => {
    const below2 = crit({ check: { kind: 'threshold', metric: 'plotRatioAfter', op: '<', value: 2 } });
    const r = evaluateCriterion(below2, input({ form: { plotRatioAfter: 1.999 } }));
    expect(said(r)).toMatchObject({ status: 'pass', zh: '改造后容积率 1.999，低于 2的要求已满足。' });
    expect(r.figures[0].value).toBe(1.999);
    const atMost = crit({ check: { kind: 'threshold', metric: 'landArea', op: '<=', value: 20_000 } });
    expect(said(evaluateCriterion(atMost, input({ form: { landArea: 20_000.4 } })))).toMatchObject({
      status: 'fail',
      en: 'Land area (m²) 20,000.4 m² does not meet the requirement of at most 20,000 m².'
    });
  });
  it("the figures: the form's value and the threshold with its operator", () => {
    const r = evaluateCriterion(
      crit({ check: { kind: 'threshold', metric: 'plotRatioAfter', op: '>=', value: 1.2 } }),
      input({ form: { plotRatioAfter: 1.5 } })
    );
    expect(r.figures.map((f) => [f.key, f.value])).toEqual([
      ['plotRatioAfter', 1.5],
      ['threshold', '>= 1.2']
    ]);
  });
});

describe('spatial', () => {
  const red = crit({
    list: 'negative',
    check: {
      kind: 'spatial',
      layers: ['eco_redline', 'basic_farmland'],
      measure: 'area_m2',
      max: 50,
      placeholder: true
    }
  });
  const NAMES = {
    eco_redline: { zh: '生态保护红线', en: 'Ecological red line' },
    basic_farmland: { zh: '永久基本农田', en: 'Permanent farmland' }
  };
  const run = (cls: SpatialFacts | null) => said(evaluateCriterion(red, input({ classification: cls }), NAMES));
  it('above the tolerance: the zones by layer name, the overlap in m² and share', () => {
    expect(
      run(
        parcel({
          conflicts: [
            { kind: 'eco_redline', name: 'A', areaM2: 30.04, zoneId: 1 },
            { kind: 'basic_farmland', name: 'B', areaM2: 40 }
          ]
        })
      )
    ).toEqual({
      status: 'fail',
      missing: [],
      zh: `地块与生态保护红线“A”、永久基本农田“B”重叠 70 平方米（0.7%），超过容差${NOTE_ZH}。`,
      en: `The parcel overlaps Ecological red line "A", Permanent farmland "B" by 70 m² (0.7 %), above the tolerance${NOTE_EN}.`
    });
  });
  it('exactly at the tolerance passes, saying it is within', () => {
    expect(run(parcel({ conflicts: [{ kind: 'eco_redline', name: 'A', areaM2: 50 }] }))).toEqual({
      status: 'pass',
      missing: [],
      zh: `地块与生态保护红线“A”重叠 50 平方米（0.5%），在容差以内${NOTE_ZH}。`,
      en: `The parcel overlaps Ecological red line "A" by 50 m² (0.5 %), within the tolerance${NOTE_EN}.`
    });
  });
  it('zones of other layers do not count; two zones of the same name without ids count once', () => {
    const z = { kind: 'basic_farmland', name: 'B', areaM2: 20, share: 0.002 };
    const r = evaluateCriterion(
      red,
      input({
        classification: parcel({ zones: [{ kind: 'central_city', name: 'C', areaM2: 900, share: 0.09 }, z, z] })
      }),
      NAMES
    );
    expect(r.figures.find((f) => f.key === 'overlapM2')?.value).toBe(20);
    expect(r.figures.find((f) => f.key === 'overlapShare')?.value).toBe(0.002);
  });
  it('nothing overlapping: not in the layers', () => {
    expect(run(parcel())).toEqual({
      status: 'pass',
      missing: [],
      zh: '地块不在生态保护红线、永久基本农田范围内。',
      en: 'The parcel is not in Ecological red line, Permanent farmland.'
    });
  });
  it('no parcel yet, or layers not loaded: needs review, naming them', () => {
    expect(run(null)).toEqual({
      status: 'needs_review',
      missing: ['classification'],
      zh: '地块尚未上传或尚未完成空间判定，无法核查与生态保护红线、永久基本农田的关系。',
      en: 'The parcel has not been uploaded or classified yet: its relation to Ecological red line, Permanent farmland cannot be checked.'
    });
    expect(run(parcel({ layerKinds: ['basic_farmland'] }))).toEqual({
      status: 'needs_review',
      missing: ['layer:eco_redline'],
      zh: '图层“生态保护红线”尚未导入，无法核查，请人工核查。',
      en: 'Layer Ecological red line is not loaded: cannot check; check by hand.'
    });
  });
  it('an overlap above the tolerance fails even when another layer is not loaded', () => {
    expect(
      run(parcel({ layerKinds: ['basic_farmland'], conflicts: [{ kind: 'basic_farmland', name: 'B', areaM2: 60 }] }))
        .status
    ).toBe('fail');
  });
  it('a share tolerance compares the share; a parcel of zero area has share 0', () => {
    const share = crit({
      list: 'negative',
      check: { kind: 'spatial', layers: ['eco_redline'], measure: 'share', max: 0.01 }
    });
    expect(
      evaluateCriterion(
        share,
        input({ classification: parcel({ conflicts: [{ kind: 'eco_redline', name: 'A', areaM2: 100 }] }) })
      ).status
    ).toBe('pass');
    expect(
      evaluateCriterion(
        share,
        input({ classification: parcel({ conflicts: [{ kind: 'eco_redline', name: 'A', areaM2: 101 }] }) })
      ).status
    ).toBe('fail');
    const zero = evaluateCriterion(
      share,
      input({ classification: parcel({ areaM2: 0, conflicts: [{ kind: 'eco_redline', name: 'A', areaM2: 5 }] }) })
    );
    expect(zero.figures.find((f) => f.key === 'overlapShare')?.value).toBe(0);
  });
});

describe('declaration and judgement', () => {
  const decl = crit({
    check: { kind: 'declaration', statement: { zh: '无淘汰类工艺', en: '' }, documentRequired: false }
  });
  it('a declaration without a required document: quoted back (Chinese when there is no English)', () => {
    expect(said(evaluateCriterion(decl, input()))).toEqual({
      status: 'needs_review',
      missing: ['declaration'],
      zh: '企业尚未声明：“无淘汰类工艺”',
      en: 'The enterprise has not declared: "无淘汰类工艺"'
    });
    expect(said(evaluateCriterion(decl, input({ declarations: { X1: { affirmed: false, fileId: null } } })))).toEqual({
      status: 'fail',
      missing: [],
      zh: '企业声明不能承诺：“无淘汰类工艺”',
      en: 'The enterprise declares it cannot affirm: "无淘汰类工艺"'
    });
    const yes = evaluateCriterion(decl, input({ declarations: { X1: { affirmed: true, fileId: null } } }));
    expect(said(yes)).toEqual({ status: 'pass', missing: [], zh: '企业已声明。', en: 'Declared.' });
    expect(yes.figures.map((f) => f.key)).toEqual(['affirmed']);
  });
  it('with a required document: shown by file name, and said', () => {
    const withDoc = crit({
      check: { kind: 'declaration', statement: { zh: '无淘汰类工艺', en: 'No eliminated processes' } }
    });
    const r = evaluateCriterion(
      withDoc,
      input({ declarations: { X1: { affirmed: true, fileId: 'f1', fileName: '承诺书.pdf' } } })
    );
    expect(said(r)).toEqual({
      status: 'pass',
      missing: [],
      zh: '企业已声明并上传证明材料。',
      en: 'Declared, with the supporting document.'
    });
    expect(r.figures.map((f) => [f.key, f.value])).toEqual([
      ['affirmed', true],
      ['document', '承诺书.pdf']
    ]);
    expect(
      said(evaluateCriterion(withDoc, input({ declarations: { X1: { affirmed: true, fileId: null } } })))
    ).toMatchObject({
      zh: '企业已声明，但尚未上传证明材料。',
      en: 'Declared, but the supporting document has not been uploaded.'
    });
  });
  it("a judgement quotes the question until answered, then the reviewer's comment", () => {
    const man = crit({ check: { kind: 'manual', question: { zh: '是否符合区产业规划？', en: '' } } });
    expect(said(evaluateCriterion(man, input()))).toEqual({
      status: 'needs_review',
      missing: ['judgement'],
      zh: '待审核人员研判：是否符合区产业规划？',
      en: "Awaiting the reviewer's judgement: 是否符合区产业规划？"
    });
    expect(
      said(evaluateCriterion(man, input({ judgements: { X1: { verdict: 'fail', comment: '与规划冲突' } } })))
    ).toEqual({
      status: 'fail',
      missing: [],
      zh: '审核人员研判不符合：与规划冲突',
      en: 'Reviewer judged it not met: 与规划冲突'
    });
    expect(said(evaluateCriterion(man, input({ judgements: { X1: { verdict: 'pass', comment: '符合' } } })))).toEqual({
      status: 'pass',
      missing: [],
      zh: '审核人员研判符合：符合',
      en: 'Reviewer judged it met: 符合'
    });
  });
});

describe('the figures shown beside a result', () => {
  it('spatial: overlap in m², share of the parcel, and the tolerance in its unit', () => {
    const area = crit({ check: { kind: 'spatial', layers: ['eco_redline'], measure: 'area_m2', max: 50 } });
    const cls = parcel({ conflicts: [{ kind: 'eco_redline', name: 'A', areaM2: 123.456 }] });
    expect(evaluateCriterion(area, input({ classification: cls })).figures).toEqual([
      { key: 'overlapM2', label: { zh: '重叠面积', en: 'Overlap' }, value: 123.5, unit: { zh: '平方米', en: 'm²' } },
      { key: 'overlapShare', label: { zh: '占地块面积比例', en: 'Share of the parcel' }, value: 0.0123 },
      { key: 'tolerance', label: { zh: '容差', en: 'Tolerance' }, value: 50, unit: { zh: '平方米', en: 'm²' } }
    ]);
    const share = crit({ check: { kind: 'spatial', layers: ['eco_redline'], measure: 'share', max: 0.01 } });
    expect(evaluateCriterion(share, input({ classification: cls })).figures[2]).toEqual({
      key: 'tolerance',
      label: { zh: '容差', en: 'Tolerance' },
      value: 0.01,
      unit: { zh: '比例', en: 'share' }
    });
  });
  it('threshold: the computed figure rounded to its digits, then the threshold with its operator', () => {
    const r = evaluateCriterion(
      crit({ check: { kind: 'threshold', metric: 'energyPerOutput', op: '<=', value: 0.05 } }),
      input({ form: { annualEnergyUse: 1, expectedAnnualOutput: 3 } })
    );
    expect(r.figures.slice(2)).toEqual([
      {
        key: 'energyPerOutput',
        label: { zh: '单位产值能耗', en: 'Energy per output' },
        value: 0.3333,
        unit: { zh: '吨标准煤/万元', en: 'tce per CNY 10,000' }
      },
      {
        key: 'threshold',
        label: { zh: '阈值', en: 'Threshold' },
        value: '<= 0.05',
        unit: { zh: '吨标准煤/万元', en: 'tce per CNY 10,000' }
      }
    ]);
  });
  it("industry: the code given (or empty); judgement: the reviewer's comment", () => {
    const ind = crit({ check: { kind: 'industry', require: 'in', codes: ['C35'] } });
    expect(evaluateCriterion(ind, input()).figures).toEqual([
      {
        key: 'industryCode',
        label: { zh: '国民经济行业分类代码', en: 'Industry classification code (GB/T 4754-2017)' },
        value: null
      }
    ]);
    expect(evaluateCriterion(ind, input({ form: { industryCode: 'C3581' } })).figures[0].value).toBe('C3581');
    const man = crit({ check: { kind: 'manual', question: { zh: '?', en: 'Fits?' } } });
    expect(evaluateCriterion(man, input()).figures).toEqual([]);
    expect(evaluateCriterion(man, input()).reason.en).toBe("Awaiting the reviewer's judgement: Fits?");
    expect(evaluateCriterion(man, input({ judgements: { X1: { verdict: 'pass', comment: '符合' } } })).figures).toEqual(
      [{ key: 'comment', label: { zh: '研判意见', en: 'Comment' }, value: '符合' }]
    );
  });
  it('a missing field is named by its form label; 1 万元/亩 reads as CNY 10,000/mu', () => {
    const r = evaluateCriterion(
      crit({ check: { kind: 'threshold', metric: 'taxPerMu', op: '>=', value: 1 } }),
      input({ form: { landArea: 100 } })
    );
    expect(r.reason.en).toBe(
      'Expected annual tax (10k CNY) missing: cannot compute Tax per mu (required at least CNY 10,000/mu).'
    );
  });
});

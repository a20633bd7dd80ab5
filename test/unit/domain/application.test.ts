import { describe, expect, it } from 'vitest';
import {
  FIELD_LABELS,
  checkDraft,
  checkSubmission,
  pathFactsFrom,
  requiredDocuments
} from '../../../src/lib/domain/application.ts';
import { checkIndustryCode } from '../../../src/lib/domain/industry-code.ts';
import { FACTS } from './workflow-helpers.ts';
import { COMPLETE_APPLICATION } from './application-fixture.ts';

/** A complete application as a browser form would post it (all text). */
const complete = COMPLETE_APPLICATION;

describe('application submit schema', () => {
  it('accepts a complete form and converts text to numbers and booleans', () => {
    const r = checkSubmission(complete);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value).toMatchObject({
        landArea: 12000,
        plotRatioAfter: 2,
        newlyTransferred: false,
        retainedInPlan: true,
        industryCode: 'C3511'
      });
    }
  });

  it('an empty submission lists every required field, in form order, in Chinese', () => {
    const r = checkSubmission({});
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const required = Object.keys(FIELD_LABELS).filter((f) => f !== 'retainedPlanKind');
    expect(r.problems.map((p) => p.field)).toEqual(required);
    expect(r.problems[0]).toEqual({
      field: 'enterpriseName',
      zh: '请填写“企业名称”。',
      en: '"Enterprise name" is missing.'
    });
    expect(r.problems.map((p) => p.zh)).toContain('请填写“土地出让合同约定容积率”。');
  });

  it('reports exactly what is missing and nothing else', () => {
    const { contactPhone: _p, landTitleNumber: _t, ...rest } = complete;
    const r = checkSubmission({ ...rest, description: '   ' });
    expect(r.ok ? [] : r.problems.map((p) => p.zh)).toEqual([
      '请填写“联系电话”。',
      '请填写“土地权证号”。',
      '请填写“项目内容简述”。'
    ]);
  });

  it('says what is wrong, field by field, all at once', () => {
    const r = checkSubmission({
      ...complete,
      uscc: '91310000MA1FL4XG4X',
      landArea: '-5',
      plotRatioAfter: 'abc',
      industryCode: 'C0511',
      contactPhone: '12345',
      authorityCode: 'beijing',
      retainedPlanKind: ''
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byField = Object.fromEntries(r.problems.map((p) => [p.field, p.zh]));
    expect(Object.keys(byField)).toEqual([
      'uscc',
      'contactPhone',
      'authorityCode',
      'landArea',
      'plotRatioAfter',
      'retainedPlanKind',
      'industryCode'
    ]);
    expect(byField.uscc).toContain('校验位不符');
    expect(byField.landArea).toBe('“用地面积（平方米）”应大于 0。');
    expect(byField.plotRatioAfter).toBe('“改造后容积率”应填写数字。');
    expect(byField.industryCode).toContain('大类 05 不属于门类 C');
    expect(byField.authorityCode).toContain('不在可选范围内');
    expect(byField.retainedPlanKind).toBe('已选择“在规划中保留”，请填写“保留所依据的规划”。');
  });

  it('the plan is asked only when the parcel is retained', () => {
    expect(checkSubmission({ ...complete, retainedInPlan: 'false', retainedPlanKind: '' }).ok).toBe(true);
  });
});

describe('drafts', () => {
  it('save with anything missing', () => {
    expect(checkDraft({})).toEqual({ ok: true, value: {} });
    expect(checkDraft({ enterpriseName: '某公司', landArea: '300' })).toEqual({
      ok: true,
      value: { enterpriseName: '某公司', landArea: 300 }
    });
  });
  it('still refuse a value of the wrong kind', () => {
    const r = checkDraft({ landArea: '三百' });
    expect(r.ok ? [] : r.problems).toEqual([
      { field: 'landArea', zh: '“用地面积（平方米）”应填写数字。', en: '"Land area (m²)" must be a number.' }
    ]);
  });
});

describe('industry code GB/T 4754-2017', () => {
  it('checks shape and section/division', () => {
    expect(checkIndustryCode('C3511')).toBeNull(); // 制造业 35 专用设备制造业
    expect(checkIndustryCode('C35')).toBeNull();
    expect(checkIndustryCode('I6510')).toBeNull(); // 软件开发
    expect(checkIndustryCode('C4411')).not.toBeNull(); // 44 is electricity (section D)
    expect(checkIndustryCode('3511')).not.toBeNull();
    expect(checkIndustryCode('C35111')).not.toBeNull();
    expect(checkIndustryCode('U01')).not.toBeNull();
  });
});

describe('documents and path facts', () => {
  it('requires the commitment only inside the boundary when not retained', () => {
    expect(requiredDocuments(FACTS.insideRetained)).toEqual(['boundary', 'land_title', 'land_contract']);
    expect(requiredDocuments(FACTS.insideNotRetained)).toEqual([
      'boundary',
      'land_title',
      'land_contract',
      'commitment'
    ]);
    expect(requiredDocuments(FACTS.outsideNotRetainedExceeding)).toEqual(['boundary', 'land_title', 'land_contract']);
  });
  it('derives path facts from the form and the classification', () => {
    const r = checkSubmission({ ...complete, authorityCode: 'lingang' });
    if (!r.ok) throw new Error('fixture invalid');
    expect(pathFactsFrom(r.value, 'outside_boundary', false)).toEqual({
      landType: 'outside_boundary',
      lingang: true,
      newlyTransferred: false,
      retainedInPlan: true,
      plotRatioAfter: 2,
      contractPlotRatio: 1.2
    });
  });
});

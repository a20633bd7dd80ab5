// The application form as the enterprise fills it in: how typed text is read (yes/no in words, numbers with
// separators, blanks), the exact boundaries of the numeric rules (0 is not a land area but is a valid tax),
// and what each problem line says, in form order.
import { describe, expect, it } from 'vitest';
import { checkDraft, checkSubmission, describeIssues, pathFactsFrom } from '../../../src/lib/domain/application.ts';
import { COMPLETE_APPLICATION } from './application-fixture.ts';

const complete: Record<string, unknown> = COMPLETE_APPLICATION;
const problems = (o: Record<string, unknown>) => {
  const r = checkSubmission({ ...complete, ...o });
  return r.ok ? [] : r.problems;
};

describe('yes / no answers', () => {
  it('checkbox and Chinese words count as yes and no', () => {
    for (const [v, b] of [
      ['on', true],
      ['是', true],
      ['true', true],
      [true, true],
      ['off', false],
      ['否', false],
      ['false', false],
      [false, false]
    ] as const) {
      const r = checkDraft({ newlyTransferred: v });
      expect(r.ok && r.value.newlyTransferred, String(v)).toBe(b);
    }
  });
  it('anything else is refused as not a yes or no', () => {
    const r = checkDraft({ newlyTransferred: 'maybe' });
    expect(r).toEqual({
      ok: false,
      problems: [
        {
          field: 'newlyTransferred',
          zh: '“是否新出让土地”应填写“是”或“否”。',
          en: '"Newly transferred land" must be yes or no.'
        }
      ]
    });
  });
});

describe('text and blanks', () => {
  it('text is trimmed; whitespace only is blank, and a draft drops blanks of every kind', () => {
    const r = checkDraft({
      enterpriseName: '  示例公司 ',
      contactPerson: '   ',
      description: null,
      industryCode: ' c3511 ',
      landArea: ' '
    });
    expect(r).toEqual({ ok: true, value: { enterpriseName: '示例公司', industryCode: 'C3511' } });
  });
  it('a draft that is not an object is refused, not crashed on', () => {
    expect(checkDraft(null).ok).toBe(false);
    expect(checkDraft(['x']).ok).toBe(false);
    expect(checkDraft('x').ok).toBe(false);
  });
  it('a number typed as words is refused as not a number; too long a text says the limit', () => {
    expect(checkDraft({ landArea: '一万' })).toEqual({
      ok: false,
      problems: [
        { field: 'landArea', zh: '“用地面积（平方米）”应填写数字。', en: '"Land area (m²)" must be a number.' }
      ]
    });
    expect(checkDraft({ contactPerson: '张'.repeat(51) })).toEqual({
      ok: false,
      problems: [
        {
          field: 'contactPerson',
          zh: '“联系人”过长（最多 50 字）。',
          en: '"Contact person" is too long (at most 50 characters).'
        }
      ]
    });
    expect(checkDraft({ contactPerson: '张'.repeat(50) }).ok).toBe(true);
  });
  it('a value outside a list says to pick from the list', () => {
    expect(checkDraft({ authorityCode: 'atlantis' })).toEqual({
      ok: false,
      problems: [
        {
          field: 'authorityCode',
          zh: '“所在区”的取值不在可选范围内，请从列表中选择。',
          en: '"District" is not one of the allowed values; pick one from the list.'
        }
      ]
    });
  });
});

describe('numeric rules at their boundaries', () => {
  it('land area, planned floor area, plot ratio after, contract plot ratio and investment must be above 0', () => {
    for (const f of ['landArea', 'floorAreaPlanned', 'plotRatioAfter', 'contractPlotRatio', 'investment']) {
      const p = problems({ [f]: '0' });
      expect(
        p.map((x) => x.field),
        f
      ).toEqual([f]);
      expect(p[0].zh).toMatch(/”应大于 0。$/);
      expect(p[0].en).toMatch(/" must be greater than 0\.$/);
    }
    expect(problems({ landArea: '0.01' })).toEqual([]);
  });
  it('existing floor area, plot ratio before, output, tax and energy may be 0 but not negative', () => {
    for (const f of [
      'floorAreaExisting',
      'plotRatioBefore',
      'expectedAnnualOutput',
      'expectedAnnualTax',
      'annualEnergyUse'
    ]) {
      expect(problems({ [f]: '0' }), f).toEqual([]);
      const p = problems({ [f]: '-1' });
      expect(
        p.map((x) => x.field),
        f
      ).toEqual([f]);
    }
    expect(problems({ expectedAnnualTax: '-0.5' })).toEqual([
      {
        field: 'expectedAnnualTax',
        zh: '“预计年税收（万元）”不能为负数。',
        en: '"Expected annual tax (10k CNY)" cannot be negative.'
      }
    ]);
  });
  it('a phone number with spaces is read without them; a wrong one says what is expected', () => {
    expect(problems({ contactPhone: '138 1234 5678' })).toEqual([]);
    expect(problems({ contactPhone: '021-12345678-123' })).toEqual([]);
    expect(problems({ contactPhone: '12345' })).toEqual([
      {
        field: 'contactPhone',
        zh: '联系电话格式不正确：请填写11位手机号或带区号的固定电话（如 021-12345678）。',
        en: 'Phone number not recognised: enter an 11-digit mobile number or a landline such as 021-12345678.'
      }
    ]);
  });
});

describe('problem lines', () => {
  it('every problem of one submit at once, in form order, the plan question included', () => {
    const p = problems({ annualEnergyUse: '-1', landArea: '', contactPhone: 'x', retainedPlanKind: '' });
    expect(p.map((x) => x.field)).toEqual(['contactPhone', 'landArea', 'retainedPlanKind', 'annualEnergyUse']);
    expect(p[1]).toEqual({ field: 'landArea', zh: '请填写“用地面积（平方米）”。', en: '"Land area (m²)" is missing.' });
    expect(p[2]).toEqual({
      field: 'retainedPlanKind',
      zh: '已选择“在规划中保留”，请填写“保留所依据的规划”。',
      en: '"Retained in the plan" is yes: say which plan retains the parcel.'
    });
  });
  it('an issue on a field the form does not know is named by its key and listed last', () => {
    const p = describeIssues(
      [
        { code: 'custom', path: ['extra'], message: 'x', input: 1 },
        { code: 'invalid_type', expected: 'date', path: ['landArea'], message: 'x', input: 'x' }
      ] as never,
      { extra: 1, landArea: 'x' }
    );
    expect(p).toEqual([
      { field: 'landArea', zh: '“用地面积（平方米）”应填写正确格式。', en: '"Land area (m²)" must be a valid value.' },
      { field: 'extra', zh: '“extra”填写有误。', en: '"extra" is not valid.' }
    ]);
    expect(describeIssues([{ code: 'too_small', path: [], message: 'x', input: 1 }] as never, null)).toEqual([
      { field: '', zh: '请填写“”。', en: '"" is missing.' }
    ]);
  });
});

describe('path facts from the form', () => {
  it('unknown answers count as no; Lingang from the classification or the chosen district', () => {
    expect(pathFactsFrom({}, 'reserve', false)).toEqual({
      landType: 'reserve',
      lingang: false,
      newlyTransferred: false,
      retainedInPlan: false,
      plotRatioAfter: null,
      contractPlotRatio: null
    });
    expect(
      pathFactsFrom(
        {
          authorityCode: 'lingang',
          newlyTransferred: true,
          retainedInPlan: true,
          plotRatioAfter: 2,
          contractPlotRatio: 1.5
        },
        null,
        false
      )
    ).toEqual({
      landType: null,
      lingang: true,
      newlyTransferred: true,
      retainedInPlan: true,
      plotRatioAfter: 2,
      contractPlotRatio: 1.5
    });
    expect(pathFactsFrom({ authorityCode: 'pudong' }, 'reserve', true).lingang).toBe(true);
  });
});

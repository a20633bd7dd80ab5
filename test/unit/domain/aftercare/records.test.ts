// What is recorded after recognition (二.4, 二.5, 附件 三.2): the land contract's terms, the yearly figures,
// the as-built survey and its sign-off, and the tracking milestones' due dates. Who may record each, in
// which stages, and what a record must say.
import { describe, expect, it } from 'vitest';
import {
  checkContractTerms,
  contractTermsSchema,
  aftercareScope,
  type ContractTerms
} from '../../../../src/lib/domain/aftercare/terms.ts';
import {
  checkPerformanceConfirm,
  checkPerformanceEntry,
  parsePerformance,
  type PerformanceRecord
} from '../../../../src/lib/domain/aftercare/performance.ts';
import {
  checkSignoff,
  checkSurveyUpload,
  floorAreaOf,
  floorsFromAttributes,
  floorsFromLabels
} from '../../../../src/lib/domain/aftercare/asbuilt.ts';
import {
  milestoneLabel,
  milestoneSchedule,
  milestoneStatus,
  overdueMilestones
} from '../../../../src/lib/domain/aftercare/milestones.ts';
import { initialState } from '../../../../src/lib/domain/workflow.ts';
import type { Actor } from '../../../../src/lib/domain/permissions.ts';
import { ROLES, type Role } from '../../../../src/lib/domain/roles.ts';
import { STAGES, type Stage } from '../../../../src/lib/domain/workflow-model.ts';

const stateAt = (stage: Stage) => ({ ...initialState('p1', 'pudong', 'owner'), stage });
const actor = (role: Role, department?: string): Actor => ({
  id: role === 'enterprise' ? 'owner' : `u-${role}`,
  role,
  authorityCode: role === 'lingang_committee' ? 'lingang' : role.startsWith('district_') ? 'pudong' : null,
  department
});
const TERMS: ContractTerms = { investmentIntensity: 500, fullProductionBy: '2026-06-30', documentId: 'f1' };
const allowed = (check: (a: Actor) => unknown) => ROLES.filter((r) => check(actor(r)) === null);

describe('scope and stage of every after-recognition record', () => {
  it('only at decision, recognised or tracking', () => {
    const open = STAGES.filter((s) => aftercareScope(stateAt(s), actor('district_industry')) === null);
    expect(open).toEqual(['decision', 'recognised', 'tracking']);
    expect(aftercareScope(stateAt('joint_review'), actor('district_industry'))).toMatchObject({
      status: 409,
      code: 'not_recognised'
    });
  });
  it('not for a project the actor cannot see', () => {
    const xuhui: Actor = { id: 'x', role: 'district_industry', authorityCode: 'xuhui' };
    expect(aftercareScope(stateAt('tracking'), xuhui)).toMatchObject({ status: 403, code: 'not_visible' });
    expect(checkContractTerms(stateAt('tracking'), xuhui, TERMS)?.code).toBe('not_visible');
  });
});

describe('contract terms', () => {
  it('are recorded by the district lead or corrected by the city SHEITC, nobody else', () => {
    expect(allowed((a) => checkContractTerms(stateAt('recognised'), a, TERMS))).toEqual([
      'district_industry',
      'city_sheitc'
    ]);
    expect(checkContractTerms(stateAt('recognised'), actor('district_government'), TERMS)).toMatchObject({
      status: 403,
      code: 'role_not_allowed'
    });
    expect(checkContractTerms(stateAt('draft'), actor('district_industry'), TERMS)?.code).toBe('not_recognised');
  });

  it('need at least one indicator; any one suffices', () => {
    const none = { fullProductionBy: '2026-06-30', documentId: 'f1' };
    expect(checkContractTerms(stateAt('tracking'), actor('district_industry'), none)).toMatchObject({
      status: 400,
      code: 'terms_empty'
    });
    for (const k of ['plotRatioMin', 'plotRatioMax', 'investmentIntensity', 'outputPerMu', 'taxPerMu']) {
      expect(checkContractTerms(stateAt('tracking'), actor('district_industry'), { ...none, [k]: 1.5 }), k).toBeNull();
    }
  });

  it('a plot-ratio range whose minimum exceeds its maximum is refused, a single value is fine', () => {
    const r = checkContractTerms(stateAt('tracking'), actor('district_industry'), {
      ...TERMS,
      plotRatioMin: 2.5,
      plotRatioMax: 2.0
    });
    expect(r).toMatchObject({ code: 'plot_ratio_range' });
    expect(r!.zh).toBe('容积率下限（2.5）不能大于上限（2）。');
    expect(
      checkContractTerms(stateAt('tracking'), actor('district_industry'), {
        ...TERMS,
        plotRatioMin: 2,
        plotRatioMax: 2
      })
    ).toBeNull();
  });

  it('the schedule runs start ≤ completion ≤ full production (equal dates allowed)', () => {
    const c = (o: Partial<ContractTerms>) =>
      checkContractTerms(stateAt('tracking'), actor('district_industry'), { ...TERMS, ...o });
    expect(c({ startBy: '2025-05-01', completeBy: '2025-04-30' })?.en).toBe(
      'The start deadline cannot be after the completion deadline.'
    );
    expect(c({ completeBy: '2026-07-01' })?.en).toBe(
      'The completion deadline cannot be after the full-production date.'
    );
    expect(c({ startBy: '2025-05-01', completeBy: '2025-05-01' })).toBeNull();
    expect(c({ completeBy: '2026-06-30' })).toBeNull();
    expect(c({ startBy: '2027-01-01' })).toBeNull(); // no completion date: nothing to compare the start with
  });

  it("the form's text is read leniently: thousands separators, blanks as absent; wrong values are refused", () => {
    const ok = contractTermsSchema.parse({
      investmentIntensity: '1,200',
      outputPerMu: '',
      taxPerMu: null,
      startBy: ' ',
      contractNo: '  沪规土(2019)12号 ',
      note: '',
      fullProductionBy: '2026-06-30',
      documentId: 'f1'
    });
    expect(ok).toMatchObject({ investmentIntensity: 1200, contractNo: '沪规土(2019)12号' });
    expect(ok.outputPerMu).toBeUndefined();
    expect(ok.taxPerMu).toBeUndefined();
    expect(ok.startBy).toBeUndefined();
    expect(ok.note).toBeUndefined();
    expect(contractTermsSchema.parse({ ...TERMS, outputPerMu: '1，200' }).outputPerMu).toBe(1200);
    for (const bad of [
      { plotRatioMin: 'abc' },
      { plotRatioMin: 0 },
      { plotRatioMin: -1 },
      { plotRatioMax: 2e9 },
      { fullProductionBy: '2026-13-01' },
      { startBy: '30/06/2026' },
      { documentId: '' }
    ]) {
      expect(contractTermsSchema.safeParse({ ...TERMS, ...bad }).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('yearly figures', () => {
  const row = { year: 2025, taxWan: '1,100', outputWan: 24000, investmentWan: 0, employees: '80' };
  it('are read from the form or a spreadsheet row', () => {
    expect(parsePerformance(row, 2026)).toEqual({
      ok: true,
      value: { year: 2025, taxWan: 1100, outputWan: 24000, investmentWan: 0, employees: 80 }
    });
  });

  it('a year is reported after it ends, and not before 2020', () => {
    const p = parsePerformance({ ...row, year: 2026 }, 2026);
    expect(p).toEqual({
      ok: false,
      problems: [
        {
          field: 'year',
          zh: '年度应在 2020–2025 之间（当年实绩须在年度结束后填报），现为 2026',
          en: "The year must be 2020–2025 (a year's figures are reported after it ends); got 2026"
        }
      ]
    });
    expect(parsePerformance({ ...row, year: 2019 }, 2026).ok).toBe(false);
    expect(parsePerformance({ ...row, year: 2020 }, 2026).ok).toBe(true);
  });

  it('each wrong column is named with what it holds', () => {
    const p = parsePerformance({ year: 2025, taxWan: -1, outputWan: 'abc', investmentWan: '', employees: 1.5 }, 2026);
    expect(p.ok).toBe(false);
    if (p.ok) return;
    expect(p.problems).toEqual([
      {
        field: 'taxWan',
        zh: '“税收（万元）”应为不小于 0 的数字（现为 -1）',
        en: '"Tax (10k CNY)" must be a number ≥ 0 (got -1)'
      },
      {
        field: 'outputWan',
        zh: '“产值（万元）”应为不小于 0 的数字（现为 abc）',
        en: '"Output (10k CNY)" must be a number ≥ 0 (got abc)'
      },
      {
        field: 'investmentWan',
        zh: '“当年固定资产投资（万元）”应为不小于 0 的数字（现为 空）',
        en: '"Fixed-asset investment that year (10k CNY)" must be a number ≥ 0 (got empty)'
      },
      {
        field: 'employees',
        zh: '“从业人数（人）”应为非负整数（现为 1.5）',
        en: '"Employees" must be a whole number ≥ 0 (got 1.5)'
      }
    ]);
    const y = parsePerformance({ ...row, year: null }, 2026);
    expect(!y.ok && y.problems[0]).toMatchObject({ field: 'year', zh: '“年度”应为非负整数（现为 空）' });
  });

  it('are entered by the enterprise or the district lead; a confirmed year is closed to the enterprise', () => {
    expect(allowed((a) => checkPerformanceEntry(stateAt('tracking'), a, undefined))).toEqual([
      'enterprise',
      'district_industry'
    ]);
    const confirmed: PerformanceRecord = {
      year: 2025,
      taxWan: 1,
      outputWan: 1,
      investmentWan: 1,
      employees: 1,
      status: 'confirmed',
      source: 'enterprise'
    };
    expect(checkPerformanceEntry(stateAt('tracking'), actor('enterprise'), confirmed)).toMatchObject({
      status: 409,
      code: 'already_confirmed'
    });
    expect(checkPerformanceEntry(stateAt('tracking'), actor('district_industry'), confirmed)).toBeNull();
    expect(
      checkPerformanceEntry(stateAt('tracking'), actor('enterprise'), { ...confirmed, status: 'entered' })
    ).toBeNull();
    expect(checkPerformanceEntry(stateAt('submitted'), actor('enterprise'), undefined)?.code).toBe('not_recognised');
  });

  it('are confirmed by the district lead only, once, and only when entered', () => {
    const entered: PerformanceRecord = {
      year: 2025,
      taxWan: 1,
      outputWan: 1,
      investmentWan: 1,
      employees: 1,
      status: 'entered',
      source: 'enterprise'
    };
    expect(allowed((a) => checkPerformanceConfirm(stateAt('tracking'), a, entered, 2025))).toEqual([
      'district_industry'
    ]);
    expect(checkPerformanceConfirm(stateAt('tracking'), actor('district_industry'), undefined, 2024)).toMatchObject({
      status: 409,
      code: 'nothing_to_confirm',
      zh: '没有 2024 年的实绩可确认。'
    });
    expect(
      checkPerformanceConfirm(
        stateAt('tracking'),
        actor('district_industry'),
        { ...entered, status: 'confirmed' },
        2025
      )
    ).toMatchObject({ status: 409, code: 'already_confirmed' });
    expect(checkPerformanceConfirm(stateAt('draft'), actor('district_industry'), entered, 2025)?.code).toBe(
      'not_recognised'
    );
  });
});

describe('as-built survey', () => {
  it('is uploaded by the district lead, the district planning department or the city planning bureau', () => {
    expect(allowed((a) => checkSurveyUpload(stateAt('tracking'), a))).toEqual(['district_industry', 'city_planning']);
    expect(checkSurveyUpload(stateAt('tracking'), actor('district_department', 'planning_resources'))).toBeNull();
    expect(checkSurveyUpload(stateAt('tracking'), actor('district_department', 'ecology_environment'))).toMatchObject({
      status: 403,
      code: 'role_not_allowed'
    });
    expect(checkSurveyUpload(stateAt('returned'), actor('city_planning'))?.code).toBe('not_recognised');
  });

  it('is signed off by the city planning bureau, once; 不通过 needs a reason', () => {
    const survey = { signoff: null };
    expect(allowed((a) => checkSignoff(stateAt('tracking'), a, survey, { result: 'pass' }))).toEqual(['city_planning']);
    const s = (sv: { signoff: string | null } | null, input: { result: 'pass' | 'fail'; reason?: string }) =>
      checkSignoff(stateAt('tracking'), actor('city_planning'), sv, input);
    expect(s(null, { result: 'pass' })).toMatchObject({ status: 409, code: 'no_survey' });
    expect(s({ signoff: 'pass' }, { result: 'pass' })).toMatchObject({ status: 409, code: 'already_signed' });
    expect(s(survey, { result: 'fail' })).toMatchObject({ status: 400, code: 'reason_missing' });
    expect(s(survey, { result: 'fail', reason: '  ' })?.code).toBe('reason_missing');
    expect(s(survey, { result: 'fail', reason: '超出用地红线' })).toBeNull();
    expect(checkSignoff(stateAt('withdrawn'), actor('city_planning'), survey, { result: 'pass' })?.code).toBe(
      'not_recognised'
    );
  });

  it("reads floors and floor area from surveyors' attribute names, whatever their case and padding", () => {
    expect(floorsFromAttributes({ ' jzcs ': '5层', 建筑面积: '1,200.5' })).toEqual({
      floors: 5,
      floorAreaM2: 1200.5,
      source: { zh: '属性 JZCS、建筑面积', en: 'attribute JZCS, 建筑面积' },
      label: null
    });
    expect(floorsFromAttributes({ FLOORS: 4.6 })).toMatchObject({
      floors: 5,
      floorAreaM2: null,
      source: { en: 'attribute FLOORS' }
    });
    expect(floorsFromAttributes({ GFA: 800 })).toMatchObject({ floors: null, floorAreaM2: 800 });
    // zero, negative, infinite or wordless values are no reading; the next known name is tried
    expect(floorsFromAttributes({ FLOORS: 0, STOREYS: 3 })?.floors).toBe(3);
    expect(floorsFromAttributes({ FLOORS: -2, GFA: Infinity, NAME: '3' })).toBeNull();
    expect(floorsFromAttributes({ FLOORS: '无', GFA: true })).toBeNull();
  });

  it('reads floors and area from CAD text inside the footprint', () => {
    expect(floorsFromLabels(['5F'])).toMatchObject({ floors: 5, floorAreaM2: null, label: '5F' });
    expect(floorsFromLabels(['地上 12 层', '建筑面积：1,200.5㎡'])).toEqual({
      floors: 12,
      floorAreaM2: 1200.5,
      source: { zh: 'CAD 注记', en: 'CAD text' },
      label: '地上 12 层 / 建筑面积：1200.5㎡'
    });
    expect(floorsFromLabels(['3/F'])?.floors).toBe(3);
    expect(floorsFromLabels(['层数: 7'])?.floors).toBe(7);
    expect(floorsFromLabels(['GFA 950'])).toMatchObject({ floors: null, floorAreaM2: 950 });
    expect(floorsFromLabels(['980 m2'])?.floorAreaM2).toBe(980);
    expect(floorsFromLabels(['6层 建筑面积 3000'])).toMatchObject({
      floors: 6,
      floorAreaM2: 3000,
      label: '6层 建筑面积 3000'
    });
    expect(floorsFromLabels(['4F', '9F'])?.floors).toBe(4); // the first reading counts
    expect(floorsFromLabels(['厂房', 'A栋'])).toBeNull();
  });

  it('counts a building with its stated floor area, else floors × footprint', () => {
    expect(floorAreaOf({ floors: 3, floorAreaM2: 1000, source: { zh: '', en: '' }, label: null }, 400)).toBe(1000);
    expect(floorAreaOf({ floors: 3, floorAreaM2: null, source: { zh: '', en: '' }, label: null }, 400)).toBe(1200);
    expect(floorAreaOf({ floors: null, floorAreaM2: null, source: { zh: '', en: '' }, label: null }, 400)).toBeNull();
    expect(floorAreaOf(null, 400)).toBeNull();
  });
});

describe('tracking milestones', () => {
  const terms = { startBy: '2025-03-01', completeBy: '2025-12-31', fullProductionBy: '2026-06-30' };
  it('fall due from the contract schedule, in the order of the tracking list', () => {
    expect(milestoneSchedule(terms).map((m) => [m.milestone, m.due])).toEqual([
      ['eia_filed', '2024-12-31'],
      ['eia_approved', '2025-03-01'],
      ['planning_check', '2025-12-31'],
      ['construction_permit', '2025-03-01'],
      ['construction_start', '2025-03-01'],
      ['completion_acceptance', '2025-12-31'],
      ['operation', '2026-06-30'],
      ['post_evaluation', '2028-05-31']
    ]);
    expect(milestoneSchedule(terms)[7].basis.zh).toBe('达产后首个完整年度（2027）实绩报齐后');
    expect(milestoneSchedule(null)).toEqual([]);
  });

  it('a contract without start or completion dates schedules only what follows from 达产', () => {
    expect(milestoneSchedule({ fullProductionBy: '2026-01-01' }).map((m) => [m.milestone, m.due])).toEqual([
      ['operation', '2026-01-01'],
      ['post_evaluation', '2027-05-31']
    ]);
  });

  it('are late when unrecorded after the due date, or recorded after it, by whole days', () => {
    const sched = milestoneSchedule(terms).filter((m) =>
      ['eia_filed', 'construction_start', 'operation'].includes(m.milestone)
    );
    const st = milestoneStatus(
      sched,
      [
        { milestone: 'construction_start', date: '2025-03-11' },
        { milestone: 'construction_start', date: '2025-03-05' },
        { milestone: 'eia_filed', date: '2024-12-31' }
      ],
      '2026-07-02'
    );
    expect(st.map((s) => [s.milestone, s.recordedOn, s.late, s.daysLate])).toEqual([
      ['eia_filed', '2024-12-31', false, 0],
      ['construction_start', '2025-03-05', true, 4], // the first record counts
      ['operation', null, true, 2]
    ]);
    expect(overdueMilestones(st).map((s) => s.milestone)).toEqual(['operation']);
    expect(milestoneStatus(sched, [], '2024-12-31').every((s) => !s.late && s.daysLate === 0)).toBe(true);
  });

  it('have bilingual labels', () => expect(milestoneLabel('construction_start').zh).toBeTruthy());
});

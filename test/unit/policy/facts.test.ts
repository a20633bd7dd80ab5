// Path-deciding facts confirmed by the district planning department (issue 12, item 8).
import { describe, expect, it } from 'vitest';
import {
  applyConfirmed,
  checkConfirmFact,
  pathChanges,
  recordConfirmation
} from '../../../src/lib/domain/policy/facts.ts';
import { pathOf } from '../../../src/lib/domain/paths.ts';
import { FACTS, actorsFor } from '../domain/workflow-helpers.ts';

const A = actorsFor('pudong');
const state = { authorityCode: 'pudong', ownerId: 'ent-owner', stage: 'joint_review' as const };

describe('confirming the facts that decide the path', () => {
  it('only the planning side, only during the review', () => {
    const input = { fact: 'retainedInPlan' as const, value: true };
    expect(checkConfirmFact(state, A.district_department, input, FACTS.insideRetained)).toBeNull();
    expect(checkConfirmFact(state, A.city_planning, input, FACTS.insideRetained)).toBeNull();
    expect(checkConfirmFact(state, A.district_industry, input, FACTS.insideRetained)).toMatchObject({
      status: 403,
      code: 'not_planning_department'
    });
    expect(
      checkConfirmFact(
        state,
        { ...A.district_department, department: 'ecology_environment' },
        input,
        FACTS.insideRetained
      )
    ).toMatchObject({ status: 403 });
    expect(
      checkConfirmFact({ ...state, stage: 'submitted' }, A.district_department, input, FACTS.insideRetained)
    ).toMatchObject({ status: 409 });
    expect(
      checkConfirmFact({ ...state, stage: 'tracking' }, A.district_department, input, FACTS.insideRetained)
    ).toMatchObject({ status: 409 });
  });

  it('a confirmation equal to the declaration needs no reason; a correction does; types must fit', () => {
    expect(
      checkConfirmFact(state, A.district_department, { fact: 'plotRatioAfter', value: 1.5 }, FACTS.insideRetained)
    ).toBeNull();
    expect(
      checkConfirmFact(state, A.district_department, { fact: 'plotRatioAfter', value: 2.4 }, FACTS.insideRetained)
    ).toMatchObject({ status: 400, code: 'correction_reason_missing' });
    expect(
      checkConfirmFact(
        state,
        A.district_department,
        { fact: 'plotRatioAfter', value: 2.4, reason: '按规划许可核定' },
        FACTS.insideRetained
      )
    ).toBeNull();
    expect(
      checkConfirmFact(state, A.district_department, { fact: 'plotRatioAfter', value: true }, FACTS.insideRetained)
    ).toMatchObject({ code: 'bad_fact_value' });
  });

  it('a correction re-derives the path: not retained inside the boundary → commitment; newly transferred in a reserve → city review', () => {
    const c = {
      retainedInPlan: recordConfirmation(
        FACTS.insideRetained,
        { fact: 'retainedInPlan', value: false, reason: '控详规划未保留' },
        'plan',
        '2026-11-30T00:00:00Z'
      )
    };
    expect(c.retainedInPlan).toMatchObject({ corrected: true, declared: true, value: false });
    const after = pathOf(applyConfirmed(FACTS.insideRetained, c));
    expect(after.commitmentRequired).toBe(true);
    expect(pathChanges(pathOf(FACTS.insideRetained), after)).toEqual([
      { flag: 'commitmentRequired', from: false, to: true }
    ]);
    const reserve = applyConfirmed(FACTS.reserveExisting, {
      newlyTransferred: recordConfirmation(
        FACTS.reserveExisting,
        { fact: 'newlyTransferred', value: true, reason: '新出让' },
        'p',
        'x'
      )
    });
    expect(pathOf(reserve).cityReview).toBe(true);
  });

  it('the 报备 uses the confirmed plot ratio, at the exact boundary (equal to the contract is not above it)', () => {
    const outside = FACTS.outsideNotRetainedWithin; // declared 1.0, contract 1.2
    const at = (v: number) =>
      pathOf(
        applyConfirmed(outside, {
          plotRatioAfter: recordConfirmation(outside, { fact: 'plotRatioAfter', value: v, reason: '核定' }, 'p', 'x')
        })
      );
    expect(at(1.2).filingRequired).toBe(false);
    expect(at(1.21).filingRequired).toBe(true);
  });
});

describe('what the planning side reads', () => {
  const input = { fact: 'retainedInPlan' as const, value: true };

  it("another district's planning department does not see the project at all", () =>
    expect(checkConfirmFact(state, actorsFor('jiading').district_department, input, FACTS.insideRetained)).toEqual({
      status: 403,
      code: 'not_visible',
      zh: '您无权查看该项目。',
      en: 'You cannot see this project.'
    }));

  it('refusals name the clause and say who confirms, and when', () => {
    expect(checkConfirmFact(state, A.district_industry, input, FACTS.insideRetained)).toEqual({
      status: 403,
      code: 'not_planning_department',
      clause: '一.4(2)',
      zh: '决定办理路径的事实由区规划资源部门（或市规划资源局）核实（一.4(2)）',
      en: 'Path-deciding facts are confirmed by the district planning department (or the city planning bureau) (clause 一.4(2))'
    });
    expect(checkConfirmFact({ ...state, stage: 'decision' }, A.city_planning, input, FACTS.insideRetained)).toBeNull();
    expect(checkConfirmFact({ ...state, stage: 'recognised' }, A.city_planning, input, FACTS.insideRetained)).toEqual({
      status: 409,
      code: 'stage_conflict',
      clause: '一.2',
      zh: '仅在受理后、认定前的审核阶段核实事实（一.2）',
      en: 'Facts are confirmed during the review, after acceptance and before the decision (clause 一.2)'
    });
  });

  it('a value of the wrong type says which type the fact needs', () => {
    const bad = (fact: 'plotRatioAfter' | 'newlyTransferred', value: boolean | number) =>
      checkConfirmFact(state, A.district_department, { fact, value }, FACTS.insideRetained);
    expect(bad('plotRatioAfter', true)).toEqual({
      status: 400,
      code: 'bad_fact_value',
      zh: '“改造后容积率”应填写数字。',
      en: '"Plot ratio after renovation" needs a number.'
    });
    expect(bad('newlyTransferred', 2)).toMatchObject({
      zh: '“是否新出让土地”应填写是或否。',
      en: '"Newly transferred land" needs yes or no.'
    });
  });

  it('a correction without a reason (blank counts as none) says what was declared, or that it was blank', () => {
    const correct = (value: number, reason: string | undefined, facts = FACTS.insideRetained) =>
      checkConfirmFact(state, A.district_department, { fact: 'plotRatioAfter', value, reason }, facts);
    expect(correct(2.4, '   ')).toMatchObject({
      clause: '一.4(3)',
      zh: '更正“改造后容积率”（申报为 1.5）须说明理由（一.4(3)）',
      en: 'Correcting "Plot ratio after renovation" (declared 1.5) needs a reason (clause 一.4(3))'
    });
    expect(correct(2.4, undefined, { ...FACTS.insideRetained, plotRatioAfter: null })).toMatchObject({
      zh: '更正“改造后容积率”（申报为 未填）须说明理由（一.4(3)）',
      en: 'Correcting "Plot ratio after renovation" (declared blank) needs a reason (clause 一.4(3))'
    });
  });

  it('the record says whether the value was corrected and keeps the trimmed reason, or none', () => {
    expect(
      recordConfirmation(FACTS.insideRetained, { fact: 'retainedInPlan', value: true, reason: '  ' }, 'p', 't')
    ).toEqual({ value: true, declared: true, corrected: false, reason: null, by: 'p', at: 't' });
    expect(
      recordConfirmation(FACTS.insideRetained, { fact: 'plotRatioAfter', value: 2, reason: ' 核定 ' }, 'p', 't')
    ).toEqual({ value: 2, declared: 1.5, corrected: true, reason: '核定', by: 'p', at: 't' });
    expect(
      recordConfirmation(FACTS.insideRetained, { fact: 'newlyTransferred', value: false }, 'p', 't').reason
    ).toBeNull();
  });

  it('without confirmations the declarations stand', () => {
    expect(applyConfirmed(FACTS.insideRetained, null)).toEqual(FACTS.insideRetained);
    expect(applyConfirmed(FACTS.insideRetained, undefined)).toEqual(FACTS.insideRetained);
  });

  it('every path flag a correction can change is reported', () => {
    const before = pathOf(FACTS.reserveExisting);
    expect(
      pathChanges(before, { ...before, cityReview: true, planAdjustmentRequired: true, filingRequired: true })
    ).toEqual([
      { flag: 'cityReview', from: false, to: true },
      { flag: 'planAdjustmentRequired', from: false, to: true },
      { flag: 'filingRequired', from: false, to: true }
    ]);
  });
});

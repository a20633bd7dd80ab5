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

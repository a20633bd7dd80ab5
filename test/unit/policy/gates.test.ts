// The positive list as a gate (一.3、一.4), the guideline's period of force, and 新建/改建/扩建 on the commitment path.
import { describe, expect, it } from 'vitest';
import { checkPositiveList, MIN_JUSTIFICATION, positiveGaps } from '../../../src/lib/domain/policy/positive-list.ts';
import {
  checkNewVersion,
  checkPolicyInForce,
  latestStarted,
  versionInForce,
  type PolicyVersion
} from '../../../src/lib/domain/policy/versions.ts';
import { allowedConstructionTypes, checkConstructionType } from '../../../src/lib/domain/policy/construction-type.ts';
import { pathOf } from '../../../src/lib/domain/paths.ts';
import { checkSubmission } from '../../../src/lib/domain/application.ts';
import { FACTS } from '../domain/workflow-helpers.ts';

const r = (criterionId: string, list: string, status: string) => ({
  criterionId,
  list,
  status,
  title: { zh: `标准${criterionId}`, en: `Criterion ${criterionId}` },
  clause: '4号 二.1'
});

describe('positive list gate', () => {
  const results = [
    r('P1', 'positive', 'pass'),
    r('P2', 'positive', 'needs_review'),
    r('N1', 'negative', 'fail'),
    r('P3', 'positive', 'fail'),
    r('N2', 'negative', 'needs_review')
  ];

  it('lists positive criteria that fail or are unjudged, failures first; negative ones are the other gate', () => {
    expect(positiveGaps(results).map((g) => [g.criterionId, g.status])).toEqual([
      ['P3', 'fail'],
      ['P2', 'needs_review']
    ]);
    expect(positiveGaps([r('P1', 'positive', 'pass')])).toEqual([]);
  });

  it('needs a justification of at least 4 characters when any gap remains; names 正面清单 and the clause', () => {
    const gaps = positiveGaps(results);
    const refused = checkPositiveList(gaps, null)!;
    expect(refused).toMatchObject({ status: 409, code: 'positive_list_not_met' });
    expect(refused.zh).toContain('正面清单');
    expect(refused.zh).toContain('一.3');
    expect(refused.en).toContain('positive list');
    expect(checkPositiveList(gaps, 'x'.repeat(MIN_JUSTIFICATION - 1))).not.toBeNull();
    expect(checkPositiveList(gaps, '   ')).not.toBeNull();
    expect(checkPositiveList(gaps, '区政府常务会议研究同意')).toBeNull();
    expect(checkPositiveList(gaps, 'x'.repeat(MIN_JUSTIFICATION))).toBeNull();
    expect(checkPositiveList([], null)).toBeNull();
  });
});

describe('period of force', () => {
  const original: PolicyVersion = {
    id: 1,
    docNumber: '沪经信规范〔2020〕9号',
    title: '规划产业区块外优质项目认定工作指引',
    kind: 'original',
    effectiveFrom: '2020-10-26',
    effectiveTo: '2025-10-25',
    basedOn: null,
    sample: false,
    note: ''
  };
  const extension: PolicyVersion = {
    ...original,
    id: 2,
    docNumber: '延期',
    kind: 'extension',
    effectiveFrom: '2025-10-26',
    effectiveTo: '2027-10-25',
    basedOn: 1
  };

  it('is in force from 2020-10-26 to 2025-10-25 inclusive, not a day longer', () => {
    expect(versionInForce([original], '2020-10-25')).toBeNull();
    expect(versionInForce([original], '2020-10-26')?.id).toBe(1);
    expect(versionInForce([original], '2025-10-25')?.id).toBe(1);
    expect(versionInForce([original], '2025-10-26')).toBeNull();
    expect(latestStarted([original], '2026-11-30')?.id).toBe(1);
  });

  it('refuses recognition after expiry until an extension or successor is recorded', () => {
    const refused = checkPolicyInForce([original], '2026-11-30')!;
    expect(refused).toMatchObject({ status: 409, code: 'policy_expired' });
    expect(refused.zh).toContain('沪经信规范〔2020〕9号');
    expect(refused.zh).toContain('2025-10-25');
    expect(checkPolicyInForce([original], '2025-10-25')).toBeNull();
    expect(checkPolicyInForce([original, extension], '2026-11-30')).toBeNull();
    expect(versionInForce([original, extension], '2025-10-26')?.id).toBe(2);
    expect(checkPolicyInForce([original, extension], '2027-10-26')).not.toBeNull();
  });

  it('an extension follows an existing version and has sensible dates', () => {
    const input = {
      docNumber: 'X',
      title: 'Y',
      kind: 'extension' as const,
      effectiveFrom: '2025-10-26',
      effectiveTo: '2027-10-25',
      basedOn: 1,
      note: ''
    };
    expect(checkNewVersion(input, [original])).toBeNull();
    expect(checkNewVersion({ ...input, basedOn: 9 }, [original])).toMatchObject({ code: 'policy_base_missing' });
    expect(checkNewVersion({ ...input, effectiveTo: '2025-10-25' }, [original])).toMatchObject({
      code: 'policy_dates'
    });
    expect(checkNewVersion({ ...input, effectiveTo: '2025-10-26' }, [original])).toBeNull();
    expect(checkNewVersion({ ...input, effectiveFrom: '2020-10-26' }, [original])).toMatchObject({
      code: 'policy_dates'
    });
  });
});

describe('新建 / 改建 / 扩建 (一.4)', () => {
  it('the commitment path (inside the boundary, not retained) allows only 改建', () => {
    const commitment = pathOf(FACTS.insideNotRetained);
    expect(allowedConstructionTypes(commitment)).toEqual(['rebuild']);
    expect(checkConstructionType('rebuild', commitment)).toBeNull();
    for (const t of ['new_build', 'extend']) {
      const r = checkConstructionType(t, commitment)!;
      expect(r).toMatchObject({ status: 409, code: 'construction_type_not_allowed' });
      expect(r.zh).toContain('一.4(2)');
    }
  });

  it('every other path allows all three', () => {
    for (const f of [
      FACTS.insideRetained,
      FACTS.reserveNew,
      FACTS.reserveExisting,
      FACTS.outsideNotRetainedExceeding
    ]) {
      expect(allowedConstructionTypes(pathOf(f))).toEqual(['new_build', 'rebuild', 'extend']);
      expect(checkConstructionType('new_build', pathOf(f))).toBeNull();
    }
  });

  it('the form asks for it: a submission without it lists the field', () => {
    const r = checkSubmission({});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.some((p) => p.field === 'constructionType')).toBe(true);
  });
});

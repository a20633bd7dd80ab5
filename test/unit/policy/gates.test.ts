// The positive list as a gate (一.3、一.4), the guideline's period of force, and 新建/改建/扩建 on the commitment path.
import { describe, expect, it } from 'vitest';
import {
  checkPositiveList,
  justificationRecord,
  MIN_JUSTIFICATION,
  positiveGaps
} from '../../../src/lib/domain/policy/positive-list.ts';
import {
  checkNewVersion,
  checkPolicyInForce,
  describeVersion,
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

  it('the refusal names every gap, failures then unjudged, in both languages (the Chinese title when there is no English one)', () => {
    const gaps = positiveGaps([
      r('P2', 'positive', 'needs_review'),
      { ...r('P4', 'positive', 'needs_review'), title: { zh: '标准P4', en: '' } },
      r('P3', 'positive', 'fail')
    ]);
    const refused = checkPositiveList(gaps, ' 同意 ')!; // 2 characters once trimmed
    expect(refused.zh).toBe(
      '项目未全部符合正面清单：“标准P3”不符合、“标准P2”待核查、“标准P4”待核查；如仍予认定，须由认定机关记录理由（一.3、一.4）'
    );
    expect(refused.en).toBe(
      'The project does not meet the positive list (正面清单): “Criterion P3” fails, “Criterion P2” unjudged, “标准P4” unjudged; recognising it anyway needs a justification from the recognising authority (clause 一.3、一.4)'
    );
  });

  it('the recognition event keeps the trimmed justification and which criteria it overrode', () =>
    expect(justificationRecord(positiveGaps(results), '  区政府常务会议研究同意 ')).toEqual({
      justification: '区政府常务会议研究同意',
      criteria: [
        { id: 'P3', status: 'fail', title: '标准P3' },
        { id: 'P2', status: 'needs_review', title: '标准P2' }
      ]
    }));
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

  it('of several versions in force, the one that started last governs; on the same start day, the one recorded last', () => {
    const successor: PolicyVersion = {
      ...original,
      id: 3,
      docNumber: '后续',
      kind: 'successor',
      effectiveFrom: '2026-07-01',
      effectiveTo: null,
      basedOn: 2
    };
    expect(versionInForce([original, extension, successor], '2026-11-30')?.id).toBe(3);
    expect(versionInForce([successor, extension, original], '2026-06-30')?.id).toBe(2);
    // Open-ended: still in force decades later.
    expect(versionInForce([original, extension, successor], '2040-01-01')?.id).toBe(3);
    const sameDay = { ...successor, id: 4, docNumber: '更正' };
    expect(versionInForce([sameDay, successor], '2026-11-30')?.id).toBe(4);
    expect(versionInForce([successor, sameDay], '2026-11-30')?.id).toBe(4);
    expect(latestStarted([successor, sameDay], '2026-11-30')?.id).toBe(4);
    expect(latestStarted([sameDay, successor], '2026-11-30')?.id).toBe(4);
  });

  it('a new project is governed by the latest version started by its day (the start day included), not a future one', () => {
    expect(latestStarted([extension, original], '2025-10-26')?.id).toBe(2);
    expect(latestStarted([extension, original], '2025-10-25')?.id).toBe(1);
    expect(latestStarted([extension], '2025-10-25')).toBeNull();
  });

  it('says which version lapsed and what the administrator must do, in both languages', () => {
    expect(checkPolicyInForce([original], '2026-11-30')).toEqual({
      status: 409,
      code: 'policy_expired',
      clause: '有效期',
      zh: '沪经信规范〔2020〕9号《规划产业区块外优质项目认定工作指引》有效期至 2025-10-25，今天（2026-11-30）已不在有效期内；须由系统管理员登记延期或后续文件后方可认定（有效期）',
      en: '沪经信规范〔2020〕9号 "规划产业区块外优质项目认定工作指引" was in force until 2025-10-25; today (2026-11-30) no version is in force: the administrator must record an extension or a successor before anything is recognised (clause 有效期)'
    });
    const none = checkPolicyInForce([], '2026-11-30')!;
    expect(none.zh).toMatch(/^没有登记任何政策文件，今天/);
    expect(none.en).toMatch(/^no policy version is recorded; today/);
    expect(describeVersion(original)).toBe('沪经信规范〔2020〕9号（2020-10-26 至 2025-10-25）');
    expect(describeVersion({ ...original, effectiveTo: null })).toBe('沪经信规范〔2020〕9号（2020-10-26 至 —）');
  });

  it('a refused extension says what to correct', () => {
    const input = {
      docNumber: 'X',
      title: 'Y',
      kind: 'extension' as const,
      effectiveFrom: '2025-10-26',
      effectiveTo: '2027-10-25',
      basedOn: 1,
      note: ''
    };
    expect(checkNewVersion({ ...input, basedOn: 9 }, [original])).toEqual({
      status: 400,
      code: 'policy_base_missing',
      zh: '请选择所延期或替代的政策文件。',
      en: 'Choose the policy version this extends or succeeds.'
    });
    expect(checkNewVersion({ ...input, effectiveTo: '2025-10-25' }, [original])).toMatchObject({
      zh: '有效期止（2025-10-25）不能早于起（2025-10-26）。',
      en: 'The end (2025-10-25) cannot be before the start (2025-10-26).'
    });
    expect(checkNewVersion({ ...input, effectiveFrom: '2020-10-26' }, [original])).toMatchObject({
      zh: '新的有效期须晚于所依据文件的起始日（2020-10-26）。',
      en: 'The new version must start after the one it follows (2020-10-26).'
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

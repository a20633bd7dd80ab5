// What users read when a rule of the guideline refuses them (二.5 recognition authority and sanctions, 三.1 reserve
// mechanism, 一.4(2) construction type, 一.4(3) plan adjustment): the clause, the reason and what to do, in both
// languages, with times in Shanghai wall-clock.
import { describe, expect, it } from 'vitest';
import {
  authorityStatus,
  checkAuthorityMeasure,
  checkRecognitionAuthority
} from '../../../src/lib/domain/policy/authority.ts';
import { checkReserveMechanism } from '../../../src/lib/domain/policy/city-path.ts';
import { shanghaiMinute } from '../../../src/lib/domain/policy/common.ts';
import { checkConstruction, constructionGate } from '../../../src/lib/domain/policy/construction.ts';
import { checkConstructionType } from '../../../src/lib/domain/policy/construction-type.ts';

const PUDONG = { zh: '浦东新区', en: 'Pudong New Area' };

describe('Shanghai wall-clock minutes', () => {
  it('an instant is shown as the Shanghai date and 24-hour time', () => {
    expect(shanghaiMinute('2026-11-30T07:30:00Z')).toBe('2026-11-30 15:30');
    expect(shanghaiMinute('2026-11-30T16:05:00Z')).toBe('2026-12-01 00:05');
  });
  it('something that is not an instant is shown as it was given', () => expect(shanghaiMinute('昨天')).toBe('昨天'));
});

describe('recognition authority (二.5)', () => {
  const revoked = {
    measure: 'revoke_authority',
    authorityCode: 'pudong',
    at: '2026-11-02T01:00:00Z',
    note: '认定时间过长'
  };

  it('the status records who withdrew it, or nobody when unrecorded', () => {
    expect(authorityStatus('pudong', [{ ...revoked, by: 'u-sheitc' }])).toEqual({
      authorityCode: 'pudong',
      withdrawn: true,
      since: '2026-11-02T01:00:00Z',
      note: '认定时间过长',
      by: 'u-sheitc'
    });
    expect(authorityStatus('pudong', [revoked]).by).toBeNull();
  });

  it('the district decider is told since when, and what to do instead; without a name, "this district"', () => {
    const status = authorityStatus('pudong', [revoked]);
    expect(checkRecognitionAuthority(status, 'district_government', false, PUDONG)).toEqual({
      status: 403,
      code: 'authority_withdrawn',
      clause: '二.5',
      zh: '浦东新区的优质项目认定权已于 2026-11-02 09:00 被市级部门收回，本区不能作出认定；请由区产业部门将项目报市“三委两局”审核认定（二.5）',
      en: "Pudong New Area's recognition authority (认定权) was withdrawn by the city on 2026-11-02 09:00; the district cannot decide: the district industry department forwards the project to the city review (clause 二.5)"
    });
    const unnamed = checkRecognitionAuthority(status, 'lingang_committee', false)!;
    expect(unnamed.zh).toMatch(/^本区的优质项目认定权已于 2026-11-02 09:00 被/);
    expect(unnamed.en).toMatch(/^this district's recognition authority/);
    const undated = checkRecognitionAuthority({ ...status, since: null }, 'district_industry', false, PUDONG)!;
    expect(undated.zh).toContain('认定权已于  被市级部门收回');
  });

  it('revoking twice or restoring what was never withdrawn is refused with the district named', () => {
    const withdrawn = authorityStatus('pudong', [revoked]);
    expect(checkAuthorityMeasure(withdrawn, 'revoke_authority', PUDONG)).toEqual({
      status: 409,
      code: 'authority_already_withdrawn',
      clause: '二.5',
      zh: '浦东新区的认定权已于 2026-11-02 09:00 收回，无需重复收回（二.5）',
      en: "Pudong New Area's recognition authority is already withdrawn (since 2026-11-02 09:00) (clause 二.5)"
    });
    expect(checkAuthorityMeasure(authorityStatus('pudong', []), 'restore_authority', PUDONG)).toEqual({
      status: 409,
      code: 'authority_not_withdrawn',
      clause: '二.5',
      zh: '浦东新区的认定权未被收回，无需恢复（二.5）',
      en: "Pudong New Area's recognition authority is not withdrawn; there is nothing to restore (clause 二.5)"
    });
  });
});

describe('the reserve-area mechanism before forwarding to the city (三.1)', () => {
  const city = { cityReview: true };
  it('a record of 4 characters is enough; 3, or 4 only with the spaces, is not', () => {
    expect(checkReserveMechanism(city, '沪规划发')).toBeNull();
    expect(checkReserveMechanism(city, '沪规划')).not.toBeNull();
    expect(checkReserveMechanism(city, ' 沪规划 ')).not.toBeNull();
  });
  it('the refusal says what to record', () =>
    expect(checkReserveMechanism(city, null)).toEqual({
      status: 409,
      code: 'city_reserve_mechanism_missing',
      clause: '三.1',
      zh: '战略预留区内新出让土地按照战略预留区规划启动机制实施：报市审核前须记录该机制的启动情况（启动文件、日期、部门）（三.1）',
      en: 'Newly transferred land in a strategic reserve area follows the reserve-area planning mechanism: record how it was started (document, date, department) before forwarding to the city (clause 三.1)'
    }));
});

describe('construction type on the commitment path (一.4(2))', () => {
  const commitment = { commitmentRequired: true };
  it('an unknown or missing type is left to the form check; 新建 is refused with what to change', () => {
    expect(checkConstructionType('demolish', commitment)).toBeNull();
    expect(checkConstructionType(null, commitment)).toBeNull();
    expect(checkConstructionType('new_build', commitment)).toEqual({
      status: 409,
      code: 'construction_type_not_allowed',
      clause: '一.4(2)',
      zh: '地块位于城市开发边界内且未在规划中保留，只能“改建”（由区政府统筹按产业需求实施改建），不能“新建”；请将建设类型改为“改建”（一.4(2)）',
      en: 'The parcel is inside the development boundary and not retained in the plan: only a rebuild (改建) is allowed, not "New build"; change the construction type to rebuild (clause 一.4(2))'
    });
  });
});

describe('construction milestones held back (二.5, 一.4(3))', () => {
  it('a sanction in force names itself and its date; a pending plan adjustment says what must come first', () => {
    const sanction = {
      id: 'm1',
      kind: 'land_recovery' as const,
      date: '2026-11-10',
      findingId: 'f1',
      department: '市规划资源局'
    };
    const r = checkConstruction('construction_start', constructionGate({ planAdjustment: 'pending' }, [sanction]))!;
    expect(r.code).toBe('sanction_in_force');
    expect(r.en).toMatch(
      /^The sanction "Take the land back" is in force on this project \(since 2026-11-10\); ".+" cannot be recorded until the city lifts it \(clause 二\.5\)$/
    );
    const p = checkConstruction('construction_start', constructionGate({ planAdjustment: 'pending' }, []))!;
    expect(p.zh).toMatch(
      /^本项目须先完成规划调整（经项目认定和规划调整后实施），规划调整完成前不能登记“.+”（一\.4\(3\)）$/
    );
    expect(p.en).toMatch(
      /^The plan adjustment this project needs is still pending; ".+" cannot be recorded before it is completed \(clause 一\.4\(3\)\)$/
    );
  });
});

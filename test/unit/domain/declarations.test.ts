// 承诺声明 and 研判意见 as rules: the enterprise alone declares, in its own application while it is the
// applicant's turn; reviewers (district lead, departments, government or Lingang committee in scope, the city)
// judge until the decision; the enterprise never judges. The allowed sets are written out here, not taken
// from the module's own lists.
import { describe, expect, it } from 'vitest';
import {
  declarationPayloadRefusal,
  declarationRefusal,
  judgementRefusal
} from '../../../src/lib/domain/declarations.ts';
import type { Actor } from '../../../src/lib/domain/permissions.ts';
import { ROLES, type Role } from '../../../src/lib/domain/roles.ts';
import { STAGES } from '../../../src/lib/domain/workflow-model.ts';

const actor = (role: Role): Actor => ({
  id: role === 'enterprise' ? 'owner' : `u-${role}`,
  role,
  authorityCode: role === 'lingang_committee' ? 'lingang' : role.startsWith('district_') ? 'pudong' : null
});
const project = (role: Role, stage: string) => ({
  authorityCode: role === 'lingang_committee' ? 'lingang' : 'pudong',
  ownerId: 'owner',
  stage
});

describe('who declares', () => {
  it('only the owner enterprise, in draft or while returned', () => {
    const ok = ROLES.filter((r) => declarationRefusal(actor(r), project(r, 'draft')) === null);
    expect(ok).toEqual(['enterprise']);
    expect(declarationRefusal(actor('enterprise'), project('enterprise', 'returned'))).toBeNull();
  });

  it("nobody declares on the enterprise's behalf: the refusal names the role that tried", () => {
    const r = declarationRefusal(actor('district_industry'), project('district_industry', 'draft'));
    expect(r).toMatchObject({ status: 403, code: 'declare_not_allowed' });
    expect(r!.zh).toContain('区产业部门不能代为声明');
    expect(r!.en).toContain('District industry department cannot declare');
  });

  it('another enterprise may not declare for a project it does not own', () => {
    const stranger: Actor = { id: 'other', role: 'enterprise', authorityCode: null };
    expect(declarationRefusal(stranger, project('enterprise', 'draft'))).toMatchObject({
      status: 403,
      code: 'declare_not_allowed'
    });
  });

  it('after submission (and outside a return) the declarations are closed', () => {
    const open = STAGES.filter((s) => declarationRefusal(actor('enterprise'), project('enterprise', s)) === null);
    expect(open).toEqual(['draft', 'returned']);
    expect(declarationRefusal(actor('enterprise'), project('enterprise', 'submitted'))).toMatchObject({
      status: 409,
      code: 'declare_not_now'
    });
  });
});

describe('who judges a manual criterion', () => {
  it('the district lead, departments and government, the Lingang committee and the city: never the enterprise or the administrator', () => {
    const ok = ROLES.filter((r) => judgementRefusal(actor(r), project(r, 'joint_review')) === null);
    expect(ok).toEqual([
      'district_industry',
      'district_department',
      'district_government',
      'lingang_committee',
      'city_sheitc',
      'city_ndrc',
      'city_stcsm',
      'city_planning',
      'city_ecology'
    ]);
  });

  it('the enterprise is refused with the list of reviewers', () => {
    const r = judgementRefusal(actor('enterprise'), project('enterprise', 'preliminary_review'));
    expect(r).toMatchObject({ status: 403, code: 'judge_not_allowed' });
    expect(r!.zh).toContain('“项目单位”不能填写研判意见');
    expect(r!.en).toContain('Enterprise cannot record a judgement');
  });

  it('a district reviewer of another district may not judge', () => {
    const xuhui: Actor = { id: 'x', role: 'district_industry', authorityCode: 'xuhui' };
    expect(judgementRefusal(xuhui, project('district_industry', 'joint_review'))).toMatchObject({
      status: 403,
      code: 'judge_not_allowed'
    });
  });

  it('judgements are open until the decision, closed after it', () => {
    const open = STAGES.filter(
      (s) => judgementRefusal(actor('district_industry'), project('district_industry', s)) === null
    );
    expect(open).toEqual([
      'draft',
      'submitted',
      'preliminary_review',
      'returned',
      'joint_review',
      'city_review',
      'decision'
    ]);
    expect(judgementRefusal(actor('city_sheitc'), project('city_sheitc', 'recognised'))).toMatchObject({
      status: 409,
      code: 'judge_not_now'
    });
  });
});

describe('what a declaration needs', () => {
  it('a yes or a no, nothing else', () => {
    for (const v of [undefined, null, 'true', 1])
      expect(declarationPayloadRefusal(v, false, false)).toMatchObject({ status: 400, code: 'affirmed_required' });
    expect(declarationPayloadRefusal(false, false, false)).toBeNull();
    expect(declarationPayloadRefusal(true, false, false)).toBeNull();
  });

  it('a yes to a declaration that requires a document needs the document; a no needs none', () => {
    expect(declarationPayloadRefusal(true, false, true)).toMatchObject({ status: 400, code: 'evidence_required' });
    expect(declarationPayloadRefusal(true, true, true)).toBeNull();
    expect(declarationPayloadRefusal(false, false, true)).toBeNull();
  });
});

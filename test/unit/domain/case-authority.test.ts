import { describe, expect, it } from 'vitest';
import { authorityChangeRefusal, mayReadInternalComment } from '../../../src/lib/domain/case-authority.ts';

describe('a submitted case stays with the district that accepted it', () => {
  it('a draft may follow its parcel to another district', () => {
    expect(authorityChangeRefusal({ submitted: false, current: 'pudong', proposed: 'jiading' })).toBeNull();
  });

  it('after submission the same district is fine, another is refused naming both and the rule', () => {
    expect(authorityChangeRefusal({ submitted: true, current: 'pudong', proposed: 'pudong' })).toBeNull();
    const r = authorityChangeRefusal({ submitted: true, current: 'pudong', proposed: 'jiading' })!;
    expect(r).toMatchObject({ status: 409, code: 'parcel_changes_authority' });
    expect(r.zh).toMatch(/嘉定区.*浦东新区受理.*属地受理，工作指引附件二.*撤回本申报/);
    expect(r.en).toMatch(
      /Jiading.*Pudong New Area has accepted.*guideline annex 2.*withdraw this application and apply anew in Jiading/
    );
    // a parcel outside every district is a move as well
    expect(authorityChangeRefusal({ submitted: true, current: 'pudong', proposed: null })?.zh).toMatch(/其他区/);
  });
});

describe('internal comments stay in their district', () => {
  it('district officials read only their own authority’s comments; city and admin read all', () => {
    expect(mayReadInternalComment({ role: 'district_department', authorityCode: 'jiading' }, 'pudong')).toBe(false);
    expect(mayReadInternalComment({ role: 'district_government', authorityCode: 'pudong' }, 'pudong')).toBe(true);
    expect(mayReadInternalComment({ role: 'city_sheitc', authorityCode: null }, 'pudong')).toBe(true);
    expect(mayReadInternalComment({ role: 'admin', authorityCode: null }, 'jiading')).toBe(true);
    expect(mayReadInternalComment({ role: 'district_industry', authorityCode: 'jiading' }, null)).toBe(true);
  });
});

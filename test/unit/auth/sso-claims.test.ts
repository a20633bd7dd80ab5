import { describe, expect, it } from 'vitest';
import { parseMap, proposeFromClaims, usernameFromClaims } from '../../../src/lib/domain/sso-claims.ts';

const m = {
  roleClaim: 'dept_role',
  districtClaim: 'district',
  roleMap: parseMap('区产业部门=district_industry, 市经信委=city_sheitc'),
  districtMap: parseMap('PD=pudong')
};

describe('single sign-on claims', () => {
  it('map a role and a district by configuration, by name, or as they are', () => {
    expect(proposeFromClaims({ dept_role: '区产业部门', district: '浦东新区' }, m)).toEqual({
      role: 'district_industry',
      authorityCode: 'pudong',
      complete: true
    });
    expect(proposeFromClaims({ dept_role: 'district_government', district: 'PD' }, m)).toEqual({
      role: 'district_government',
      authorityCode: 'pudong',
      complete: true
    });
    expect(proposeFromClaims({ dept_role: ['市经信委'] }, m)).toEqual({
      role: 'city_sheitc',
      authorityCode: null,
      complete: true
    });
  });
  it('propose nothing usable for unknown values, a missing district, or administrator', () => {
    expect(proposeFromClaims({ dept_role: '区产业部门' }, m)).toEqual({
      role: 'district_industry',
      authorityCode: null,
      complete: false
    });
    expect(proposeFromClaims({ dept_role: '保洁', district: '火星' }, m)).toEqual({
      role: null,
      authorityCode: null,
      complete: false
    });
    expect(proposeFromClaims({ dept_role: 'admin' }, m).role).toBeNull();
  });
  it('usernames come from preferred_username, e-mail or the subject, tidied', () => {
    expect(usernameFromClaims({ preferred_username: 'wang.xm', sub: '1' })).toBe('wang.xm');
    expect(usernameFromClaims({ email: 'lixm@x.gov.cn', sub: '1' })).toBe('lixm');
    expect(usernameFromClaims({ email: 'li@x.gov.cn', sub: '1' })).toBe('sso_li'); // usernames have 3 characters at least
    expect(usernameFromClaims({ preferred_username: '王小明', sub: '1' })).toBe('___');
    expect(usernameFromClaims({ sub: 'a' })).toBe('sso_a');
  });
});

// Who may NOT do what: every role against every permission, for a project in the actor's own authority
// and one in another. The allowed sets are written out here (DOMAIN.md "Who does what"), not derived from
// the code's own lists, so widening a permission by one role fails a test.
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../../src/lib/domain/roles.ts';
import {
  canCreateProject,
  canEditApplication,
  canView,
  type Actor,
  type ProjectScope
} from '../../../src/lib/domain/permissions.ts';
import { canDeclare, canEditStandard, canJudge, canOverride } from '../../../src/lib/domain/standard/permissions.ts';

const CITY: Role[] = ['city_sheitc', 'city_ndrc', 'city_stcsm', 'city_planning', 'city_ecology'];
const DISTRICT_SCOPED: Role[] = ['district_industry', 'district_department', 'district_government'];

/** The actor of each role, set up so that `mine` is in its scope (owned by it, or in its authority). */
function actorOf(role: Role): Actor {
  const authorityCode = role === 'lingang_committee' ? 'lingang' : DISTRICT_SCOPED.includes(role) ? 'pudong' : null;
  return { id: `u-${role}`, role, authorityCode };
}
const mine = (role: Role): ProjectScope => ({
  authorityCode: role === 'lingang_committee' ? 'lingang' : 'pudong',
  ownerId: role === 'enterprise' ? 'u-enterprise' : 'u-someone'
});
const other: ProjectScope = { authorityCode: 'xuhui', ownerId: 'u-other-enterprise' };

function allowed(check: (a: Actor, p: ProjectScope) => boolean, scope: 'mine' | 'other'): Role[] {
  return ROLES.filter((r) => check(actorOf(r), scope === 'mine' ? mine(r) : other));
}

describe('seeing a project', () => {
  it('in scope: everybody with a role (the enterprise only its own)', () =>
    expect(allowed(canView, 'mine')).toEqual([...ROLES]));
  it('another district and another owner: only the city and the administrator', () =>
    expect(allowed(canView, 'other')).toEqual([...CITY, 'admin']));
  it('a district user without an authority sees nothing of districts', () =>
    expect(
      canView({ id: 'x', role: 'district_industry', authorityCode: null }, { authorityCode: null, ownerId: 'y' })
    ).toBe(false));
});

describe('editing the application', () => {
  it('only the owner enterprise and the district industry department', () =>
    expect(allowed(canEditApplication, 'mine')).toEqual(['enterprise', 'district_industry']));
  it('district departments and the district government may NOT edit it', () => {
    for (const r of ['district_department', 'district_government', 'lingang_committee', 'admin', ...CITY] as Role[]) {
      expect(canEditApplication(actorOf(r), mine(r)), r).toBe(false);
    }
  });
  it("nobody edits another authority's or another owner's application", () =>
    expect(allowed(canEditApplication, 'other')).toEqual([]));
});

describe('creating a project', () => {
  it('only enterprises and district industry departments', () =>
    expect(ROLES.filter((r) => canCreateProject(actorOf(r)))).toEqual(['enterprise', 'district_industry']));
});

describe('judging a manual criterion', () => {
  it('district reviewers in scope and the city; NOT the enterprise, NOT the administrator', () =>
    expect(allowed(canJudge, 'mine')).toEqual([
      'district_industry',
      'district_department',
      'district_government',
      'lingang_committee',
      ...CITY
    ]));
  it('the enterprise may not judge its own project', () =>
    expect(canJudge(actorOf('enterprise'), mine('enterprise'))).toBe(false));
  it("another authority's project: only the city", () => expect(allowed(canJudge, 'other')).toEqual(CITY));
});

describe('answering a declaration', () => {
  it('only whoever may edit the application', () =>
    expect(allowed(canDeclare, 'mine')).toEqual(['enterprise', 'district_industry']));
  it('not across authorities', () => expect(allowed(canDeclare, 'other')).toEqual([]));
});

describe('overriding a negative-list hit', () => {
  it('the district lead department and the deciding government, in scope', () =>
    expect(allowed(canOverride, 'mine')).toEqual(['district_industry', 'district_government', 'lingang_committee']));
  it('not the city, not across authorities', () => expect(allowed(canOverride, 'other')).toEqual([]));
});

describe('editing the recognition standard', () => {
  it('only the administrator and the city SHEITC', () =>
    expect(ROLES.filter((r) => canEditStandard(r))).toEqual(['city_sheitc', 'admin']));
});

// Who may do what with the recognition standard. 市经济信息化委 leads updating the list (沪经信规范〔2020〕9号
// 一.1 "适时评估更新…清单"); the district records its judgement and, for negative-list hits, an override.
import { canEditApplication, canView, type Actor, type ProjectScope } from '../permissions.ts';
import { isCityRole, type Role } from '../roles.ts';

/** Edit and publish rule sets: the administrator and the city SHEITC. */
export const canEditStandard = (role: Role) => role === 'admin' || role === 'city_sheitc';

/** Override a negative-list hit: the district's lead department or the deciding government, in scope. */
export function canOverride(actor: Actor, project: ProjectScope): boolean {
  return (
    canView(actor, project) && ['district_industry', 'district_government', 'lingang_committee'].includes(actor.role)
  );
}

/** Record a reviewer judgement on a manual criterion: district reviewers in scope, and the city on city review. */
export function canJudge(actor: Actor, project: ProjectScope): boolean {
  if (!canView(actor, project)) return false;
  return (
    ['district_industry', 'district_department', 'district_government', 'lingang_committee'].includes(actor.role) ||
    isCityRole(actor.role)
  );
}

/** Answer a declaration: whoever may edit the application (the enterprise, or the district on its behalf). */
export const canDeclare = (actor: Actor, project: ProjectScope) => canEditApplication(actor, project);

/** Stages after which the recognition is decided: re-evaluation on publish skips them; they keep their version. */
export const DECIDED_STAGES = ['recognised', 'tracking', 'rejected', 'withdrawn'] as const;

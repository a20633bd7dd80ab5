// The domain's Actor from a session user. Users carry their department as the organisation's own name
// (e.g. '区规划资源局', '规划资源处'); the workflow invites departments by code ('planning_resources').
// This table maps the names used in Shanghai's districts and Lingang to the codes; a user whose
// department is already a code keeps it. Unknown names map to null (such a user cannot be invited).
import type { Actor } from '../../domain/permissions.ts';
import { DISTRICT_DEPARTMENTS, type DistrictDepartment } from '../../domain/workflow-model.ts';
import type { SessionUser } from '../auth/session.ts';

/** Substrings of department names → code. Order matters: the first match wins. */
const DEPARTMENT_NAME_PATTERNS: readonly [RegExp, DistrictDepartment][] = [
  [/发展改革|发改/, 'development_reform'],
  [/规划|自然资源|规土/, 'planning_resources'],
  [/生态环境|环保|环境/, 'ecology_environment'],
  [/科委|科技/, 'science_technology'],
  [/建设|建管|住建/, 'housing_construction'],
  [/市场监/, 'market_regulation'],
  [/应急/, 'emergency_management']
];

export function departmentCode(department: string | null | undefined): DistrictDepartment | null {
  if (!department) return null;
  if ((DISTRICT_DEPARTMENTS as readonly string[]).includes(department)) return department as DistrictDepartment;
  for (const [re, code] of DEPARTMENT_NAME_PATTERNS) if (re.test(department)) return code;
  return null;
}

/** Only district departments need a code (joint-review invitations, milestone duties). */
export function toActor(user: Pick<SessionUser, 'id' | 'role' | 'authorityCode' | 'department'>): Actor {
  return {
    id: user.id,
    role: user.role,
    authorityCode: user.authorityCode,
    department: user.role === 'district_department' ? departmentCode(user.department) : (user.department ?? null)
  };
}

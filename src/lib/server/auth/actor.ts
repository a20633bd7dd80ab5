// The domain's Actor from a session user. A district department user acts for the department it is bound
// to by code (users.department_code → departments); names are never matched (issue 13.2).
import type { Actor } from '../../domain/permissions.ts';
import type { SessionUser } from './session.ts';

export function toActor(
  user: Pick<SessionUser, 'id' | 'role' | 'authorityCode' | 'department'> & {
    departmentCode?: string | null;
    displayName?: string;
  }
): Actor {
  return {
    id: user.id,
    role: user.role,
    authorityCode: user.authorityCode,
    department: user.role === 'district_department' ? (user.departmentCode ?? null) : (user.department ?? null),
    ...(user.displayName ? { name: user.displayName } : {})
  };
}

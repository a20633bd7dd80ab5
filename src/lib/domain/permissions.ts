// The one place that decides "may this user see / touch this project" (role + authority scope).
// Workflow transitions add their own stage rules on top (see workflow.ts), but always start here.
import { isCityRole, isScopedRole, type Role } from './roles.ts';

export interface Actor {
  id: string;
  role: Role;
  authorityCode: string | null;
  department?: string | null;
  name?: string;
}
export interface ProjectScope {
  authorityCode: string | null;
  ownerId: string;
}

/** Whether the actor may see the project at all. District users never see another district's projects. */
export function canView(actor: Actor, project: ProjectScope): boolean {
  if (actor.role === 'admin' || isCityRole(actor.role)) return true;
  if (actor.role === 'enterprise') return project.ownerId === actor.id;
  if (isScopedRole(actor.role)) return actor.authorityCode !== null && actor.authorityCode === project.authorityCode;
  return false;
}

/** Whether the actor may change the application itself (form, boundary, documents) — the owner, or the district's lead department. */
export function canEditApplication(actor: Actor, project: ProjectScope): boolean {
  if (!canView(actor, project)) return false;
  return actor.role === 'enterprise' || actor.role === 'district_industry';
}

/** Who may create projects: enterprises for themselves, district industry departments on an enterprise's behalf. */
export function canCreateProject(actor: Actor): boolean {
  return actor.role === 'enterprise' || actor.role === 'district_industry';
}

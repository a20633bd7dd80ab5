import { getDb } from '$lib/server/db/index.ts';
import { listProjects } from '$lib/server/projects/projects.service.ts';
import { canCreateProject } from '$lib/domain/permissions.ts';
import { isCityRole } from '$lib/domain/roles.ts';
import { pageUser } from './page-helpers.server.ts';
import { orErrorPage } from '$lib/server/http/page-errors.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = pageUser(locals, url);
  const q = url.searchParams;
  const filters = {
    stage: q.get('stage') || undefined,
    landType: q.get('landType') || undefined,
    authority: q.get('authority') || undefined,
    overdue: q.get('overdue') === '1',
    q: q.get('q') || undefined
  };
  const projects = await orErrorPage(listProjects(await getDb(), user, filters), locals.lang);
  return {
    projects,
    filters,
    canCreate: canCreateProject({ id: user.id, role: user.role, authorityCode: user.authorityCode }),
    // District users only ever see their own district: the district filter is for the city.
    showDistrictFilter: user.role === 'admin' || isCityRole(user.role),
    // After deleting a draft the list says which one went (the code is all that is left of it).
    deleted: /^ZL-\d{4}-\d{4}$/.test(q.get('deleted') ?? '') ? q.get('deleted') : null
  };
};

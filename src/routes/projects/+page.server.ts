import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { createProject, listProjects } from '$lib/server/projects/projects.service.ts';
import { canCreateProject } from '$lib/domain/permissions.ts';
import { isCityRole } from '$lib/domain/roles.ts';
import { pageUser } from './page-helpers.server.ts';
import { failWith, orErrorPage } from '$lib/server/http/page-errors.ts';
import type { Actions, PageServerLoad } from './$types';

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
    showDistrictFilter: user.role === 'admin' || isCityRole(user.role)
  };
};

export const actions: Actions = {
  create: async ({ locals, url }) => {
    const user = pageUser(locals, url);
    let id: string;
    try {
      ({ id } = await createProject(await getDb(), user, { form: user.enterpriseName ? { enterpriseName: user.enterpriseName } : {} }));
    } catch (e) {
      return failWith(e, locals.lang);
    }
    // A new application starts with its parcel: the boundary decides the path and the documents.
    redirect(303, `/projects/${id}/boundary`);
  }
};

import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { listLayerInfo } from '$lib/server/layers/layers.service.ts';
import { canCreateProject } from '$lib/domain/permissions.ts';
import { pageUser } from '../page-helpers.server.ts';
import type { PageServerLoad } from './$types';

// 新建申报 (issue 14.2): name the project, upload and check the boundary; the draft is created only then
// (POST /api/v1/projects with the checked upload), so a parcel the guideline does not cover never gets a number.
export const load: PageServerLoad = async ({ locals, url }) => {
  const user = pageUser(locals, url);
  if (!canCreateProject({ id: user.id, role: user.role, authorityCode: user.authorityCode }))
    redirect(303, '/projects');
  return {
    layers: await listLayerInfo(await getDb()),
    onBehalf: user.role === 'district_industry',
    enterpriseName: user.enterpriseName ?? null
  };
};

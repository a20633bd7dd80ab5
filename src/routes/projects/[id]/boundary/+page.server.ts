import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { getProject } from '$lib/server/projects/projects.service.ts';
import { listLayerInfo } from '$lib/server/layers/layers.service.ts';
import { pageUser } from '../../page-helpers.server.ts';
import { orErrorPage } from '$lib/server/http/page-errors.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = pageUser(locals, url);
  const db = await getDb();
  const project = await orErrorPage(getProject(db, user, params.id), locals.lang);
  if (!project.canEdit) redirect(303, `/projects/${project.id}`);
  return {
    project: { id: project.id, code: project.code, title: project.title, hasParcel: project.parcel !== null },
    layers: await listLayerInfo(db)
  };
};

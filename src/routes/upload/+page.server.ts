import { getDb } from '$lib/server/db/index.ts';
import { listLayerInfo } from '$lib/server/layers/layers.service.ts';
import { pageUser } from '../projects/page-helpers.server.ts';
import type { PageServerLoad } from './$types';

// A boundary check without a project: officers inspect what an enterprise sent before anything is filed.
export const load: PageServerLoad = async ({ locals, url }) => {
  pageUser(locals, url);
  return { layers: await listLayerInfo(await getDb()) };
};

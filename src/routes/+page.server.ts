import { getDb } from '$lib/server/db/index.ts';
import { listLayerInfo } from '$lib/server/layers/layers.service.ts';
import { projectsForMap } from '$lib/server/map/project-map.ts';

export const load = async ({ locals }) => {
  const db = await getDb();
  return {
    layers: await listLayerInfo(db),
    // The projects in the user's scope (the list's own rule, server-side) with their parcels.
    projects: locals.user ? await projectsForMap(db, locals.user) : { type: 'FeatureCollection' as const, features: [] }
  };
};

import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { endpoint, requireUser } from '$lib/server/http/api.ts';
import { projectsForMap } from '$lib/server/map/project-map.ts';

// GET /api/v1/map/projects — GeoJSON of the projects the caller may see (their current parcels).
export const GET = endpoint(async (event) => {
  const user = requireUser(event);
  return json(await projectsForMap(await getDb(), user), { headers: { 'content-type': 'application/geo+json' } });
});

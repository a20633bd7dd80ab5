import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { endpoint, requireUser } from '$lib/server/http/api.ts';
import { findPlace, projectsForMap } from '$lib/server/map/project-map.ts';

// GET /api/v1/map/search?q= — the map's search box: projects the caller may see whose number, name or
// enterprise contains q (at most 20), and, when q is a pair of coordinates, the place in Shanghai.
export const GET = endpoint(async (event) => {
  const user = requireUser(event);
  const q = (event.url.searchParams.get('q') ?? '').trim().slice(0, 100);
  if (!q) return json({ projects: [], place: null });
  const db = await getDb();
  const place = await findPlace(db, q);
  const projects = place ? [] : (await projectsForMap(db, user, q)).features.slice(0, 20);
  return json({ projects, place });
});

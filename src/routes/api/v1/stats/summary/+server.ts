import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { endpoint, requireUser } from '$lib/server/http/api.ts';
import { filterFromQuery, projectStats } from '$lib/server/stats/stats.service.ts';

// GET /api/v1/stats/summary?authority&stage&landType&overdue&from&to&q — projects with every workflow node.
export const GET = endpoint(async (event) => {
  const user = requireUser(event);
  const projects = await projectStats(await getDb(), user, filterFromQuery(event.url.searchParams));
  return json({ count: projects.length, projects: projects.map(({ events: _events, clock: _clock, ...p }) => p) });
});

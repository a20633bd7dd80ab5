import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { ApiError } from '$lib/server/http/api.ts';
import { filterFromQuery, projectStats, statsScope } from '$lib/server/stats/stats.service.ts';
import { STAGE_GROUP_LABELS } from '$lib/server/stats/stats.model.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = locals.user!;
  try {
    const scope = statsScope(user);
    const filter = filterFromQuery(url.searchParams);
    const projects = (await projectStats(await getDb(), user, filter)).map(({ events: _e, clock: _c, ...p }) => p);
    return { projects, filter, scope, query: url.searchParams.toString(), stageGroups: STAGE_GROUP_LABELS };
  } catch (e) {
    if (e instanceof ApiError) error(e.status, e.text[locals.lang]);
    throw e;
  }
};

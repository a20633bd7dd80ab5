import { getDb } from '$lib/server/db/index.ts';
import { filterFromQuery, projectStats, statsScope } from '$lib/server/stats/stats.service.ts';
import { STAGE_GROUP_LABELS } from '$lib/server/stats/stats.model.ts';
import type { PageServerLoad } from './$types';
import { orErrorPage } from '$lib/server/http/page-errors.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = locals.user!;
  return orErrorPage(
    (async () => {
      const scope = statsScope(user);
      const filter = filterFromQuery(url.searchParams);
      const projects = (await projectStats(await getDb(), user, filter)).map(({ events: _e, clock: _c, ...p }) => p);
      return { projects, filter, scope, query: url.searchParams.toString(), stageGroups: STAGE_GROUP_LABELS };
    })(),
    locals.lang
  );
};

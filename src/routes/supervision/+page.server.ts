import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { ApiError } from '$lib/server/http/api.ts';
import { statsScope } from '$lib/server/stats/stats.service.ts';
import { TRACKING_STATUS_INFO, supervisionFeatures, supervisionFilterFromQuery } from '$lib/server/supervision/supervision.service.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  try {
    const scope = statsScope(locals.user!);
    const filter = supervisionFilterFromQuery(url.searchParams);
    const features = await supervisionFeatures(await getDb(), locals.user!, filter);
    return { scope, filter, query: url.searchParams.toString(), statuses: TRACKING_STATUS_INFO, parcels: { type: 'FeatureCollection' as const, features } };
  } catch (e) {
    if (e instanceof ApiError) error(e.status, e.text[locals.lang]);
    throw e;
  }
};

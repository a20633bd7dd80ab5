import { getDb } from '$lib/server/db/index.ts';
import { statsScope } from '$lib/server/stats/stats.service.ts';
import {
  TRACKING_STATUS_INFO,
  supervisionFeatures,
  supervisionFilterFromQuery
} from '$lib/server/supervision/supervision.service.ts';
import { COMPLIANCE_LABELS } from '$lib/domain/aftercare/compliance.ts';
import type { PageServerLoad } from './$types';
import { orErrorPage } from '$lib/server/http/page-errors.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
  return orErrorPage(
    (async () => {
      const scope = statsScope(locals.user!);
      const filter = supervisionFilterFromQuery(url.searchParams);
      // Colour by compliance (issue 16: encroaching, plot ratio, performance, compliant, not yet due) unless the
      // user picks the tracking status.
      const colour: 'compliance' | 'status' = url.searchParams.get('colour') === 'status' ? 'status' : 'compliance';
      const features = (await supervisionFeatures(await getDb(), locals.user!, filter)).map((f) =>
        colour === 'compliance' ? { ...f, properties: { ...f.properties, color: f.properties.complianceColor } } : f
      );
      const exportQuery = new URLSearchParams(url.searchParams);
      exportQuery.delete('colour');
      return {
        scope,
        filter,
        colour,
        query: exportQuery.toString(),
        statuses: TRACKING_STATUS_INFO,
        compliances: COMPLIANCE_LABELS,
        parcels: { type: 'FeatureCollection' as const, features }
      };
    })(),
    locals.lang
  );
};

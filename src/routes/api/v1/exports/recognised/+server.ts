import { getDb } from '$lib/server/db/index.ts';
import { endpoint, requireUser } from '$lib/server/http/api.ts';
import { exportRecognised } from '$lib/server/export/exports.service.ts';
import { supervisionFilterFromQuery } from '$lib/server/supervision/supervision.service.ts';

// GET /api/v1/exports/recognised?format=geojson|shp|kml|xlsx&authority&landType&milestone&status&compliance — recognised parcels.
export const GET = endpoint(async (event) => {
  const user = requireUser(event);
  const f = await exportRecognised(
    await getDb(),
    user,
    event.url.searchParams.get('format') ?? 'geojson',
    supervisionFilterFromQuery(event.url.searchParams)
  );
  return new Response(f.bytes as unknown as BodyInit, {
    headers: {
      'content-type': f.mime,
      'content-disposition': `attachment; filename="${f.name}"`,
      'x-feature-count': String(f.count),
      'cache-control': 'private, no-store'
    }
  });
});

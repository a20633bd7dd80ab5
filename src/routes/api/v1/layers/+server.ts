import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { listLayerInfo } from '$lib/server/layers/layers.service.ts';
import { endpoint, requireUser } from '$lib/server/http/api.ts';

export const GET = endpoint(async (event) => {
  requireUser(event);
  return json({ layers: await listLayerInfo(await getDb()) });
});

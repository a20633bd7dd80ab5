import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { endpoint, readJson, requireUser } from '$lib/server/http/api.ts';
import { checkBoundary } from '$lib/server/projects/application-start.service.ts';

// POST /api/v1/boundaries/check {upload, crs?, layer?, encoding?} → the parcel's land type and district
// against the current layers, and whether an application may start with it ({ok, refusal}). Writes nothing.
export const POST = endpoint(async (event) => {
  const user = requireUser(event);
  const body = await readJson(event);
  const s = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  return json(
    await checkBoundary(await getDb(), user, {
      upload: String(body.upload ?? ''),
      crs: s(body.crs),
      layer: s(body.layer),
      encoding: s(body.encoding)
    })
  );
});

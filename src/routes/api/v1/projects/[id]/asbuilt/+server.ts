import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { endpoint, requireUser } from '$lib/server/http/api.ts';
import { readMultipart } from '$lib/server/storage/uploads.ts';
import { asBuiltOf, uploadSurvey } from '$lib/server/aftercare/asbuilt.service.ts';

// GET /api/v1/projects/:id/asbuilt → {survey, buildings (with encroaching parts), parcel}
export const GET = endpoint(async (event) =>
  json(await asBuiltOf(await getDb(), requireUser(event), event.params.id!))
);

// PUT /api/v1/projects/:id/asbuilt — multipart 竣工测绘 file(s) [+ crs, layer, encoding, toleranceM] → {survey, buildings, inspect}
export const PUT = endpoint(async (event) => {
  const user = requireUser(event);
  const { fields, files } = await readMultipart(event);
  const r = await uploadSurvey(
    await getDb(),
    user,
    event.params.id!,
    files.map(({ name, bytes }) => ({ name, bytes })),
    {
      crs: fields.crs,
      layer: fields.layer,
      encoding: fields.encoding,
      toleranceM: fields.toleranceM
    }
  );
  return json(r, { status: 201 });
});
export const POST = PUT;

import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { apiError, endpoint, requireUser } from '$lib/server/http/api.ts';
import { attachBoundary } from '$lib/server/projects/boundary.service.ts';
import { readMultipart } from '$lib/server/storage/uploads.ts';

// PUT /api/v1/projects/:id/boundary — multipart file(s), or `upload` = the id an inspect answered
// [+ crs, layer, encoding, featureIndex "0" or "0,2"] → {parcel, classification, inspect, version}.
export const PUT = endpoint(async (event) => {
  const user = requireUser(event);
  const { fields, files } = await readMultipart(event, undefined, { shared: true });
  let featureIndex: number[] | undefined;
  if (fields.featureIndex?.trim()) {
    featureIndex = fields.featureIndex
      .split(/[,\s]+/)
      .filter(Boolean)
      .map(Number);
    if (featureIndex.some((n) => !Number.isInteger(n)))
      throw apiError(400, 'bad_feature_index', {
        zh: '要素序号应为整数，如 0 或 0,2。',
        en: 'featureIndex must be integers such as 0 or 0,2.'
      });
  }
  const result = await attachBoundary(
    await getDb(),
    user,
    event.params.id!,
    files.map(({ name, bytes }) => ({ name, bytes })),
    {
      crs: fields.crs,
      layer: fields.layer,
      encoding: fields.encoding,
      featureIndex,
      upload: fields.upload || undefined
    }
  );
  return json(result);
});
export const POST = PUT;

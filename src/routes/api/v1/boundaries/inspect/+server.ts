import { json } from '@sveltejs/kit';
import { apiError, endpoint, requireUser } from '$lib/server/http/api.ts';
import { readMultipart } from '$lib/server/storage/uploads.ts';
import { runIngest } from '$lib/server/projects/ingest-runner.ts';
import { BoundaryInputError } from '$lib/geo/types.ts';

// POST /api/v1/boundaries/inspect — multipart file(s) + crs, layer, encoding → the CLI's inspect JSON.
// Nothing is stored. A bad file → 400 with the reader's reason in the caller's language.
export const POST = endpoint(async (event) => {
  requireUser(event);
  const { fields, files } = await readMultipart(event);
  if (files.length === 0) throw apiError(400, 'file_missing', { zh: '请选择地块边界文件（字段名 file）。', en: 'Choose the boundary file (field "file").' });
  try {
    const { result } = await runIngest(files.map(({ name, bytes }) => ({ name, bytes })), {
      crs: fields.crs || undefined, layer: fields.layer || undefined, encoding: fields.encoding || undefined
    });
    return json(result);
  } catch (e) {
    if (e instanceof BoundaryInputError) throw apiError(400, e.code, { zh: e.zh, en: e.en });
    throw e;
  }
});

import { apiError, endpoint, readJson, requireUser } from '$lib/server/http/api.ts';
import { readMultipart } from '$lib/server/storage/uploads.ts';
import { ingest } from '$lib/server/projects/ingest-runner.ts';
import {
  describeUpload,
  storeUpload,
  uploadFiles,
  uploadFor,
  type DescribedUpload
} from '$lib/server/projects/upload-store.ts';
import type { InputFile } from '$lib/geo/types.ts';

// POST /api/v1/boundaries/inspect — multipart file(s) + crs, layer, encoding → the CLI's inspect JSON, plus
// `upload: {id, files}`. The files are kept by hash: the same request with `upload=<id>` instead of the files
// (multipart or JSON) re-projects the parsed upload for another CRS or CAD layer without sending or parsing
// it again, and PUT /api/v1/projects/:id/boundary accepts the id too. A bad file → 400, a file beyond a
// reading budget → 422, every worker busy → 503, each with the reason in the caller's language.
export const POST = endpoint(async (event) => {
  const user = requireUser(event);
  const t0 = performance.now();
  const isJson = (event.request.headers.get('content-type') ?? '').toLowerCase().startsWith('application/json');
  const { fields, files } = isJson
    ? {
        fields: Object.fromEntries(
          Object.entries(await readJson(event)).map(([k, v]) => [k, v == null ? '' : String(v)])
        ),
        files: []
      }
    : await readMultipart(event, undefined, { shared: true });
  const tRead = performance.now();
  let manifest: DescribedUpload;
  let bytes: InputFile[] | undefined;
  if (files.length > 0) {
    bytes = files.map(({ name, bytes }) => ({ name, bytes }));
    manifest = describeUpload(bytes); // stored below, once read: a refused file is not kept
  } else if (fields.upload) {
    manifest = await uploadFor(fields.upload, user.id);
  } else {
    throw apiError(400, 'file_missing', {
      zh: '请选择地块边界文件（字段名 file）。',
      en: 'Choose the boundary file (field "file").'
    });
  }
  const tHashed = performance.now();
  const out = await ingest({
    key: manifest.id,
    files: bytes,
    loadFiles: () => uploadFiles(manifest),
    opts: { crs: fields.crs || undefined, layer: fields.layer || undefined, encoding: fields.encoding || undefined },
    as: 'json',
    extra: { upload: { id: manifest.id, files: manifest.files.map((f) => ({ name: f.name, size: f.size })) } }
  });
  const tIngested = performance.now();
  if (bytes) await storeUpload(bytes, user.id, manifest);
  // Server-Timing: reading the body, hashing, reading it in a worker (bench/ingest), storing it by hash.
  const timing = [
    `read;dur=${(tRead - t0).toFixed(1)}`,
    `hash;dur=${(tHashed - tRead).toFixed(1)}`,
    `store;dur=${(performance.now() - tIngested).toFixed(1)}`,
    `ingest;dur=${out.ms.toFixed(1)}${out.cached ? ';desc="cached"' : ''}`,
    `total;dur=${(performance.now() - t0).toFixed(1)}`
  ];
  return new Response(out.json, {
    headers: { 'content-type': 'application/json', 'server-timing': timing.join(', ') }
  });
});

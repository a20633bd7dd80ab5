// Multipart uploads for the API: size limit checked from Content-Length before reading the body
// (adapter-node's BODY_SIZE_LIMIT, 210M in scripts/start.js, is the outer guard for chunked bodies).
import type { RequestEvent } from '@sveltejs/kit';
import { apiError } from '../http/api.ts';
import { boundaryOf, collect, MultipartError, parseMultipart, type Part } from './multipart.ts';

/** Surveyed boundary files are small, but a zipped city-scale DWG or shapefile can reach ~100 MB. */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
  mime: string | null;
}

const tooLarge = (size: number) =>
  apiError(413, 'upload_too_large', {
    zh: `上传内容过大（${(size / 1048576).toFixed(1)} MB），单次上传不能超过 ${MAX_UPLOAD_BYTES / 1048576} MB。请压缩为 zip 或只上传地块所在的图层。`,
    en: `The upload is too large (${(size / 1048576).toFixed(1)} MB); at most ${MAX_UPLOAD_BYTES / 1048576} MB per upload. Zip it or upload only the parcel's layer.`
  });

/** Reads a multipart/form-data body: fields as strings, files with their bytes (`shared`: in a
 *  SharedArrayBuffer, for uploads handed to the ingest workers without a copy on the event loop). */
export async function readMultipart(
  event: RequestEvent,
  maxBytes = MAX_UPLOAD_BYTES,
  opts: { shared?: boolean } = {}
): Promise<{ fields: Record<string, string>; files: UploadedFile[] }> {
  const type = event.request.headers.get('content-type') ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) {
    throw apiError(400, 'not_multipart', {
      zh: '请以 multipart/form-data 方式上传文件（字段名 file）。',
      en: 'Upload the file as multipart/form-data (field name "file").'
    });
  }
  const length = Number(event.request.headers.get('content-length') ?? 0);
  if (length > maxBytes) throw tooLarge(length);
  const boundary = boundaryOf(type);
  let parts: Part[];
  try {
    if (!boundary) throw new MultipartError('malformed', 'no boundary');
    // Not request.formData(): it parses a large body synchronously for seconds (multipart.ts).
    parts = parseMultipart(await collect(event.request.body, maxBytes + 64 * 1024, length, opts.shared), boundary);
  } catch (e) {
    if (e instanceof MultipartError && e.kind === 'too-large') throw tooLarge(length || maxBytes + 1);
    // adapter-node stops reading past BODY_SIZE_LIMIT; report it as too large, not as a malformed body.
    if (!(e instanceof MultipartError) && /limit|too large/i.test(String((e as Error)?.message)))
      throw tooLarge(length || maxBytes + 1);
    throw apiError(400, 'bad_multipart', {
      zh: '上传内容无法解析（multipart 格式错误），请重新上传。',
      en: 'The upload could not be read (malformed multipart body); please upload again.'
    });
  }
  const fields: Record<string, string> = {};
  const files: UploadedFile[] = [];
  let total = 0;
  for (const p of parts) {
    if (p.filename === undefined) fields[p.name] = Buffer.from(p.bytes).toString('utf8');
    else {
      total += p.bytes.byteLength;
      if (total > maxBytes) throw tooLarge(total);
      files.push({ name: p.filename || p.name, bytes: p.bytes, mime: p.type || null });
    }
  }
  return { fields, files };
}

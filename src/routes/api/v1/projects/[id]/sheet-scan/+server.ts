import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { apiError, endpoint, requireUser } from '$lib/server/http/api.ts';
import { MAX_SCAN_BYTES, uploadSheetScan } from '$lib/server/documents/documents.service.ts';

// POST /api/v1/projects/:id/sheet-scan — multipart `file`: the stamped 项目信息表 scanned back (PDF/JPG/PNG).
export const POST = endpoint(async (event) => {
  const user = requireUser(event);
  const length = Number(event.request.headers.get('content-length') ?? 0);
  if (length > MAX_SCAN_BYTES + 64 * 1024)
    throw apiError(413, 'scan_too_large', {
      zh: '扫描件超过 20 MB，请降低分辨率后再上传。',
      en: 'The scan is over 20 MB; lower the resolution and upload again.'
    });
  let file: File | null = null;
  try {
    const form = await event.request.formData();
    const f = form.get('file');
    file = f instanceof File ? f : null;
  } catch {
    throw apiError(400, 'bad_form', {
      zh: '请以表单方式上传文件（字段名 file）。',
      en: 'Upload the file as multipart form data (field "file").'
    });
  }
  if (!file)
    throw apiError(400, 'file_missing', {
      zh: '没有收到文件，请选择扫描件。',
      en: 'No file received; choose the scan.'
    });
  const r = await uploadSheetScan(await getDb(), user, event.params.id ?? '', {
    name: file.name,
    bytes: new Uint8Array(await file.arrayBuffer()),
    mime: file.type || null
  });
  return json(r, { status: 201 });
});

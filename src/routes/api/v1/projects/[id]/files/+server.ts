import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { apiError, endpoint, requireUser } from '$lib/server/http/api.ts';
import { addProjectFile } from '$lib/server/projects/projects.service.ts';
import { readMultipart } from '$lib/server/storage/uploads.ts';
import { MAX_ATTACHMENT_BYTES } from '$lib/domain/attachments.ts';

// POST /api/v1/projects/:id/files — multipart `file` + `kind` (land_title | land_contract | commitment |
// recognition | plan_adjustment | joint_review_material | other) → 201 the stored file.
export const POST = endpoint(async (event) => {
  const user = requireUser(event);
  const { fields, files } = await readMultipart(event, MAX_ATTACHMENT_BYTES);
  if (files.length !== 1)
    throw apiError(400, 'file_missing', {
      zh: '请上传一个文件（字段名 file）。',
      en: 'Upload one file (field "file").'
    });
  const stored = await addProjectFile(await getDb(), user, event.params.id!, fields.kind ?? '', files[0]);
  return json(stored, { status: 201 });
});

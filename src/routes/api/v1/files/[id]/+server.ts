import { getDb } from '$lib/server/db/index.ts';
import { endpoint, requireUser } from '$lib/server/http/api.ts';
import { getFileForDownload } from '$lib/server/projects/projects.service.ts';

// GET /api/v1/files/:id — download with the original name; only for users who may see a project holding it.
export const GET = endpoint(async (event) => {
  const user = requireUser(event);
  const f = await getFileForDownload(await getDb(), user, event.params.id!);
  const ascii = f.name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return new Response(f.bytes as BodyInit, {
    headers: {
      'content-type': f.mime,
      'content-length': String(f.bytes.byteLength),
      'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(f.name)}`,
      etag: `"${f.sha256}"`,
      'cache-control': 'private, max-age=3600',
      'x-content-type-options': 'nosniff'
    }
  });
});

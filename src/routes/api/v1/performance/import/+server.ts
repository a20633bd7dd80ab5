import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { endpoint, requireUser } from '$lib/server/http/api.ts';
import { readMultipart } from '$lib/server/storage/uploads.ts';
import { importPerformance } from '$lib/server/aftercare/performance-xlsx.ts';

// POST /api/v1/performance/import — multipart xlsx (the template); all rows or none → {imported, projects}.
export const POST = endpoint(async (event) => {
  const user = requireUser(event);
  const { files } = await readMultipart(event, 20 * 1024 * 1024);
  return json(
    await importPerformance(await getDb(), user, files[0] ? { name: files[0].name, bytes: files[0].bytes } : undefined),
    { status: 201 }
  );
});

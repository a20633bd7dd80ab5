import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { endpoint, readJson, requireUser } from '$lib/server/http/api.ts';
import { readMultipart } from '$lib/server/storage/uploads.ts';
import { saveContractTerms } from '$lib/server/aftercare/contract.service.ts';

// PUT /api/v1/projects/:id/contract — JSON terms with documentId, or multipart fields + the contract file `document`.
export const PUT = endpoint(async (event) => {
  const user = requireUser(event);
  const multipart = (event.request.headers.get('content-type') ?? '').startsWith('multipart/');
  if (multipart) {
    const { fields, files } = await readMultipart(event, 50 * 1024 * 1024);
    const doc = files[0];
    return json(
      await saveContractTerms(
        await getDb(),
        user,
        event.params.id!,
        fields,
        doc ? { name: doc.name, bytes: doc.bytes } : undefined
      )
    );
  }
  return json(await saveContractTerms(await getDb(), user, event.params.id!, await readJson(event)));
});
export const POST = PUT;

import { getDb } from '$lib/server/db/index.ts';
import { verifyCode } from '$lib/server/documents/documents.service.ts';
import type { PageServerLoad } from './$types';

// Public (no login): the root layout lets /verify/ through. Shows only status, name, date and SHA-256.
export const load: PageServerLoad = async ({ params, setHeaders }) => {
  setHeaders({ 'cache-control': 'no-store', 'x-robots-tag': 'noindex' });
  return { verification: await verifyCode(await getDb(), params.code) };
};

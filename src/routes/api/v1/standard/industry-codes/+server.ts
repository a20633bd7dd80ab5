import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { endpoint, requireUser } from '$lib/server/http/api.ts';
import { codeTableInfo, searchCodes } from '$lib/server/standard/index.ts';

/** ?q=集成电路 or ?q=C39 (code prefix or part of a name) &limit=30 */
export const GET = endpoint(async (event) => {
  requireUser(event);
  const db = await getDb();
  const q = event.url.searchParams.get('q') ?? '';
  const limit = Number(event.url.searchParams.get('limit') ?? 30) || 30;
  return json({ codes: await searchCodes(db, q, limit), table: await codeTableInfo(db) });
});

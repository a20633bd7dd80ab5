import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { apiError, endpoint, requireUser } from '$lib/server/http/api.ts';
import { getRuleSet, publicationReport } from '$lib/server/standard/index.ts';

export const GET = endpoint(async (event) => {
  requireUser(event);
  const db = await getDb();
  const id = event.params.id ?? '';
  const rs = /^\d{1,9}$/.test(id) ? await getRuleSet(db, Number(id)) : null;
  if (!rs) throw apiError(404, 'not_found', { zh: '没有这个版本的认定标准。', en: 'No such rule set.' });
  return json({ ruleSet: rs, publication: await publicationReport(db, rs.id) });
});

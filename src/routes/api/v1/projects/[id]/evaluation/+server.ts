import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { endpoint, requireUser } from '$lib/server/http/api.ts';
import { getProjectEvaluation } from '$lib/server/standard/index.ts';
import { presentEvaluation } from '$lib/server/standard/present.ts';

/** The positive/negative-list checklist: per criterion status, figures and reason (Accept-Language; both under i18n). */
export const GET = endpoint(async (event) => {
  const user = requireUser(event);
  const view = await getProjectEvaluation(await getDb(), user, event.params.id ?? '');
  return json({ evaluation: presentEvaluation(view, event.locals.lang) });
});

import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { endpoint, readJson, requireUser } from '$lib/server/http/api.ts';
import { recordJudgement } from '$lib/server/standard/index.ts';

/** {criterionId, verdict: 'pass'|'fail', comment}: a reviewer's judgement; the comment is required. */
export const POST = endpoint(async (event) => {
  const user = requireUser(event);
  const body = await readJson(event);
  const e = await recordJudgement(await getDb(), user, event.params.id ?? '', body);
  return json({ outcome: e.outcome }, { status: 201 });
});

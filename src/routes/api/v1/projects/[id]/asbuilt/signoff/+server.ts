import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { endpoint, readJson, requireUser } from '$lib/server/http/api.ts';
import { signOffSurvey } from '$lib/server/aftercare/asbuilt.service.ts';

// POST /api/v1/projects/:id/asbuilt/signoff {result: 'pass'|'fail', reason?, surveyId?} — city planning bureau (二.4).
export const POST = endpoint(async (event) => {
  const user = requireUser(event);
  return json(await signOffSurvey(await getDb(), user, event.params.id!, await readJson(event)));
});

import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { endpoint, readJson, requireUser } from '$lib/server/http/api.ts';
import { discardDraft, getDraft, saveDraft } from '$lib/server/standard/index.ts';
import { assertCanEdit } from '$lib/server/standard/rule-sets.service.ts';

export const GET = endpoint(async (event) => {
  assertCanEdit(requireUser(event));
  return json({ draft: await getDraft(await getDb()) });
});

/** Body: the rule set content {title, sample, notes, criteria}; an empty body starts a draft from the version in force. */
export const POST = endpoint(async (event) => {
  const user = requireUser(event);
  const body = await readJson(event);
  const draft = await saveDraft(await getDb(), user, Object.keys(body).length ? body : null);
  return json({ draft });
});

export const DELETE = endpoint(async (event) => {
  await discardDraft(await getDb(), requireUser(event));
  return json({ ok: true });
});

import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { endpoint, readJson, requireUser } from '$lib/server/http/api.ts';
import { confirmFact } from '$lib/server/policy/facts.service.ts';

// POST {fact: newlyTransferred|retainedInPlan|plotRatioAfter, value, reason?} — the district planning department
// confirms or corrects a path-deciding fact (a correction needs a reason and re-derives the path).
export const POST = endpoint(async (event) =>
  json(await confirmFact(await getDb(), requireUser(event), event.params.id!, await readJson(event)), { status: 201 })
);

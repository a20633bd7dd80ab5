import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { endpoint, readJson, requireUser } from '$lib/server/http/api.ts';
import { complianceView, decideProposal } from '$lib/server/aftercare/compliance.service.ts';

// GET /api/v1/projects/:id/compliance → {terms, performance, survey, checks, compliance, proposals}
export const GET = endpoint(async (event) =>
  json(await complianceView(await getDb(), requireUser(event), event.params.id!))
);

// POST /api/v1/projects/:id/compliance {key, decision: 'confirm'|'dismiss', reason?} — city confirms a proposed finding (二.5).
export const POST = endpoint(async (event) => {
  const user = requireUser(event);
  return json(await decideProposal(await getDb(), user, event.params.id!, await readJson(event)), { status: 201 });
});

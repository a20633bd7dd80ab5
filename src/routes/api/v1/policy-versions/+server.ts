import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { endpoint, readJson, requireUser } from '$lib/server/http/api.ts';
import { shanghaiDate } from '$lib/domain/dates.ts';
import { versionInForce } from '$lib/domain/policy/versions.ts';
import { policyVersions, recordPolicyVersion } from '$lib/server/policy/versions.service.ts';

// GET: the guideline's versions and the one in force today. POST {docNumber, title, kind: extension|successor,
// effectiveFrom, effectiveTo?, basedOn, note?}: the administrator records an extension or a successor.
export const GET = endpoint(async (event) => {
  requireUser(event);
  const versions = await policyVersions(await getDb());
  return json({ versions, inForce: versionInForce(versions, shanghaiDate(new Date())) });
});

export const POST = endpoint(async (event) => {
  const user = requireUser(event);
  return json(await recordPolicyVersion(await getDb(), user, await readJson(event)), { status: 201 });
});

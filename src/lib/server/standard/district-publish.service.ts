// Publishing district criteria (一.3) with what only the evaluation module knows: the city's rule set in force and
// re-evaluating the district's open projects in the same transaction. A loosening refused is logged (issue 12).
import type { Db, Queryable } from '../db/index.ts';
import type { SessionUser } from '../auth/session.ts';
import { DECIDED_STAGES } from '../../domain/standard/permissions.ts';
import { logPolicyRefusal } from '../policy/refusal-log.ts';
import { evaluateProject, ruleSetInForce } from './evaluation.service.ts';
import { publishDistrictCriteria } from './district-criteria.service.ts';

async function reevaluateDistrict(tx: Queryable, authorityCode: string): Promise<number> {
  const { rows } = await tx.query<{ id: string }>(
    'select id from projects where authority_code = $1 and not (stage = any($2::text[])) order by created_at',
    [authorityCode, [...DECIDED_STAGES]]
  );
  for (const r of rows) await evaluateProject(tx, r.id, 'publish');
  return rows.length;
}

export async function publishForDistrict(db: Db, user: SessionUser, authorityCode: string, body: unknown) {
  try {
    return await publishDistrictCriteria(db, user, authorityCode, body, () => ruleSetInForce(db), reevaluateDistrict);
  } catch (e) {
    await logPolicyRefusal(db, user, null, 'publish_district_criteria', e);
    throw e;
  }
}

// Publishing district criteria (一.3) with what only the evaluation module knows: the city's rule set in force and
// re-evaluating the district's open projects in the same transaction. A loosening refused is logged (issue 12).
import type { Db, Queryable } from '../db/index.ts';
import type { SessionUser } from '../auth/session.ts';
import { DECIDED_STAGES } from '../../domain/standard/permissions.ts';
import { logPolicyRefusal } from '../policy/refusal-log.ts';
import { evaluateProject, ruleSetInForce } from './evaluation.service.ts';
import { publishDistrictCriteria } from './district-criteria.service.ts';
import { listOpenProjectIds } from './standard.repository.ts';

async function reevaluateDistrict(tx: Queryable, authorityCode: string): Promise<number> {
  const ids = await listOpenProjectIds(tx, DECIDED_STAGES, authorityCode);
  for (const id of ids) await evaluateProject(tx, id, 'publish');
  return ids.length;
}

export async function publishForDistrict(db: Db, user: SessionUser, authorityCode: string, body: unknown) {
  try {
    return await publishDistrictCriteria(db, user, authorityCode, body, () => ruleSetInForce(db), reevaluateDistrict);
  } catch (e) {
    await logPolicyRefusal(db, user, null, 'publish_district_criteria', e);
    throw e;
  }
}

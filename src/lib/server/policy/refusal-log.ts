// "Every refusal and every override is in the event log with who and why" (issue 12). A refused action writes
// nothing in its own transaction (it rolled back); the refusal is then recorded on its own, naming the rule.
import type { Db } from '../db/index.ts';
import type { SessionUser } from '../auth/session.ts';
import { UserError } from '../../errors.ts';
import { insertRefusalEvent } from '../audit/events.repository.ts';

/** Refusals of the guideline's rules (not typing mistakes or stale tabs): these are logged. */
export const POLICY_REFUSAL_CODES = new Set([
  'authority_withdrawn',
  'positive_list_not_met',
  'negative_list_hit',
  'policy_expired',
  'construction_type_not_allowed',
  'sanction_in_force',
  'plan_adjustment_pending',
  'overlap_unacknowledged',
  'city_reserve_mechanism_missing',
  'district_criterion_loosens'
]);

export async function logPolicyRefusal(
  db: Db,
  actor: SessionUser,
  projectId: string | null,
  attempted: string,
  e: unknown
): Promise<void> {
  if (!(e instanceof UserError) || !POLICY_REFUSAL_CODES.has(e.code)) return;
  try {
    await insertRefusalEvent(db, projectId, actor, e.text.zh, {
      attempted,
      code: e.code,
      status: e.status,
      zh: e.text.zh,
      en: e.text.en
    });
  } catch (err) {
    console.error('policy refusal not logged:', err);
  }
}

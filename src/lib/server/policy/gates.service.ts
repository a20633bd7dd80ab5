// The policy rules the workflow service runs inside its transaction, before anything is written (issue 12):
// on submit the construction type against the path (一.4(2)) and the governing policy version; on recognition the
// period of force, the construction type again (facts may have been corrected), and the positive list (一.3、一.4)
// with its justification. Returns what the action's event records. Refusals throw UserErrors (409 / 403).
import type { Queryable } from '../db/index.ts';
import type { PathFacts } from '../../domain/paths.ts';
import { pathOf } from '../../domain/paths.ts';
import { checkConstructionType } from '../../domain/policy/construction-type.ts';
import {
  checkPositiveList,
  justificationRecord,
  positiveGaps,
  type PositiveGap
} from '../../domain/policy/positive-list.ts';
import { checkPolicyInForce, latestStarted, versionInForce } from '../../domain/policy/versions.ts';
import { checkReserveMechanism } from '../../domain/policy/city-path.ts';
import { evaluateProject } from '../standard/index.ts';
import { policyVersions } from './versions.service.ts';
import { refusalError as refused } from '../../errors.ts';

export interface GateOutcome {
  /** Merged into the action's event payload. */
  payload: Record<string, unknown>;
  /** Added to the event's comment (e.g. the positive-list justification). */
  comment: string | null;
  /** The governing policy version to store on the project. */
  policyVersionId: number | null;
}

export function justificationFrom(body: unknown): string | null {
  const j = body && typeof body === 'object' ? (body as Record<string, unknown>).justification : undefined;
  return typeof j === 'string' && j.trim() ? j.trim().slice(0, 4000) : null;
}

/** Positive-list criteria failing or unjudged now (re-evaluated, so it reflects the current form and rules). */
export async function currentPositiveGaps(db: Queryable, projectId: string): Promise<PositiveGap[]> {
  const r = await evaluateProject(db, projectId, 'submit');
  return r ? positiveGaps(r.evaluation.results) : [];
}

export async function submissionGate(
  db: Queryable,
  form: Record<string, unknown>,
  facts: PathFacts,
  today: string
): Promise<GateOutcome> {
  const ct = checkConstructionType(
    typeof form.constructionType === 'string' ? form.constructionType : null,
    pathOf(facts)
  );
  if (ct) throw refused(ct);
  const v = latestStarted(await policyVersions(db), today);
  return {
    payload: v
      ? {
          policyVersion: {
            id: v.id,
            docNumber: v.docNumber,
            effectiveFrom: v.effectiveFrom,
            effectiveTo: v.effectiveTo
          }
        }
      : {},
    comment: null,
    policyVersionId: v?.id ?? null
  };
}

export async function recognitionGate(
  db: Queryable,
  projectId: string,
  form: Record<string, unknown>,
  facts: PathFacts,
  today: string,
  body: unknown
): Promise<GateOutcome> {
  const versions = await policyVersions(db);
  const expired = checkPolicyInForce(versions, today);
  if (expired) throw refused(expired);
  const ct = checkConstructionType(
    typeof form.constructionType === 'string' ? form.constructionType : null,
    pathOf(facts)
  );
  if (ct) throw refused(ct);
  const gaps = await currentPositiveGaps(db, projectId);
  const justification = justificationFrom(body);
  const pl = checkPositiveList(gaps, justification);
  if (pl) throw refused(pl);
  const v = versionInForce(versions, today)!;
  const payload: Record<string, unknown> = {
    policyVersion: { id: v.id, docNumber: v.docNumber, effectiveFrom: v.effectiveFrom, effectiveTo: v.effectiveTo }
  };
  let comment: string | null = null;
  if (gaps.length > 0 && justification) {
    payload.positiveList = justificationRecord(gaps, justification);
    comment = `正面清单未全部符合（${gaps.map((g) => g.title.zh).join('、')}），仍予认定，理由：${justification}`;
  }
  return { payload, comment, policyVersionId: v.id };
}

/**
 * 三.1: forwarding a reserve-area new-land project records the government's preliminary review (the lead records it
 * for the government, 附件 二.3) and the step of the 战略预留区规划启动机制. A forward because the district's authority
 * is withdrawn (二.5) needs no mechanism.
 */
export function cityPathGate(facts: PathFacts, body: unknown): GateOutcome {
  const path = pathOf(facts);
  const raw = body && typeof body === 'object' ? (body as Record<string, unknown>).reserveMechanism : undefined;
  const record = typeof raw === 'string' && raw.trim() ? raw.trim().slice(0, 4000) : null;
  const r = checkReserveMechanism(path, record);
  if (r) throw refused(r);
  const payload: Record<string, unknown> = { recordedFor: path.decisionRole, basis: path.cityReview ? '三.1' : '二.5' };
  if (record) payload.reserveMechanism = record;
  return { payload, comment: record ? `战略预留区规划启动机制：${record}` : null, policyVersionId: null };
}

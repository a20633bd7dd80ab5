// Evaluate a project against a rule set, summarise, and compare two evaluations. A negative-list failure is a
// "hit": it blocks recognition unless the district records an override with a reason (issue 7). A positive-list
// failure means the project does not meet the standard; the district government decides, the platform says so.
import { LAND_TYPE_INFO } from '../land-types.ts';
import {
  checkDeclaration,
  checkIndustry,
  checkManual,
  checkSpatial,
  checkThreshold,
  type CheckOutcome,
  type EvaluationInput
} from './checks.ts';
import type { Figure } from './metrics.ts';
import type { Bilingual, CheckKind, Criterion, List, RuleSet, Status } from './model.ts';

export interface CriterionResult extends CheckOutcome {
  criterionId: string;
  list: List;
  kind: CheckKind;
  title: Bilingual;
  clause: string;
  placeholder: boolean;
  figures: Figure[];
  /** Set when the criterion is the district's own or its stricter version of a city criterion (一.3); absent: the city's. */
  source?: 'district';
}

export const OUTCOMES = ['meets', 'incomplete', 'does_not_meet', 'blocked'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const OUTCOME_LABELS: Record<Outcome, Bilingual> = {
  meets: { zh: '符合正面清单，未触及负面清单', en: 'Meets the positive list, no negative-list hit' },
  incomplete: { zh: '尚有待核查项', en: 'Some criteria need review' },
  does_not_meet: { zh: '不符合正面清单', en: 'Does not meet the positive list' },
  blocked: { zh: '触及负面清单', en: 'Negative-list hit' }
};

export interface Evaluation {
  ruleSetId: number;
  version: number | null;
  sample: boolean;
  results: CriterionResult[];
  counts: Record<Status, number>;
  /** Criterion ids of negative-list failures. */
  negativeHits: string[];
  positiveFails: string[];
  outcome: Outcome;
  /** The district criteria version merged in (一.3), when the project's district has published one. */
  district?: { authorityCode: string; version: number };
}

const NOT_APPLICABLE = (c: Criterion, input: EvaluationInput): CheckOutcome | null => {
  if (!c.landTypes.length || !input.classification) return null;
  const lt = input.classification.landType;
  if (c.landTypes.includes(lt)) return null;
  return {
    status: 'pass',
    figures: [{ key: 'landType', label: { zh: '空间类型', en: 'Land type' }, value: LAND_TYPE_INFO[lt].zh }],
    missing: [],
    reason: {
      zh: `本项仅适用于${c.landTypes.map((t) => LAND_TYPE_INFO[t].zh).join('、')}，地块属${LAND_TYPE_INFO[lt].zh}，不适用。`,
      en: `Applies only to ${c.landTypes.map((t) => LAND_TYPE_INFO[t].en).join(', ')}; the parcel is ${LAND_TYPE_INFO[lt].en}: not applicable.`
    }
  };
};

export function evaluateCriterion(
  c: Criterion,
  input: EvaluationInput,
  layerNames: Record<string, Bilingual> = {}
): CriterionResult {
  const check = c.check;
  const outcome =
    NOT_APPLICABLE(c, input) ??
    (check.kind === 'industry'
      ? checkIndustry(check, input)
      : check.kind === 'threshold'
        ? checkThreshold(check, input)
        : check.kind === 'spatial'
          ? checkSpatial(check, input, layerNames)
          : check.kind === 'declaration'
            ? checkDeclaration(check, c.id, input)
            : checkManual(check, c.id, input));
  const placeholder = (check.kind === 'threshold' || check.kind === 'spatial') && check.placeholder;
  const source = (c as { source?: string }).source === 'district' ? { source: 'district' as const } : {};
  return {
    criterionId: c.id,
    list: c.list,
    kind: check.kind,
    title: c.title,
    clause: c.clause,
    placeholder,
    ...outcome,
    ...source
  };
}

export function evaluate(
  ruleSet: Pick<RuleSet, 'id' | 'version' | 'sample' | 'criteria'>,
  input: EvaluationInput,
  layerNames: Record<string, Bilingual> = {}
): Evaluation {
  const results = ruleSet.criteria.map((c) => evaluateCriterion(c, input, layerNames));
  return summarise(ruleSet, results);
}

function summarise(ruleSet: Pick<RuleSet, 'id' | 'version' | 'sample'>, results: CriterionResult[]): Evaluation {
  const counts: Record<Status, number> = { pass: 0, fail: 0, needs_review: 0 };
  for (const r of results) counts[r.status]++;
  const negativeHits = results.filter((r) => r.list === 'negative' && r.status === 'fail').map((r) => r.criterionId);
  const positiveFails = results.filter((r) => r.list === 'positive' && r.status === 'fail').map((r) => r.criterionId);
  const outcome: Outcome = negativeHits.length
    ? 'blocked'
    : positiveFails.length
      ? 'does_not_meet'
      : counts.needs_review
        ? 'incomplete'
        : 'meets';
  return {
    ruleSetId: ruleSet.id,
    version: ruleSet.version,
    sample: ruleSet.sample,
    results,
    counts,
    negativeHits,
    positiveFails,
    outcome
  };
}

/** Negative-list hits not covered by an override: what still blocks recognition. */
export function unresolvedHits(e: Pick<Evaluation, 'negativeHits'>, overridden: readonly string[]): string[] {
  return e.negativeHits.filter((id) => !overridden.includes(id));
}

export interface CriterionChange {
  criterionId: string;
  title: Bilingual;
  list: List;
  /** null: the criterion is not in that evaluation (added or removed by the new version). */
  from: Status | null;
  to: Status | null;
  reason: Bilingual | null;
}

export interface EvaluationDiff {
  changed: boolean;
  outcomeFrom: Outcome | null;
  outcomeTo: Outcome;
  criteria: CriterionChange[];
}

/** What changes from `before` to `after`: statuses per criterion (by id), and the overall outcome. */
export function diffEvaluations(before: Evaluation | null, after: Evaluation): EvaluationDiff {
  const prev = new Map((before?.results ?? []).map((r) => [r.criterionId, r]));
  const next = new Map(after.results.map((r) => [r.criterionId, r]));
  const criteria: CriterionChange[] = [];
  for (const r of after.results) {
    const p = prev.get(r.criterionId);
    if (!p || p.status !== r.status)
      criteria.push({
        criterionId: r.criterionId,
        title: r.title,
        list: r.list,
        from: p?.status ?? null,
        to: r.status,
        reason: r.reason
      });
  }
  for (const p of before?.results ?? []) {
    if (!next.has(p.criterionId))
      criteria.push({
        criterionId: p.criterionId,
        title: p.title,
        list: p.list,
        from: p.status,
        to: null,
        reason: null
      });
  }
  const outcomeFrom = before?.outcome ?? null;
  return {
    changed: criteria.length > 0 || outcomeFrom !== after.outcome,
    outcomeFrom,
    outcomeTo: after.outcome,
    criteria
  };
}

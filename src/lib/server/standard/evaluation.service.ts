// Evaluation of projects against the rule set in force: on every change of the form, the parcel, a
// declaration, a judgement or the rule set. A new row is stored only when something changed (the history
// then reads as "what changed when"), and each row records the rule-set version it used.
import type { Queryable } from '../db/index.ts';
import { shanghaiDate } from '../../domain/dates.ts';
import { applicationDraftSchema } from '../../domain/application.ts';
import type { Bilingual } from '../../domain/standard/model.ts';
import { ancestry } from '../../domain/standard/industry.ts';
import type { EvaluationInput, SpatialFacts } from '../../domain/standard/checks.ts';
import {
  diffEvaluations,
  evaluate,
  unresolvedHits,
  type Evaluation,
  type EvaluationDiff
} from '../../domain/standard/evaluate.ts';
import { ensureStandardData } from './reference-data.ts';
import * as repo from './standard.repository.ts';
import { industryCodesByCode } from './industry-codes.repository.ts';
import type { StoredRuleSet } from './standard.repository.ts';
import { withDistrictCriteria } from './district-criteria.service.ts';

export type EvaluationTrigger =
  'form' | 'boundary' | 'submit' | 'declaration' | 'judgement' | 'publish' | 'view' | 'manual';

/** The classification JSON (src/lib/domain/classification/types.ts) read loosely: only what the checks need. */
export function spatialFactsFrom(c: Record<string, unknown> | null): SpatialFacts | null {
  if (!c || typeof c.landType !== 'string') return null;
  const arr = (v: unknown) => (Array.isArray(v) ? (v as Record<string, unknown>[]) : []);
  return {
    landType: c.landType as SpatialFacts['landType'],
    areaM2: Number(c.areaM2 ?? 0),
    zones: arr(c.zones).map((z) => ({
      kind: String(z.kind),
      name: String(z.name ?? ''),
      areaM2: Number(z.areaM2 ?? 0),
      share: Number(z.share ?? 0),
      zoneId: z.zoneId === undefined ? undefined : Number(z.zoneId)
    })),
    conflicts: arr(c.conflicts).map((z) => ({
      kind: String(z.kind),
      name: String(z.name ?? ''),
      areaM2: Number(z.areaM2 ?? 0),
      zoneId: z.zoneId === undefined ? undefined : Number(z.zoneId)
    })),
    layerKinds: arr(c.layerVersions).map((l) => String(l.kind))
  };
}

/** Everything an evaluation reads about one project. */
export async function loadEvaluationInput(db: Queryable, projectId: string): Promise<EvaluationInput | null> {
  const p = await repo.findProjectFacts(db, projectId);
  if (!p) return null;
  // Draft parsing keeps what is well typed and drops the rest (a malformed field counts as not filled in).
  const parsed = applicationDraftSchema.safeParse(p.form ?? {});
  const form = parsed.success ? parsed.data : {};
  const declarations: EvaluationInput['declarations'] = {};
  for (const d of await repo.latestDeclarations(db, projectId))
    declarations[d.criterion_id] = {
      affirmed: d.affirmed,
      fileId: d.file_id,
      fileName: d.file_name,
      at: new Date(d.at).toISOString()
    };
  const judgements: EvaluationInput['judgements'] = {};
  for (const j of await repo.latestJudgements(db, projectId))
    judgements[j.criterion_id] = {
      verdict: j.verdict,
      comment: j.comment,
      by: j.judged_by_name ?? undefined,
      at: new Date(j.at).toISOString()
    };
  return {
    form,
    classification: spatialFactsFrom(await repo.latestClassification(db, projectId)),
    declarations,
    judgements
  };
}

/** Names for the reasons: the project's code and its ancestors, and every code the rule set lists. */
async function industryNames(
  db: Queryable,
  ruleSet: StoredRuleSet,
  code: string | undefined
): Promise<Record<string, Bilingual>> {
  const codes = new Set<string>(code ? ancestry(code) : []);
  for (const c of ruleSet.criteria) if (c.check.kind === 'industry') c.check.codes.forEach((x) => codes.add(x));
  const rows = await industryCodesByCode(db, [...codes]);
  return Object.fromEntries(rows.map((r) => [r.code, { zh: r.name_zh, en: r.name_en }]));
}

export async function layerNameMap(db: Queryable): Promise<Record<string, Bilingual>> {
  return Object.fromEntries((await repo.layerNames(db)).map((l) => [l.code, { zh: l.name_zh, en: l.name_en }]));
}

export const today = () => shanghaiDate(new Date());

/** The rule set governing evaluations today. */
export async function ruleSetInForce(db: Queryable): Promise<StoredRuleSet> {
  await ensureStandardData(db);
  const rs = await repo.ruleSetInForce(db, today());
  if (!rs) throw new Error('no published rule set is in force'); // the sample is published from 2020-10-26: a bug if reached
  return rs;
}

/** The city's rule set in force with the project's district criteria merged in (一.3). */
export async function ruleSetForProject(
  db: Queryable,
  projectId: string,
  city?: StoredRuleSet
): Promise<StoredRuleSet & { district: { authorityCode: string; version: number } | null }> {
  const p = await repo.findProjectFacts(db, projectId);
  return withDistrictCriteria(db, city ?? (await ruleSetInForce(db)), p?.authority_code ?? null);
}

/** Evaluate without storing (e.g. "what would a newer version say?"). */
export async function evaluateWith(
  db: Queryable,
  ruleSet: StoredRuleSet,
  input: EvaluationInput,
  layers?: Record<string, Bilingual>
): Promise<Evaluation> {
  const names = await industryNames(db, ruleSet, input.form.industryCode);
  return evaluate(ruleSet, { ...input, industryNames: names }, layers ?? (await layerNameMap(db)));
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

export interface EvaluateResult {
  evaluation: Evaluation;
  /** Against the previously stored evaluation (null before: first evaluation). */
  diff: EvaluationDiff;
  stored: boolean;
}

/**
 * Evaluate the project against the rule set in force and store it when anything changed. Call inside the
 * transaction that changed the form, the parcel, a declaration or a judgement, so the evaluation and the
 * change commit together.
 */
export async function evaluateProject(
  db: Queryable,
  projectId: string,
  trigger: EvaluationTrigger = 'manual',
  ruleSet?: StoredRuleSet
): Promise<EvaluateResult | null> {
  const input = await loadEvaluationInput(db, projectId);
  if (!input) return null;
  const rs = await ruleSetForProject(db, projectId, ruleSet);
  const evaluation: Evaluation = await evaluateWith(db, rs, input);
  if (rs.district) evaluation.district = rs.district;
  const previous = await repo.latestEvaluation(db, projectId);
  const diff = diffEvaluations(previous?.result ?? null, evaluation);
  // jsonb reorders object keys, so compare canonical forms.
  const sameReasons =
    previous && previous.rule_set_id === rs.id && canonical(previous.result) === canonical(evaluation);
  if (sameReasons) return { evaluation, diff, stored: false };
  await repo.insertEvaluation(db, projectId, evaluation, trigger);
  return { evaluation, diff, stored: true };
}

/** Negative-list criteria overridden by the district for this project (any rule-set version: ids are stable). */
export async function overriddenCriteria(db: Queryable, projectId: string): Promise<string[]> {
  return [...new Set((await repo.listOverrides(db, projectId)).flatMap((o) => o.criterion_ids))];
}

/**
 * Why recognition is blocked, or null: a negative-list hit without an override. Re-evaluates first, so the
 * answer reflects the current form, parcel and rule set. The workflow calls this before `recognise`.
 */
export async function recognitionBlock(db: Queryable, projectId: string): Promise<Bilingual | null> {
  const r = await evaluateProject(db, projectId, 'submit');
  if (!r) return null;
  const open = unresolvedHits(r.evaluation, await overriddenCriteria(db, projectId));
  if (!open.length) return null;
  const titles = r.evaluation.results.filter((x) => open.includes(x.criterionId));
  return {
    zh: `项目触及负面清单：${titles.map((t) => `“${t.title.zh}”`).join('、')}。区产业部门记录豁免理由后方可认定。`,
    en: `The project hits the negative list: ${titles.map((t) => `"${t.title.en || t.title.zh}"`).join(', ')}. The district must record an override with a reason before recognition.`
  };
}

// Rule-set versions: one shared draft the city edits, published as a new version with an effective date.
// Publishing a version already in force re-evaluates every open project in the same transaction and
// reports what changed; a version with a future date is announced and governs from that date.
import type { Db, Queryable } from '../db/index.ts';
import type { SessionUser } from '../auth/session.ts';
import { apiError } from '../http/api.ts';
import { isIsoDate } from '../../domain/dates.ts';
import { ruleSetContentSchema, type Bilingual, type RuleSetContent } from '../../domain/standard/model.ts';
import { canEditStandard, DECIDED_STAGES } from '../../domain/standard/permissions.ts';
import type { EvaluationDiff, Outcome } from '../../domain/standard/evaluate.ts';
import { ensureStandardData } from './reference-data.ts';
import { evaluateProject, ruleSetInForce, today } from './evaluation.service.ts';
import * as repo from './standard.repository.ts';

export type { StoredRuleSet } from './standard.repository.ts';

const forbidden = () =>
  apiError(403, 'forbidden', {
    zh: '只有系统管理员或市经济信息化委可以编辑和发布认定标准。',
    en: 'Only the administrator or the city SHEITC may edit and publish the standard.'
  });

export function assertCanEdit(user: SessionUser) {
  if (!canEditStandard(user.role)) throw forbidden();
}

export async function listRuleSets(db: Queryable) {
  await ensureStandardData(db);
  const all = await repo.listRuleSets(db);
  const inForce = await repo.ruleSetInForce(db, today());
  return { ruleSets: all, inForceId: inForce?.id ?? null, today: today() };
}

export async function getRuleSet(db: Queryable, id: number) {
  await ensureStandardData(db);
  return repo.findRuleSet(db, id);
}

export async function getDraft(db: Queryable) {
  await ensureStandardData(db);
  return repo.findDraft(db);
}

/** Zod issues as "criterion 3 (P-TAX): check.value …" lines, in both languages. */
function describe(issues: { path: PropertyKey[]; message: string }[], input: unknown): Bilingual {
  const criteria = (input as { criteria?: { id?: string }[] })?.criteria ?? [];
  const lines = issues.slice(0, 10).map((i) => {
    const [head, idx, ...rest] = i.path.map(String);
    const where =
      head === 'criteria' && idx !== undefined
        ? `#${Number(idx) + 1}${criteria[Number(idx)]?.id ? ` (${criteria[Number(idx)].id})` : ''} ${rest.join('.')}`
        : i.path.join('.');
    return `${where}: ${i.message}`;
  });
  return { zh: `认定标准内容有误：${lines.join('；')}`, en: `The rule set is not valid: ${lines.join('; ')}` };
}

export function parseContent(input: unknown): RuleSetContent {
  const r = ruleSetContentSchema.safeParse(input);
  if (!r.success) throw apiError(400, 'invalid_rule_set', describe(r.error.issues, input));
  return r.data;
}

/** Creates or replaces the draft. A new draft starts from the version in force unless content is given. */
export async function saveDraft(db: Db, user: SessionUser, input: unknown | null) {
  assertCanEdit(user);
  await ensureStandardData(db);
  return db.transaction(async (tx) => {
    const existing = await repo.findDraft(tx, { forUpdate: true });
    const base = await ruleSetInForce(tx);
    const content =
      input === null
        ? (existing ?? { title: base.title, sample: base.sample, notes: base.notes, criteria: base.criteria })
        : parseContent(input);
    if (existing) {
      await repo.updateDraft(tx, existing.id, content);
      return (await repo.findRuleSet(tx, existing.id))!;
    }
    const id = await repo.insertRuleSet(tx, { ...content, basedOn: base.id, createdBy: user.id });
    return (await repo.findRuleSet(tx, id))!;
  });
}

export async function discardDraft(db: Db, user: SessionUser) {
  assertCanEdit(user);
  const d = await repo.findDraft(db);
  if (d) await repo.deleteDraft(db, d.id);
}

export interface ProjectChange {
  projectId: string;
  code: string;
  title: string;
  stage: string;
  outcomeFrom: Outcome | null;
  outcomeTo: Outcome;
  criteria: EvaluationDiff['criteria'];
}

export interface PublicationReport {
  ruleSetId: number;
  version: number;
  effectiveFrom: string;
  /** False when the effective date is in the future: nothing re-evaluated yet. */
  inForce: boolean;
  projectsChecked: number;
  changes: ProjectChange[];
}

/** Re-evaluates every open project against `ruleSet`, returning the projects whose result changed. */
export async function reevaluateOpenProjects(tx: Queryable, ruleSet: repo.StoredRuleSet) {
  const ids = await repo.listOpenProjectIds(tx, DECIDED_STAGES);
  const changes: ProjectChange[] = [];
  for (const id of ids) {
    const r = await evaluateProject(tx, id, 'publish', ruleSet);
    if (!r || !r.diff.changed) continue;
    const p = (await repo.findProjectFacts(tx, id))!;
    changes.push({
      projectId: id,
      code: p.code,
      title: p.title,
      stage: p.stage,
      outcomeFrom: r.diff.outcomeFrom,
      outcomeTo: r.diff.outcomeTo,
      criteria: r.diff.criteria
    });
  }
  return { checked: ids.length, changes };
}

/** Publishes the draft as the next version effective from `effectiveFrom` (YYYY-MM-DD, Asia/Shanghai). */
export async function publishDraft(db: Db, user: SessionUser, effectiveFrom: unknown): Promise<PublicationReport> {
  assertCanEdit(user);
  if (typeof effectiveFrom !== 'string' || !isIsoDate(effectiveFrom))
    throw apiError(400, 'bad_effective_date', {
      zh: '请填写生效日期（格式 YYYY-MM-DD）。',
      en: 'Give the effective date as YYYY-MM-DD.'
    });
  await ensureStandardData(db);
  return db.transaction(async (tx) => {
    const draft = await repo.findDraft(tx, { forUpdate: true });
    if (!draft)
      throw apiError(409, 'no_draft', {
        zh: '没有待发布的草稿，请先编辑认定标准。',
        en: 'There is no draft to publish: edit the standard first.'
      });
    parseContent(draft); // a draft saved by an older schema must still be valid
    const version = await repo.publishDraft(tx, draft.id, effectiveFrom, user.id);
    const published = (await repo.findRuleSet(tx, draft.id))!;
    const inForce = effectiveFrom <= today() && (await repo.ruleSetInForce(tx, today()))?.id === published.id;
    const { checked, changes } = inForce ? await reevaluateOpenProjects(tx, published) : { checked: 0, changes: [] };
    await repo.insertPublication(tx, { ruleSetId: published.id, by: user.id, checked, changes });
    return { ruleSetId: published.id, version, effectiveFrom, inForce, projectsChecked: checked, changes };
  });
}

export async function publicationReport(db: Queryable, ruleSetId: number) {
  return repo.latestPublication(db, ruleSetId);
}

// All SQL of the recognition standard: rule sets, the industry code table, evaluations, declarations,
// judgements, overrides and publication reports. Services decide; this file only reads and writes.
import { isUuid } from '../http/ids.ts';
import type { Queryable } from '../db/index.ts';
import type { Criterion, RuleSet, RuleSetContent } from '../../domain/standard/model.ts';
import type { Evaluation } from '../../domain/standard/evaluate.ts';

interface RuleSetRow {
  id: number;
  version: number | null;
  status: 'draft' | 'published';
  title_zh: string;
  title_en: string;
  sample: boolean;
  notes: string;
  criteria: Criterion[];
  effective_from: string | null;
  published_at: Date | null;
  based_on: number | null;
  updated_at: Date;
}

const RULE_SET_COLUMNS = `id, version, status, title_zh, title_en, sample, notes, criteria, to_char(effective_from, 'YYYY-MM-DD') as effective_from,
  published_at, based_on, updated_at`;

export interface StoredRuleSet extends RuleSet {
  basedOn: number | null;
  updatedAt: string;
}

function toRuleSet(r: RuleSetRow): StoredRuleSet {
  return {
    id: r.id,
    version: r.version,
    status: r.status,
    title: { zh: r.title_zh, en: r.title_en },
    sample: r.sample,
    notes: r.notes,
    criteria: typeof r.criteria === 'string' ? JSON.parse(r.criteria) : r.criteria,
    effectiveFrom: r.effective_from,
    publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
    basedOn: r.based_on,
    updatedAt: new Date(r.updated_at).toISOString()
  };
}

export async function listRuleSets(db: Queryable): Promise<StoredRuleSet[]> {
  const { rows } = await db.query<RuleSetRow>(
    `select ${RULE_SET_COLUMNS} from standard_rule_sets order by version desc nulls first, id desc`
  );
  return rows.map(toRuleSet);
}

export async function findRuleSet(db: Queryable, id: number): Promise<StoredRuleSet | null> {
  const { rows } = await db.query<RuleSetRow>(`select ${RULE_SET_COLUMNS} from standard_rule_sets where id = $1`, [id]);
  return rows[0] ? toRuleSet(rows[0]) : null;
}

export async function findDraft(db: Queryable, opts: { forUpdate?: boolean } = {}): Promise<StoredRuleSet | null> {
  const { rows } = await db.query<RuleSetRow>(
    `select ${RULE_SET_COLUMNS} from standard_rule_sets where status = 'draft'${opts.forUpdate ? ' for update' : ''}`
  );
  return rows[0] ? toRuleSet(rows[0]) : null;
}

/** The version in force on `date`: latest effective date on or before it, then the highest version. */
export async function ruleSetInForce(db: Queryable, date: string): Promise<StoredRuleSet | null> {
  const { rows } = await db.query<RuleSetRow>(
    `select ${RULE_SET_COLUMNS} from standard_rule_sets
      where status = 'published' and effective_from <= $1::date
      order by effective_from desc, version desc limit 1`,
    [date]
  );
  return rows[0] ? toRuleSet(rows[0]) : null;
}

/** Published versions taking effect after `date` (announced, not yet in force). */
export async function ruleSetsScheduledAfter(db: Queryable, date: string): Promise<StoredRuleSet[]> {
  const { rows } = await db.query<RuleSetRow>(
    `select ${RULE_SET_COLUMNS} from standard_rule_sets where status = 'published' and effective_from > $1::date order by effective_from, version`,
    [date]
  );
  return rows.map(toRuleSet);
}

export async function insertRuleSet(
  db: Queryable,
  c: RuleSetContent & { basedOn: number | null; createdBy: string | null }
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `insert into standard_rule_sets (status, title_zh, title_en, sample, notes, criteria, based_on, created_by)
     values ('draft', $1, $2, $3, $4, $5, $6, $7) returning id`,
    [c.title.zh, c.title.en, c.sample, c.notes, JSON.stringify(c.criteria), c.basedOn, c.createdBy]
  );
  return rows[0].id;
}

export async function updateDraft(db: Queryable, id: number, c: RuleSetContent): Promise<void> {
  await db.query(
    `update standard_rule_sets set title_zh = $2, title_en = $3, sample = $4, notes = $5, criteria = $6, updated_at = now()
      where id = $1 and status = 'draft'`,
    [id, c.title.zh, c.title.en, c.sample, c.notes, JSON.stringify(c.criteria)]
  );
}

export async function deleteDraft(db: Queryable, id: number): Promise<void> {
  await db.query(`delete from standard_rule_sets where id = $1 and status = 'draft'`, [id]);
}

/** Publishes the draft as the next version. Versions are serialised by the unique index on `version`. */
export async function publishDraft(
  db: Queryable,
  id: number,
  effectiveFrom: string,
  by: string | null
): Promise<number> {
  const { rows } = await db.query<{ version: number }>(
    `update standard_rule_sets
        set status = 'published', effective_from = $2::date, published_at = now(), published_by = $3, updated_at = now(),
            version = (select coalesce(max(version), 0) + 1 from standard_rule_sets)
      where id = $1 and status = 'draft' returning version`,
    [id, effectiveFrom, by]
  );
  return rows[0].version;
}

/** The bundled sample as version 1, when nothing is published yet; a second instance racing here does nothing. */
export async function insertPublishedIfNone(db: Queryable, c: RuleSetContent, effectiveFrom: string): Promise<void> {
  await db.query(
    `insert into standard_rule_sets (version, status, title_zh, title_en, sample, notes, criteria, effective_from, published_at)
     select 1, 'published', $1, $2, $3, $4, $5, $6::date, now()
      where not exists (select 1 from standard_rule_sets where status = 'published')
     on conflict (version) do nothing`,
    [c.title.zh, c.title.en, c.sample, c.notes, JSON.stringify(c.criteria), effectiveFrom]
  );
}

// ---- project facts --------------------------------------------------------------------------------

export interface ProjectFactsRow {
  id: string;
  code: string;
  title: string;
  stage: string;
  authority_code: string | null;
  owner_id: string;
  form: Record<string, unknown>;
}

export async function findProjectFacts(db: Queryable, id: string): Promise<ProjectFactsRow | null> {
  if (!isUuid(id)) return null;
  const { rows } = await db.query<ProjectFactsRow>(
    `select id, code, title, stage, authority_code, owner_id, form from projects where id = $1`,
    [id]
  );
  return rows[0] ?? null;
}

/** Projects whose recognition is still open (the rule set in force may still change their outcome); of one district if given. */
export async function listOpenProjectIds(
  db: Queryable,
  closedStages: readonly string[],
  authorityCode?: string
): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `select id from projects where not (stage = any($1::text[]))${authorityCode === undefined ? '' : ' and authority_code = $2'} order by created_at`,
    authorityCode === undefined ? [closedStages] : [closedStages, authorityCode]
  );
  return rows.map((r) => r.id);
}

/** The latest classification result of the project's parcel (written by the classification module). */
export async function latestClassification(db: Queryable, projectId: string): Promise<Record<string, unknown> | null> {
  const { rows } = await db.query<{ result: unknown }>(
    `select result from classifications where project_id = $1 order by id desc limit 1`,
    [projectId]
  );
  const r = rows[0]?.result;
  if (!r) return null;
  return (typeof r === 'string' ? JSON.parse(r) : r) as Record<string, unknown>;
}

export async function layerNames(db: Queryable): Promise<{ code: string; name_zh: string; name_en: string }[]> {
  return (
    await db.query<{ code: string; name_zh: string; name_en: string }>(`select code, name_zh, name_en from layer_kinds`)
  ).rows;
}

// ---- declarations and judgements ------------------------------------------------------------------

export interface DeclarationRow {
  criterion_id: string;
  affirmed: boolean;
  file_id: string | null;
  file_name: string | null;
  /** Who declared it. */
  by: string | null;
  at: Date;
}

export async function latestDeclarations(db: Queryable, projectId: string): Promise<DeclarationRow[]> {
  const { rows } = await db.query<DeclarationRow>(
    `select distinct on (d.criterion_id) d.criterion_id, d.affirmed, f.id as file_id, f.original_name as file_name, u.display_name as by, d.at
       from standard_declarations d
       left join files f on f.id = d.file_id and exists (select 1 from project_files pf where pf.project_id = d.project_id and pf.file_id = d.file_id)
       left join users u on u.id = d.declared_by
      where d.project_id = $1 order by d.criterion_id, d.id desc`,
    [projectId]
  );
  return rows;
}

export async function insertDeclaration(
  db: Queryable,
  d: { projectId: string; criterionId: string; affirmed: boolean; fileId: string | null; by: string }
) {
  await db.query(
    `insert into standard_declarations (project_id, criterion_id, affirmed, file_id, declared_by) values ($1, $2, $3, $4, $5)`,
    [d.projectId, d.criterionId, d.affirmed, d.fileId, d.by]
  );
}

/** Whether the file is one of this project's documents (a declaration may only cite those; issue 11.6). */
export async function projectHasFile(db: Queryable, projectId: string, fileId: string): Promise<boolean> {
  if (!isUuid(fileId)) return false;
  return (
    (await db.query(`select 1 from project_files where project_id = $1 and file_id = $2`, [projectId, fileId])).rows
      .length > 0
  );
}

export interface JudgementRow {
  criterion_id: string;
  verdict: 'pass' | 'fail';
  comment: string;
  judged_by_name: string | null;
  judged_role: string | null;
  at: Date;
}

export async function latestJudgements(db: Queryable, projectId: string): Promise<JudgementRow[]> {
  const { rows } = await db.query<JudgementRow>(
    `select distinct on (j.criterion_id) j.criterion_id, j.verdict, j.comment, u.display_name as judged_by_name, j.judged_role, j.at
       from standard_judgements j left join users u on u.id = j.judged_by
      where j.project_id = $1 order by j.criterion_id, j.id desc`,
    [projectId]
  );
  return rows;
}

export async function insertJudgement(
  db: Queryable,
  j: { projectId: string; criterionId: string; verdict: 'pass' | 'fail'; comment: string; by: string; role: string }
) {
  await db.query(
    `insert into standard_judgements (project_id, criterion_id, verdict, comment, judged_by, judged_role) values ($1, $2, $3, $4, $5, $6)`,
    [j.projectId, j.criterionId, j.verdict, j.comment, j.by, j.role]
  );
}

// ---- evaluations ----------------------------------------------------------------------------------

export interface EvaluationRow {
  id: number;
  rule_set_id: number;
  result: Evaluation;
  trigger: string;
  at: Date;
}

export async function latestEvaluation(db: Queryable, projectId: string): Promise<EvaluationRow | null> {
  const { rows } = await db.query<EvaluationRow>(
    `select id, rule_set_id, result, trigger, at from standard_evaluations where project_id = $1 order by id desc limit 1`,
    [projectId]
  );
  const r = rows[0];
  if (!r) return null;
  return { ...r, id: Number(r.id), result: typeof r.result === 'string' ? JSON.parse(r.result) : r.result };
}

export async function insertEvaluation(
  db: Queryable,
  projectId: string,
  e: Evaluation,
  trigger: string
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `insert into standard_evaluations (project_id, rule_set_id, outcome, result, trigger) values ($1, $2, $3, $4, $5) returning id`,
    [projectId, e.ruleSetId, e.outcome, JSON.stringify(e), trigger]
  );
  return Number(rows[0].id);
}

// ---- overrides and events -------------------------------------------------------------------------

export interface OverrideRow {
  id: number;
  rule_set_id: number;
  criterion_ids: string[];
  reason: string;
  by_name: string | null;
  by_role: string;
  authority_code: string | null;
  event_id: number | null;
  at: Date;
}

export async function listOverrides(db: Queryable, projectId: string): Promise<OverrideRow[]> {
  const { rows } = await db.query<OverrideRow>(
    `select o.id, o.rule_set_id, o.criterion_ids, o.reason, u.display_name as by_name, o.by_role, o.authority_code, o.event_id, o.at
       from standard_overrides o left join users u on u.id = o.by_id where o.project_id = $1 order by o.id`,
    [projectId]
  );
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    event_id: r.event_id === null ? null : Number(r.event_id),
    criterion_ids: typeof r.criterion_ids === 'string' ? JSON.parse(r.criterion_ids) : r.criterion_ids
  }));
}

/** Appends a history event that is not a workflow transition (version stays null; stage unchanged). */
export async function insertEvent(
  db: Queryable,
  e: {
    projectId: string;
    actorId: string;
    role: string;
    action: string;
    stage: string;
    comment: string | null;
    payload: unknown;
  }
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `insert into events (project_id, actor_id, actor_role, action, from_stage, to_stage, comment, payload)
     values ($1, $2, $3, $4, $5, $5, $6, $7) returning id`,
    [e.projectId, e.actorId, e.role, e.action, e.stage, e.comment, JSON.stringify(e.payload)]
  );
  return Number(rows[0].id);
}

export async function insertOverride(
  db: Queryable,
  o: {
    projectId: string;
    ruleSetId: number;
    criterionIds: string[];
    reason: string;
    by: string;
    role: string;
    authorityCode: string | null;
    eventId: number;
  }
) {
  await db.query(
    `insert into standard_overrides (project_id, rule_set_id, criterion_ids, reason, by_id, by_role, authority_code, event_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [o.projectId, o.ruleSetId, JSON.stringify(o.criterionIds), o.reason, o.by, o.role, o.authorityCode, o.eventId]
  );
}

// ---- publications ---------------------------------------------------------------------------------

export async function insertPublication(
  db: Queryable,
  p: { ruleSetId: number; by: string | null; checked: number; changes: unknown }
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `insert into standard_publications (rule_set_id, published_by, projects_checked, changes) values ($1, $2, $3, $4) returning id`,
    [p.ruleSetId, p.by, p.checked, JSON.stringify(p.changes)]
  );
  return Number(rows[0].id);
}

export async function latestPublication(db: Queryable, ruleSetId: number) {
  const { rows } = await db.query<{ id: number; at: Date; projects_checked: number; changes: unknown }>(
    `select id, at, projects_checked, changes from standard_publications where rule_set_id = $1 order by id desc limit 1`,
    [ruleSetId]
  );
  const r = rows[0];
  return r ? { ...r, changes: typeof r.changes === 'string' ? JSON.parse(r.changes) : r.changes } : null;
}

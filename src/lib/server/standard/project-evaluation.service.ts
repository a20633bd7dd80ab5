// A project's checklist as pages and the API show it, and the acts on it: the enterprise's declarations,
// a reviewer's judgement, the district's override of negative-list hits (recorded as an event).
import type { Db, Queryable } from '../db/index.ts';
import type { SessionUser } from '../auth/session.ts';
import { apiError } from '../http/api.ts';
import { loadVisible } from '../projects/project-access.ts';
import { findFile } from '../projects/projects.repository.ts';
import { toActor } from '../auth/actor.ts';
import { canOverride, DECIDED_STAGES } from '../../domain/standard/permissions.ts';
import { declarationPayloadRefusal, declarationRefusal, judgementRefusal } from '../../domain/declarations.ts';
import { refusalError } from '../../errors.ts';
import {
  diffEvaluations,
  unresolvedHits,
  type Evaluation,
  type EvaluationDiff
} from '../../domain/standard/evaluate.ts';
import {
  evaluateProject,
  evaluateWith,
  loadEvaluationInput,
  overriddenCriteria,
  ruleSetForProject,
  ruleSetInForce,
  today
} from './evaluation.service.ts';
import * as repo from './standard.repository.ts';

export interface ProjectEvaluationView {
  projectId: string;
  stage: string;
  evaluation: Evaluation;
  evaluatedAt: string;
  trigger: string;
  ruleSet: {
    id: number;
    version: number | null;
    title: { zh: string; en: string };
    sample: boolean;
    effectiveFrom: string | null;
  };
  /** A version newer than the one used (in force, or announced) that would give a different result. */
  newer: { id: number; version: number | null; effectiveFrom: string | null; diff: EvaluationDiff } | null;
  overrides: {
    id: number;
    criterionIds: string[];
    reason: string;
    by: string | null;
    role: string;
    at: string;
    eventId: number | null;
  }[];
  /** Negative-list hits not overridden: recognition is blocked while non-empty. */
  blockingHits: string[];
  can: { override: boolean; judge: boolean; declare: boolean };
  /** Who declared / judged each criterion, and when (the latest act counts). */
  acts: Record<
    string,
    {
      by: string | null;
      at: string;
      affirmed?: boolean;
      fileId?: string | null;
      fileName?: string | null;
      verdict?: 'pass' | 'fail';
      comment?: string;
    }
  >;
}

const decided = (stage: string) => (DECIDED_STAGES as readonly string[]).includes(stage);

/**
 * The checklist of a project the user may see. Open projects are (re-)evaluated on read, so the list always
 * reflects the current form, parcel and rule set; decided projects keep the version they were decided with.
 */
export async function getProjectEvaluation(
  db: Db,
  user: SessionUser,
  projectId: string
): Promise<ProjectEvaluationView> {
  const row = await loadVisible(db, user, projectId);
  if (!decided(row.stage) || !(await repo.latestEvaluation(db, projectId)))
    await evaluateProject(db, projectId, 'view');
  const stored = (await repo.latestEvaluation(db, projectId))!;
  const used = (await repo.findRuleSet(db, stored.rule_set_id))!;
  // Newer: the version in force (if the project was evaluated with an older one) or the latest announced one.
  const candidates = [await ruleSetInForce(db), ...(await repo.ruleSetsScheduledAfter(db, today()))].filter(
    (r) => (r.version ?? 0) > (used.version ?? 0)
  );
  let newer: ProjectEvaluationView['newer'] = null;
  const latest = candidates.sort((a, b) => (b.version ?? 0) - (a.version ?? 0))[0];
  if (latest) {
    const input = (await loadEvaluationInput(db, projectId))!;
    const diff = diffEvaluations(
      stored.result,
      await evaluateWith(db, await ruleSetForProject(db, projectId, latest), input)
    );
    if (diff.changed) newer = { id: latest.id, version: latest.version, effectiveFrom: latest.effectiveFrom, diff };
  }
  const overrides = await repo.listOverrides(db, projectId);
  const actor = toActor(user);
  const scope = { authorityCode: row.authority_code, ownerId: row.owner_id };
  const overridden = overrides.flatMap((o) => o.criterion_ids);
  return {
    projectId,
    stage: row.stage,
    evaluation: stored.result,
    evaluatedAt: new Date(stored.at).toISOString(),
    trigger: stored.trigger,
    ruleSet: {
      id: used.id,
      version: used.version,
      title: used.title,
      sample: used.sample,
      effectiveFrom: used.effectiveFrom
    },
    newer,
    overrides: overrides.map((o) => ({
      id: o.id,
      criterionIds: o.criterion_ids,
      reason: o.reason,
      by: o.by_name,
      role: o.by_role,
      at: new Date(o.at).toISOString(),
      eventId: o.event_id
    })),
    blockingHits: unresolvedHits(stored.result, overridden),
    can: {
      override: canOverride(actor, scope) && !decided(row.stage),
      judge: judgementRefusal(actor, { ...scope, stage: row.stage }) === null,
      declare: declarationRefusal(actor, { ...scope, stage: row.stage }) === null
    },
    acts: await actsOf(db, projectId)
  };
}

const MAX_REASON = 2000;
const requireText = (v: unknown, what: { zh: string; en: string }) => {
  if (typeof v !== 'string' || !v.trim())
    throw apiError(400, 'reason_required', { zh: `请填写${what.zh}。`, en: `${what.en} is required.` });
  if (v.length > MAX_REASON)
    throw apiError(400, 'too_long', {
      zh: `${what.zh}过长（最多 ${MAX_REASON} 字）。`,
      en: `${what.en} is too long (at most ${MAX_REASON} characters).`
    });
  return v.trim();
};
const closed = () =>
  apiError(409, 'decided', {
    zh: '项目认定已办结，不能再修改清单核查结果。',
    en: 'The recognition is decided: the checklist can no longer change.'
  });

/**
 * The district overrides negative-list hits with a reason. Covers the given criteria (default: every current
 * unresolved hit); the override row and its history event commit in one transaction.
 */
export async function recordOverride(
  db: Db,
  user: SessionUser,
  projectId: string,
  body: { reason?: unknown; criterionIds?: unknown }
) {
  const reason = requireText(body.reason, { zh: '豁免理由', en: 'The reason' });
  return db.transaction(async (tx) => {
    const row = await loadVisible(tx, user, projectId, { forUpdate: true });
    if (!canOverride(toActor(user), { authorityCode: row.authority_code, ownerId: row.owner_id }))
      throw apiError(403, 'forbidden', {
        zh: '只有本区产业部门或区政府（临港新片区管委会）可以记录负面清单豁免。',
        en: 'Only the district industry department or the district government (Lingang committee) may override a negative-list hit.'
      });
    if (decided(row.stage)) throw closed();
    const r = (await evaluateProject(tx, projectId, 'manual'))!;
    const open = unresolvedHits(r.evaluation, await overriddenCriteria(tx, projectId));
    const wanted = Array.isArray(body.criterionIds) && body.criterionIds.length ? body.criterionIds.map(String) : open;
    const notHits = wanted.filter((id) => !r.evaluation.negativeHits.includes(id));
    if (notHits.length)
      throw apiError(400, 'not_a_hit', {
        zh: `以下条目不是当前的负面清单触及项：${notHits.join('、')}。`,
        en: `Not a current negative-list hit: ${notHits.join(', ')}.`
      });
    if (!wanted.length)
      throw apiError(409, 'nothing_to_override', {
        zh: '当前没有需要豁免的负面清单触及项。',
        en: 'There is no negative-list hit to override.'
      });
    const titles = r.evaluation.results
      .filter((x) => wanted.includes(x.criterionId))
      .map((x) => ({ id: x.criterionId, title: x.title }));
    const eventId = await repo.insertEvent(tx, {
      projectId,
      actorId: user.id,
      role: user.role,
      action: 'standard_override',
      stage: row.stage,
      comment: reason,
      payload: { ruleSetId: r.evaluation.ruleSetId, version: r.evaluation.version, criteria: titles }
    });
    await repo.insertOverride(tx, {
      projectId,
      ruleSetId: r.evaluation.ruleSetId,
      criterionIds: wanted,
      reason,
      by: user.id,
      role: user.role,
      authorityCode: user.authorityCode,
      eventId
    });
    return { eventId, criterionIds: wanted };
  });
}

/**
 * The enterprise's declaration (承诺声明), part of its application form: only the enterprise, only while the
 * form is editable; a "yes" that needs a document needs a file uploaded to this project as
 * declaration_evidence. Recorded as an event with who and when.
 */
export async function recordDeclaration(
  db: Db,
  user: SessionUser,
  projectId: string,
  body: { criterionId?: unknown; affirmed?: unknown; fileId?: unknown }
) {
  return db.transaction(async (tx) => {
    const row = await loadVisible(tx, user, projectId, { forUpdate: true });
    const refusal = declarationRefusal(toActor(user), {
      authorityCode: row.authority_code,
      ownerId: row.owner_id,
      stage: row.stage
    });
    if (refusal) throw refusalError(refusal);
    const criterion = await declarationCriterion(tx, String(body.criterionId ?? ''), projectId);
    const fileId = body.fileId === undefined || body.fileId === null || body.fileId === '' ? null : String(body.fileId);
    let fileName: string | null = null;
    if (fileId) {
      // The evidence is a file of THIS project (issue 11's scoping rule); the form uploads it as declaration_evidence.
      if (!(await repo.projectHasFile(tx, projectId, fileId)))
        throw apiError(400, 'unknown_file', {
          zh: '证明材料不是本项目已上传的文件：请先在本项目的“申报材料”中上传，再选择它。',
          en: "The document is not one of this project's uploaded files: upload it to this project's documents first, then choose it."
        });
      fileName = (await findFile(tx, fileId))?.original_name ?? null;
    }
    const bad = declarationPayloadRefusal(body.affirmed, fileId !== null, criterion.documentRequired);
    if (bad) throw refusalError(bad);
    const affirmed = body.affirmed as boolean;
    await repo.insertDeclaration(tx, { projectId, criterionId: criterion.id, affirmed, fileId, by: user.id });
    await repo.insertEvent(tx, {
      projectId,
      actorId: user.id,
      role: user.role,
      action: 'standard_declaration',
      stage: row.stage,
      comment: null,
      payload: { criterionId: criterion.id, statement: criterion.statement, affirmed, fileId, fileName }
    });
    return (await evaluateProject(tx, projectId, 'declaration'))!.evaluation;
  });
}

async function declarationCriterion(db: Queryable, id: string, projectId: string) {
  await criterionOf(db, id, 'declaration', projectId);
  const c = (await ruleSetForProject(db, projectId)).criteria.find((x) => x.id === id)!;
  const check = c.check as { statement: { zh: string; en: string }; documentRequired: boolean };
  return { id, statement: check.statement, documentRequired: check.documentRequired };
}

/** The latest declaration and judgement of each criterion, with who made it. */
async function actsOf(db: Queryable, projectId: string): Promise<ProjectEvaluationView['acts']> {
  const acts: ProjectEvaluationView['acts'] = {};
  for (const r of await repo.latestDeclarations(db, projectId))
    acts[r.criterion_id] = {
      by: r.by,
      at: new Date(r.at).toISOString(),
      affirmed: r.affirmed,
      fileId: r.file_id,
      fileName: r.file_name
    };
  for (const j of await repo.latestJudgements(db, projectId)) {
    acts[j.criterion_id] = {
      by: j.judged_by_name,
      at: new Date(j.at).toISOString(),
      verdict: j.verdict,
      comment: j.comment
    };
  }
  return acts;
}

export async function recordJudgement(
  db: Db,
  user: SessionUser,
  projectId: string,
  body: { criterionId?: unknown; verdict?: unknown; comment?: unknown }
) {
  const comment = requireText(body.comment, { zh: '研判意见', en: 'A comment' });
  return db.transaction(async (tx) => {
    const row = await loadVisible(tx, user, projectId, { forUpdate: true });
    const refusal = judgementRefusal(toActor(user), {
      authorityCode: row.authority_code,
      ownerId: row.owner_id,
      stage: row.stage
    });
    if (refusal) throw refusalError(refusal);
    const criterion = await criterionOf(tx, String(body.criterionId ?? ''), 'manual', projectId);
    if (body.verdict !== 'pass' && body.verdict !== 'fail')
      throw apiError(400, 'verdict_required', { zh: '请选择“符合”或“不符合”。', en: 'Choose pass or fail.' });
    await repo.insertJudgement(tx, {
      projectId,
      criterionId: criterion,
      verdict: body.verdict,
      comment,
      by: user.id,
      role: user.role
    });
    await repo.insertEvent(tx, {
      projectId,
      actorId: user.id,
      role: user.role,
      action: 'standard_judgement',
      stage: row.stage,
      comment,
      payload: { criterionId: criterion, verdict: body.verdict }
    });
    return (await evaluateProject(tx, projectId, 'judgement'))!.evaluation;
  });
}

async function criterionOf(
  db: Queryable,
  id: string,
  kind: 'declaration' | 'manual',
  projectId: string
): Promise<string> {
  const rs = await ruleSetForProject(db, projectId);
  const c = rs.criteria.find((x) => x.id === id);
  if (!c || c.check.kind !== kind)
    throw apiError(400, 'unknown_criterion', {
      zh: `认定标准中没有编号为“${id}”的${kind === 'declaration' ? '承诺声明' : '人工研判'}条目。`,
      en: `The standard has no ${kind === 'declaration' ? 'declaration' : 'reviewer-judgement'} criterion "${id}".`
    });
  return id;
}

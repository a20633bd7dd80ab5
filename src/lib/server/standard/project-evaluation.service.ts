// A project's checklist as pages and the API show it, and the acts on it: the enterprise's declarations,
// a reviewer's judgement, the district's override of negative-list hits (recorded as an event).
import type { Db, Queryable } from '../db/index.ts';
import type { SessionUser } from '../auth/session.ts';
import { apiError } from '../http/api.ts';
import { loadVisible } from '../projects/project-access.ts';
import { toActor } from '../workflow/actor.ts';
import { canDeclare, canJudge, canOverride, DECIDED_STAGES } from '../../domain/standard/permissions.ts';
import { diffEvaluations, unresolvedHits, type Evaluation, type EvaluationDiff } from '../../domain/standard/evaluate.ts';
import { evaluateProject, evaluateWith, loadEvaluationInput, overriddenCriteria, ruleSetInForce, today } from './evaluation.service.ts';
import * as repo from './standard.repository.ts';

export interface ProjectEvaluationView {
  projectId: string;
  stage: string;
  evaluation: Evaluation;
  evaluatedAt: string;
  trigger: string;
  ruleSet: { id: number; version: number | null; title: { zh: string; en: string }; sample: boolean; effectiveFrom: string | null };
  /** A version newer than the one used (in force, or announced) that would give a different result. */
  newer: { id: number; version: number | null; effectiveFrom: string | null; diff: EvaluationDiff } | null;
  overrides: { id: number; criterionIds: string[]; reason: string; by: string | null; role: string; at: string; eventId: number | null }[];
  /** Negative-list hits not overridden: recognition is blocked while non-empty. */
  blockingHits: string[];
  can: { override: boolean; judge: boolean; declare: boolean };
}

const decided = (stage: string) => (DECIDED_STAGES as readonly string[]).includes(stage);

/**
 * The checklist of a project the user may see. Open projects are (re-)evaluated on read, so the list always
 * reflects the current form, parcel and rule set; decided projects keep the version they were decided with.
 */
export async function getProjectEvaluation(db: Db, user: SessionUser, projectId: string): Promise<ProjectEvaluationView> {
  const row = await loadVisible(db, user, projectId);
  if (!decided(row.stage) || !(await repo.latestEvaluation(db, projectId))) await evaluateProject(db, projectId, 'view');
  const stored = (await repo.latestEvaluation(db, projectId))!;
  const used = (await repo.findRuleSet(db, stored.rule_set_id))!;
  // Newer: the version in force (if the project was evaluated with an older one) or the latest announced one.
  const candidates = [await ruleSetInForce(db), ...(await repo.ruleSetsScheduledAfter(db, today()))].filter((r) => (r.version ?? 0) > (used.version ?? 0));
  let newer: ProjectEvaluationView['newer'] = null;
  const latest = candidates.sort((a, b) => (b.version ?? 0) - (a.version ?? 0))[0];
  if (latest) {
    const input = (await loadEvaluationInput(db, projectId))!;
    const diff = diffEvaluations(stored.result, await evaluateWith(db, latest, input));
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
    ruleSet: { id: used.id, version: used.version, title: used.title, sample: used.sample, effectiveFrom: used.effectiveFrom },
    newer,
    overrides: overrides.map((o) => ({ id: o.id, criterionIds: o.criterion_ids, reason: o.reason, by: o.by_name, role: o.by_role, at: new Date(o.at).toISOString(), eventId: o.event_id })),
    blockingHits: unresolvedHits(stored.result, overridden),
    can: { override: canOverride(actor, scope) && !decided(row.stage), judge: canJudge(actor, scope) && !decided(row.stage), declare: canDeclare(actor, scope) && !decided(row.stage) }
  };
}

const MAX_REASON = 2000;
const requireText = (v: unknown, what: { zh: string; en: string }) => {
  if (typeof v !== 'string' || !v.trim())
    throw apiError(400, 'reason_required', { zh: `请填写${what.zh}。`, en: `${what.en} is required.` });
  if (v.length > MAX_REASON) throw apiError(400, 'too_long', { zh: `${what.zh}过长（最多 ${MAX_REASON} 字）。`, en: `${what.en} is too long (at most ${MAX_REASON} characters).` });
  return v.trim();
};
const closed = () => apiError(409, 'decided', { zh: '项目认定已办结，不能再修改清单核查结果。', en: 'The recognition is decided: the checklist can no longer change.' });

/**
 * The district overrides negative-list hits with a reason. Covers the given criteria (default: every current
 * unresolved hit); the override row and its history event commit in one transaction.
 */
export async function recordOverride(db: Db, user: SessionUser, projectId: string, body: { reason?: unknown; criterionIds?: unknown }) {
  const reason = requireText(body.reason, { zh: '豁免理由', en: 'The reason' });
  return db.transaction(async (tx) => {
    const row = await loadVisible(tx, user, projectId, { forUpdate: true });
    if (!canOverride(toActor(user), { authorityCode: row.authority_code, ownerId: row.owner_id }))
      throw apiError(403, 'forbidden', { zh: '只有本区产业部门或区政府（临港新片区管委会）可以记录负面清单豁免。', en: 'Only the district industry department or the district government (Lingang committee) may override a negative-list hit.' });
    if (decided(row.stage)) throw closed();
    const r = (await evaluateProject(tx, projectId, 'manual'))!;
    const open = unresolvedHits(r.evaluation, await overriddenCriteria(tx, projectId));
    const wanted = Array.isArray(body.criterionIds) && body.criterionIds.length ? body.criterionIds.map(String) : open;
    const notHits = wanted.filter((id) => !r.evaluation.negativeHits.includes(id));
    if (notHits.length)
      throw apiError(400, 'not_a_hit', { zh: `以下条目不是当前的负面清单触及项：${notHits.join('、')}。`, en: `Not a current negative-list hit: ${notHits.join(', ')}.` });
    if (!wanted.length) throw apiError(409, 'nothing_to_override', { zh: '当前没有需要豁免的负面清单触及项。', en: 'There is no negative-list hit to override.' });
    const titles = r.evaluation.results.filter((x) => wanted.includes(x.criterionId)).map((x) => ({ id: x.criterionId, title: x.title }));
    const eventId = await repo.insertEvent(tx, {
      projectId, actorId: user.id, role: user.role, action: 'standard_override', stage: row.stage, comment: reason,
      payload: { ruleSetId: r.evaluation.ruleSetId, version: r.evaluation.version, criteria: titles }
    });
    await repo.insertOverride(tx, { projectId, ruleSetId: r.evaluation.ruleSetId, criterionIds: wanted, reason, by: user.id, role: user.role, authorityCode: user.authorityCode, eventId });
    return { eventId, criterionIds: wanted };
  });
}

export async function recordDeclaration(db: Db, user: SessionUser, projectId: string, body: { criterionId?: unknown; affirmed?: unknown; fileId?: unknown }) {
  return db.transaction(async (tx) => {
    const row = await loadVisible(tx, user, projectId, { forUpdate: true });
    if (!canDeclare(toActor(user), { authorityCode: row.authority_code, ownerId: row.owner_id }))
      throw apiError(403, 'forbidden', { zh: '只有项目单位或区产业部门可以填写承诺声明。', en: 'Only the enterprise or the district industry department may answer a declaration.' });
    if (decided(row.stage)) throw closed();
    const criterion = await criterionOf(tx, String(body.criterionId ?? ''), 'declaration');
    if (typeof body.affirmed !== 'boolean') throw apiError(400, 'affirmed_required', { zh: '请选择“是”或“否”。', en: 'Answer yes or no.' });
    const fileId = body.fileId === undefined || body.fileId === null || body.fileId === '' ? null : String(body.fileId);
    if (fileId && !(await repo.projectHasFile(tx, projectId, fileId)))
      throw apiError(400, 'unknown_file', { zh: '证明材料不是本项目已上传的文件：请先在本项目的“申报材料”中上传，再选择它。', en: "The document is not one of this project's uploaded files: upload it to this project's documents first, then choose it." });
    await repo.insertDeclaration(tx, { projectId, criterionId: criterion, affirmed: body.affirmed, fileId, by: user.id });
    return (await evaluateProject(tx, projectId, 'declaration'))!.evaluation;
  });
}

export async function recordJudgement(db: Db, user: SessionUser, projectId: string, body: { criterionId?: unknown; verdict?: unknown; comment?: unknown }) {
  const comment = requireText(body.comment, { zh: '研判意见', en: 'A comment' });
  return db.transaction(async (tx) => {
    const row = await loadVisible(tx, user, projectId, { forUpdate: true });
    if (!canJudge(toActor(user), { authorityCode: row.authority_code, ownerId: row.owner_id }))
      throw apiError(403, 'forbidden', { zh: '只有审核部门可以填写研判意见。', en: 'Only reviewers may record a judgement.' });
    if (decided(row.stage)) throw closed();
    const criterion = await criterionOf(tx, String(body.criterionId ?? ''), 'manual');
    if (body.verdict !== 'pass' && body.verdict !== 'fail') throw apiError(400, 'verdict_required', { zh: '请选择“符合”或“不符合”。', en: 'Choose pass or fail.' });
    await repo.insertJudgement(tx, { projectId, criterionId: criterion, verdict: body.verdict, comment, by: user.id, role: user.role });
    return (await evaluateProject(tx, projectId, 'judgement'))!.evaluation;
  });
}

async function criterionOf(db: Queryable, id: string, kind: 'declaration' | 'manual'): Promise<string> {
  const rs = await ruleSetInForce(db);
  const c = rs.criteria.find((x) => x.id === id);
  if (!c || c.check.kind !== kind)
    throw apiError(400, 'unknown_criterion', {
      zh: `认定标准中没有编号为“${id}”的${kind === 'declaration' ? '承诺声明' : '人工研判'}条目。`,
      en: `The standard has no ${kind === 'declaration' ? 'declaration' : 'reviewer-judgement'} criterion "${id}".`
    });
  return id;
}

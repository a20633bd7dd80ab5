// The district planning department confirms or corrects the path-deciding facts (issue 12, item 8): one transaction
// locks the project, stores the confirmed value and writes the event with the path before and after.
import type { Db } from '../db/index.ts';
import type { SessionUser } from '../auth/session.ts';
import { apiError } from '../http/api.ts';
import { pathOf } from '../../domain/paths.ts';
import {
  applyConfirmed,
  checkConfirmFact,
  confirmFactInputSchema,
  pathChanges,
  recordConfirmation,
  PATH_FACT_LABELS,
  type ConfirmedFacts
} from '../../domain/policy/facts.ts';
import { toActor } from '../auth/actor.ts';
import { insertEvent } from '../projects/projects.repository.ts';
import { setConfirmedFacts } from './policy.repository.ts';
import { loadVisible } from '../projects/project-access.ts';
import { declaredFactsOf, stateOf } from '../projects/project-view.ts';

export async function confirmFact(db: Db, actor: SessionUser, projectId: string, body: unknown) {
  const r = confirmFactInputSchema.safeParse(body);
  if (!r.success)
    throw apiError(400, 'bad_fact', {
      zh: '请选择要核实的事实（新出让土地 / 规划保留 / 改造后容积率）并填写核实值。',
      en: 'Choose the fact (newly transferred / retained / plot ratio after) and give the confirmed value.'
    });
  const input = r.data;
  return db.transaction(async (tx) => {
    const row = await loadVisible(tx, actor, projectId, { forUpdate: true });
    const declared = declaredFactsOf(row);
    const refusal = checkConfirmFact(stateOf(row), toActor(actor), input, declared);
    if (refusal) throw apiError(refusal.status, refusal.code, refusal);
    const before = (row.confirmed_facts ?? {}) as ConfirmedFacts;
    const after: ConfirmedFacts = {
      ...before,
      [input.fact]: recordConfirmation(declared, input, actor.id, new Date().toISOString())
    };
    const pathBefore = pathOf(applyConfirmed(declared, before));
    const pathAfter = pathOf(applyConfirmed(declared, after));
    const changes = pathChanges(pathBefore, pathAfter);
    await setConfirmedFacts(tx, projectId, after);
    const c = after[input.fact]!;
    const label = PATH_FACT_LABELS[input.fact];
    await insertEvent(tx, {
      projectId,
      actorId: actor.id,
      role: actor.role,
      action: 'confirm_fact',
      from: row.stage,
      to: row.stage,
      comment: c.corrected
        ? `更正“${label.zh}”：申报 ${String(c.declared)} → 核实 ${String(c.value)}；理由：${c.reason}`
        : `核实“${label.zh}”：${String(c.value)}${c.reason ? `；${c.reason}` : ''}`,
      payload: { fact: input.fact, ...c, pathChanges: changes },
      version: null
    });
    return { fact: input.fact, confirmed: c, pathChanges: changes, path: pathAfter };
  });
}

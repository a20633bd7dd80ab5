// The facts that decide the path (沪经信规范〔2020〕9号 三.1 新出让土地, 一.4(2)/(3) 规划保留, 一.4(3) 突破原合同容积率) are
// the enterprise's declarations; the district planning department (区规划资源部门, co-lead under 一.4(2)) confirms or
// corrects each during the review, with a reason for a correction. The path is derived from the confirmed value
// where there is one (city review, commitment, plan adjustment, 报备 with the confirmed plot ratio).
import { z } from 'zod';
import type { Actor } from '../permissions.ts';
import { canView } from '../permissions.ts';
import { pathOf, type PathFacts, type PathInfo } from '../paths.ts';
import { ACCEPTED_REVIEW_STAGES, type Refusal, type Stage, type WorkflowState } from '../workflow-model.ts';
import { ruleRefusal } from './common.ts';

export const PATH_FACTS = ['newlyTransferred', 'retainedInPlan', 'plotRatioAfter'] as const;
export type PathFactKey = (typeof PATH_FACTS)[number];
export const PATH_FACT_LABELS: Record<PathFactKey, { zh: string; en: string; clause: string }> = {
  newlyTransferred: { zh: '是否新出让土地', en: 'Newly transferred land', clause: '三.1' },
  retainedInPlan: { zh: '是否在规划中保留', en: 'Retained in the plan', clause: '一.4(2)、一.4(3)' },
  plotRatioAfter: { zh: '改造后容积率', en: 'Plot ratio after renovation', clause: '一.4(3)' }
};

export const confirmFactInputSchema = z.object({
  fact: z.enum(PATH_FACTS),
  value: z.union([z.boolean(), z.number().finite().positive().max(100)]),
  reason: z.string().trim().max(4000).optional()
});
export type ConfirmFactInput = z.infer<typeof confirmFactInputSchema>;

export interface ConfirmedFact {
  value: boolean | number;
  declared: boolean | number | null;
  corrected: boolean;
  reason: string | null;
  by: string;
  at: string;
}
export type ConfirmedFacts = Partial<Record<PathFactKey, ConfirmedFact>>;

/** Stages of the review in which the planning side confirms (before the decision is taken). */
export const CONFIRMING_STAGES: readonly Stage[] = ACCEPTED_REVIEW_STAGES;

/** The facts with the planning department's confirmed values applied over the declarations. */
export function applyConfirmed(facts: PathFacts, confirmed: ConfirmedFacts | null | undefined): PathFacts {
  if (!confirmed) return facts;
  const out = { ...facts };
  if (typeof confirmed.newlyTransferred?.value === 'boolean') out.newlyTransferred = confirmed.newlyTransferred.value;
  if (typeof confirmed.retainedInPlan?.value === 'boolean') out.retainedInPlan = confirmed.retainedInPlan.value;
  if (typeof confirmed.plotRatioAfter?.value === 'number') out.plotRatioAfter = confirmed.plotRatioAfter.value;
  return out;
}

const declaredOf = (facts: PathFacts, fact: PathFactKey) =>
  fact === 'plotRatioAfter' ? facts.plotRatioAfter : facts[fact];

export function checkConfirmFact(
  state: Pick<WorkflowState, 'authorityCode' | 'ownerId' | 'stage'>,
  actor: Actor,
  input: ConfirmFactInput,
  declaredFacts: PathFacts
): Refusal | null {
  if (!canView(actor, { authorityCode: state.authorityCode, ownerId: state.ownerId }))
    return { status: 403, code: 'not_visible', zh: '您无权查看该项目。', en: 'You cannot see this project.' };
  const planning =
    (actor.role === 'district_department' && actor.department === 'planning_resources') ||
    actor.role === 'city_planning';
  if (!planning)
    return ruleRefusal(
      403,
      'not_planning_department',
      '一.4(2)',
      '决定办理路径的事实由区规划资源部门（或市规划资源局）核实',
      'Path-deciding facts are confirmed by the district planning department (or the city planning bureau)'
    );
  if (!CONFIRMING_STAGES.includes(state.stage))
    return ruleRefusal(
      409,
      'stage_conflict',
      '一.2',
      '仅在受理后、认定前的审核阶段核实事实',
      'Facts are confirmed during the review, after acceptance and before the decision'
    );
  const label = PATH_FACT_LABELS[input.fact];
  const wantsNumber = input.fact === 'plotRatioAfter';
  if (wantsNumber !== (typeof input.value === 'number'))
    return {
      status: 400,
      code: 'bad_fact_value',
      zh: `“${label.zh}”应填写${wantsNumber ? '数字' : '是或否'}。`,
      en: `"${label.en}" needs ${wantsNumber ? 'a number' : 'yes or no'}.`
    };
  const declared = declaredOf(declaredFacts, input.fact);
  if (declared !== input.value && !input.reason?.trim()) {
    return ruleRefusal(
      400,
      'correction_reason_missing',
      label.clause,
      `更正“${label.zh}”（申报为 ${String(declared ?? '未填')}）须说明理由`,
      `Correcting "${label.en}" (declared ${String(declared ?? 'blank')}) needs a reason`
    );
  }
  return null;
}

/** What a correction changed in the path (for the event and the page). */
export function pathChanges(before: PathInfo, after: PathInfo): { flag: keyof PathInfo; from: unknown; to: unknown }[] {
  const keys: (keyof PathInfo)[] = ['cityReview', 'commitmentRequired', 'planAdjustmentRequired', 'filingRequired'];
  return keys.filter((k) => before[k] !== after[k]).map((k) => ({ flag: k, from: before[k], to: after[k] }));
}

export function recordConfirmation(
  declaredFacts: PathFacts,
  input: ConfirmFactInput,
  by: string,
  at: string
): ConfirmedFact {
  const declared = declaredOf(declaredFacts, input.fact);
  return {
    value: input.value,
    declared: declared ?? null,
    corrected: declared !== input.value,
    reason: input.reason?.trim() || null,
    by,
    at
  };
}

export const pathOfConfirmed = (declared: PathFacts, confirmed: ConfirmedFacts) =>
  pathOf(applyConfirmed(declared, confirmed));

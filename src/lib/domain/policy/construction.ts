// Construction milestones are refused while a rule of the guideline says the project may not build yet:
//  - a required plan adjustment is still pending (一.4(3) "经项目认定和规划调整后实施");
//  - the city's sanction 停止改扩建手续办理 is in force (二.5), or the land is being taken back (收回土地, 二.5:
//    our reading — a project whose land is recovered cannot build on it either).
// 纳入信用监管 (credit record) does not stop construction; it is shown on the project page.
import type { Milestone } from '../tracking.ts';
import { MEASURE_LABELS, MILESTONE_INFO } from '../tracking.ts';
import type { Refusal, WorkflowState } from '../workflow-model.ts';
import { ruleRefusal } from './common.ts';
import type { ActiveSanction } from './sanctions.ts';

/** 施工许可, 开工, 竣工: the milestones that are construction. */
export const CONSTRUCTION_MILESTONES: readonly Milestone[] = [
  'construction_permit',
  'construction_start',
  'completion_acceptance'
];

/** Sanctions that stop construction. */
export const BLOCKING_SANCTIONS = ['stop_procedures', 'land_recovery'] as const;

export const isConstructionMilestone = (m: string) => (CONSTRUCTION_MILESTONES as readonly string[]).includes(m);

export interface ConstructionGate {
  planAdjustmentPending: boolean;
  blockingSanctions: ActiveSanction[];
}

export function constructionGate(
  state: Pick<WorkflowState, 'planAdjustment'>,
  active: readonly ActiveSanction[]
): ConstructionGate {
  return {
    planAdjustmentPending: state.planAdjustment === 'pending',
    blockingSanctions: active.filter((s) => (BLOCKING_SANCTIONS as readonly string[]).includes(s.kind))
  };
}

/** Null when the milestone may be recorded as far as these rules go. */
export function checkConstruction(milestone: Milestone, gate: ConstructionGate): Refusal | null {
  if (!isConstructionMilestone(milestone)) return null;
  const m = MILESTONE_INFO[milestone];
  const s = gate.blockingSanctions[0];
  if (s) {
    const k = MEASURE_LABELS[s.kind];
    return ruleRefusal(
      409,
      'sanction_in_force',
      '二.5',
      `本项目已被采取“${k.zh}”措施（自 ${s.date} 起），解除前不能登记“${m.zh}”`,
      `The sanction "${k.en}" is in force on this project (since ${s.date}); "${m.en}" cannot be recorded until the city lifts it`
    );
  }
  if (gate.planAdjustmentPending) {
    return ruleRefusal(
      409,
      'plan_adjustment_pending',
      '一.4(3)',
      `本项目须先完成规划调整（经项目认定和规划调整后实施），规划调整完成前不能登记“${m.zh}”`,
      `The plan adjustment this project needs is still pending; "${m.en}" cannot be recorded before it is completed`
    );
  }
  return null;
}

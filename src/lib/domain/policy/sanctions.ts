// Project sanctions (沪经信规范〔2020〕9号 二.5 "对项目申报信息不实或土地出让合同履约不达标的项目，由相关部门视情况
// 采取停止改扩建手续办理、收回土地、纳入信用监管等措施"). A sanction is a measure recorded by the city against a
// finding (tracking.ts), with a reason; it stays in force until a city department lifts it, with a reason.
import { z } from 'zod';
import { isIsoDate, type IsoDate } from '../dates.ts';
import { canView, type Actor } from '../permissions.ts';
import { CITY_ROLES } from '../roles.ts';
import { MEASURE_LABELS, type Measure, type MeasureRecord } from '../tracking.ts';
import type { Refusal, WorkflowState } from '../workflow-model.ts';
import { ruleRefusal } from './common.ts';

export const liftInputSchema = z.object({
  measureId: z.string().min(1),
  date: z.string().refine(isIsoDate, { message: 'YYYY-MM-DD' }),
  reason: z.string().trim().min(1).max(4000)
});
export type LiftInput = z.infer<typeof liftInputSchema>;
export interface LiftRecord extends LiftInput {
  id: string;
  actorId: string;
  role: string;
  recordedAt: string;
}

export interface ActiveSanction {
  id: string;
  kind: Measure;
  date: IsoDate;
  findingId: string;
  note?: string;
  department: string;
}

/** Measures not lifted, oldest first. */
export function activeSanctions(
  measures: readonly MeasureRecord[],
  lifts: readonly Pick<LiftRecord, 'measureId'>[]
): ActiveSanction[] {
  return measures
    .filter((m) => !lifts.some((l) => l.measureId === m.id))
    .map((m) => ({
      id: m.id,
      kind: m.kind,
      date: m.date,
      findingId: m.findingId,
      note: m.note,
      department: m.department
    }))
    .sort((a, b) => a.date.localeCompare(b.date));
}

/** A sanction needs its reason (the issue: "recorded by the city with a reason"). */
export function checkSanctionReason(note: string | undefined): Refusal | null {
  if (note && note.trim()) return null;
  return ruleRefusal(400, 'sanction_reason_missing', '二.5', '采取处置措施须写明理由', 'A sanction needs a reason');
}

export function checkLift(
  state: Pick<WorkflowState, 'authorityCode' | 'ownerId'>,
  actor: Actor,
  input: LiftInput,
  measures: readonly MeasureRecord[],
  lifts: readonly Pick<LiftRecord, 'measureId'>[],
  today: IsoDate
): Refusal | null {
  if (!canView(actor, { authorityCode: state.authorityCode, ownerId: state.ownerId })) {
    return { status: 403, code: 'not_visible', zh: '您无权查看该项目。', en: 'You cannot see this project.' };
  }
  if (!CITY_ROLES.includes(actor.role))
    return ruleRefusal(
      403,
      'role_not_allowed',
      '二.5',
      '处置措施由市级部门解除',
      'Sanctions are lifted by city departments'
    );
  const m = measures.find((x) => x.id === input.measureId);
  if (!m) return ruleRefusal(400, 'sanction_missing', '二.5', '没有这项处置措施', 'No such sanction on this project');
  const label = MEASURE_LABELS[m.kind];
  if (lifts.some((l) => l.measureId === m.id))
    return ruleRefusal(
      409,
      'sanction_already_lifted',
      '二.5',
      `“${label.zh}”已解除`,
      `"${label.en}" is already lifted`
    );
  if (input.date < m.date)
    return ruleRefusal(
      400,
      'date_before_sanction',
      '二.5',
      `解除日期不能早于措施日期（${m.date}）`,
      `The lift cannot be dated before the sanction (${m.date})`
    );
  if (input.date > today)
    return { status: 400, code: 'date_in_future', zh: '日期不能晚于今天。', en: 'The date cannot be after today.' };
  return null;
}

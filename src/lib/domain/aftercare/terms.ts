// 土地出让合同履约条款 (二.5 "土地出让合同履约不达标"): what the land transfer contract requires of a recognised
// project, recorded by the district at recognition or during tracking. Pure data and validators.
import { z } from 'zod';
import { isIsoDate, type IsoDate } from '../dates.ts';
import { canView, type Actor } from '../permissions.ts';
import type { Refusal, WorkflowState } from '../workflow-model.ts';

export type Label = { zh: string; en: string };

/** Stages in which contract terms, performance and the as-built survey may be recorded ("at recognition or in tracking"). */
export const AFTERCARE_STAGES = ['decision', 'recognised', 'tracking'] as const;

const isoDate = z.string().refine(isIsoDate, { message: 'YYYY-MM-DD' });
const toNumber = (v: unknown) => {
  if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) return undefined;
  if (typeof v === 'string') {
    const n = Number(v.replace(/[,，\s]/g, ''));
    return Number.isFinite(n) ? n : v;
  }
  return v;
};
const blank = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);
const posNum = () => z.preprocess(toNumber, z.number().positive().max(1e9).optional());
const optDate = () => z.preprocess(blank, isoDate.optional());

export const contractTermsSchema = z.object({
  contractNo: z.preprocess(blank, z.string().trim().max(100).optional()),
  /** 容积率 range the contract allows (下限 / 上限); either bound may be open. */
  plotRatioMin: posNum(),
  plotRatioMax: posNum(),
  /** 固定资产投资强度, 万元/亩 (cumulative investment ÷ land area). */
  investmentIntensity: posNum(),
  /** 亩均产值 and 亩均税收 the project must reach from 达产 on, 万元/亩 per year. */
  outputPerMu: posNum(),
  taxPerMu: posNum(),
  /** Contract schedule: 开工 and 竣工 deadlines and the 达产 date. */
  startBy: optDate(),
  completeBy: optDate(),
  fullProductionBy: isoDate,
  /** The contract (or its supplementary agreement) as uploaded to the project. */
  documentId: z.string().min(1),
  note: z.preprocess(blank, z.string().trim().max(2000).optional())
});
export type ContractTerms = z.infer<typeof contractTermsSchema>;

export const TERM_LABELS: Record<
  'plotRatio' | 'investmentIntensity' | 'outputPerMu' | 'taxPerMu' | 'fullProductionBy' | 'startBy' | 'completeBy',
  Label
> = {
  plotRatio: { zh: '容积率', en: 'Plot ratio' },
  investmentIntensity: { zh: '固定资产投资强度（万元/亩）', en: 'Investment intensity (10k CNY/mu)' },
  outputPerMu: { zh: '亩均产值（万元/亩·年）', en: 'Output per mu (10k CNY/mu/year)' },
  taxPerMu: { zh: '亩均税收（万元/亩·年）', en: 'Tax per mu (10k CNY/mu/year)' },
  fullProductionBy: { zh: '达产日期', en: 'Full-production date' },
  startBy: { zh: '约定开工日期', en: 'Construction start by' },
  completeBy: { zh: '约定竣工日期', en: 'Completion by' }
};

export const refuse = (status: 400 | 403 | 409, code: string, zh: string, en: string): Refusal => ({
  status,
  code,
  zh,
  en
});

/** Scope and stage shared by every after-recognition record. */
export function aftercareScope(state: WorkflowState, actor: Actor): Refusal | null {
  if (!canView(actor, { authorityCode: state.authorityCode, ownerId: state.ownerId })) {
    return refuse(403, 'not_visible', '您无权查看该项目。', 'You cannot see this project.');
  }
  if (!(AFTERCARE_STAGES as readonly string[]).includes(state.stage)) {
    return refuse(
      409,
      'not_recognised',
      '项目尚未进入认定或跟踪阶段，不能登记合同履约、实绩或竣工测绘（附件 三.2）。',
      'The project is not at recognition or in tracking, so contract terms, performance and the as-built survey cannot be recorded (Annex 3.2).'
    );
  }
  return null;
}

/** The district's lead records the contract terms (附件 二/三：区产业部门牵头); the city's SHEITC may correct them. */
export function checkContractTerms(state: WorkflowState, actor: Actor, t: ContractTerms): Refusal | null {
  const scoped = aftercareScope(state, actor);
  if (scoped) return scoped;
  if (!['district_industry', 'city_sheitc'].includes(actor.role)) {
    return refuse(
      403,
      'role_not_allowed',
      '合同履约条款由区产业部门登记（市经济信息化委可更正）。',
      'Contract terms are recorded by the district industry department (the city SHEITC may correct them).'
    );
  }
  if (
    t.plotRatioMin === undefined &&
    t.plotRatioMax === undefined &&
    t.investmentIntensity === undefined &&
    t.outputPerMu === undefined &&
    t.taxPerMu === undefined
  ) {
    return refuse(
      400,
      'terms_empty',
      '请至少填写一项合同指标（容积率、投资强度、亩均产值或亩均税收）。',
      'Fill in at least one contract indicator (plot ratio, investment intensity, output or tax per mu).'
    );
  }
  if (t.plotRatioMin !== undefined && t.plotRatioMax !== undefined && t.plotRatioMin > t.plotRatioMax) {
    return refuse(
      400,
      'plot_ratio_range',
      `容积率下限（${t.plotRatioMin}）不能大于上限（${t.plotRatioMax}）。`,
      `The plot ratio minimum (${t.plotRatioMin}) cannot exceed the maximum (${t.plotRatioMax}).`
    );
  }
  const order: [IsoDate | undefined, IsoDate | undefined, string, string][] = [
    [
      t.startBy,
      t.completeBy,
      '约定开工日期不能晚于约定竣工日期。',
      'The start deadline cannot be after the completion deadline.'
    ],
    [
      t.completeBy,
      t.fullProductionBy,
      '约定竣工日期不能晚于达产日期。',
      'The completion deadline cannot be after the full-production date.'
    ]
  ];
  for (const [a, b, zh, en] of order) if (a && b && a > b) return refuse(400, 'schedule_order', zh, en);
  return null;
}

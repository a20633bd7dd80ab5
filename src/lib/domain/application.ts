// 零增地技术改造项目申请表 (附件 二.1) as one zod schema shared by the page and the API.
// Drafts save with every field optional; submitting validates everything and lists, in Chinese and
// English, each field that is missing or wrong (describeIssues).
import { z } from 'zod';
import { AUTHORITIES } from './authorities.ts';
import { checkUscc, normaliseUscc } from './uscc.ts';
import { checkIndustryCode } from './industry-code.ts';
import type { LandType } from './land-types.ts';
import type { PathFacts } from './paths.ts';
import { CONSTRUCTION_TYPES } from './policy/construction-type.ts';

export { requiredDocuments, missingDocuments, DOCUMENT_KINDS, DOCUMENT_LABELS, type DocumentKind } from './paths.ts';

/** Plans that can retain a parcel: 控详规划 inside the boundary (一.4(2)); the others outside it (一.4(3)). */
export const PLAN_KINDS = ['regulatory_detailed', 'town', 'unit', 'special', 'village'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];
export const PLAN_KIND_LABELS: Record<PlanKind, { zh: string; en: string }> = {
  regulatory_detailed: { zh: '控详规划', en: 'Regulatory detailed plan' },
  town: { zh: '镇规划（镇总规）', en: 'Town master plan' },
  unit: { zh: '单元规划', en: 'Unit plan' },
  special: { zh: '专项规划', en: 'Special plan' },
  village: { zh: '村庄规划（郊野单元村庄规划）', en: 'Village plan' }
};

/** Field labels, as printed on the application form. */
export const FIELD_LABELS = {
  enterpriseName: { zh: '企业名称', en: 'Enterprise name' },
  uscc: { zh: '统一社会信用代码', en: 'Unified social credit code' },
  contactPerson: { zh: '联系人', en: 'Contact person' },
  contactPhone: { zh: '联系电话', en: 'Contact phone' },
  parcelAddress: { zh: '地块地址', en: 'Parcel address' },
  authorityCode: { zh: '所在区', en: 'District' },
  landTitleNumber: { zh: '土地权证号', en: 'Land title number' },
  landArea: { zh: '用地面积（平方米）', en: 'Land area (m²)' },
  floorAreaExisting: { zh: '现有建筑面积（平方米）', en: 'Existing floor area (m²)' },
  floorAreaPlanned: { zh: '规划建筑面积（平方米）', en: 'Planned floor area (m²)' },
  plotRatioBefore: { zh: '改造前容积率', en: 'Plot ratio before' },
  plotRatioAfter: { zh: '改造后容积率', en: 'Plot ratio after' },
  contractPlotRatio: { zh: '土地出让合同约定容积率', en: "Land contract's permitted plot ratio" },
  newlyTransferred: { zh: '是否新出让土地', en: 'Newly transferred land' },
  retainedInPlan: { zh: '是否在规划中保留', en: 'Retained in the plan' },
  retainedPlanKind: { zh: '保留所依据的规划', en: 'Plan that retains the parcel' },
  investment: { zh: '项目总投资（万元）', en: 'Total investment (10k CNY)' },
  expectedAnnualOutput: { zh: '预计年产值（万元）', en: 'Expected annual output (10k CNY)' },
  expectedAnnualTax: { zh: '预计年税收（万元）', en: 'Expected annual tax (10k CNY)' },
  industryCode: { zh: '国民经济行业分类代码', en: 'Industry classification code (GB/T 4754-2017)' },
  annualEnergyUse: { zh: '年综合能耗（吨标准煤）', en: 'Annual energy use (tce)' },
  description: { zh: '项目内容简述', en: 'Project description' },
  constructionType: { zh: '建设类型（新建 / 改建 / 扩建）', en: 'Construction type (new build / rebuild / extension)' }
} as const satisfies Record<string, { zh: string; en: string }>;
export type ApplicationField = keyof typeof FIELD_LABELS;

const AUTHORITY_CODES = AUTHORITIES.map((a) => a.code) as [string, ...string[]];
const MAX_TEXT = 200;
const MAX_DESCRIPTION = 4000;

/** Form posts send numbers as text ('1,200.5', ''); JSON sends numbers. Blank means "not filled". */
const blankToUndefined = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);
function toNumber(v: unknown): unknown {
  const b = blankToUndefined(v);
  if (typeof b !== 'string') return b;
  const n = Number(b.replace(/[,，\s]/g, ''));
  return Number.isFinite(n) ? n : b;
}
function toBoolean(v: unknown): unknown {
  const b = blankToUndefined(v);
  if (b === 'true' || b === 'on' || b === '是') return true;
  if (b === 'false' || b === 'off' || b === '否') return false;
  return b;
}
const text = (max = MAX_TEXT) =>
  z.preprocess((v) => blankToUndefined(typeof v === 'string' ? v.trim() : v), z.string().max(max));
const num = () => z.preprocess(toNumber, z.number());
const bool = () => z.preprocess(toBoolean, z.boolean());

/** Shape shared by both schemas; only types are checked here. */
const fields = {
  enterpriseName: text(),
  uscc: z.preprocess(
    (v) => (typeof v === 'string' ? blankToUndefined(normaliseUscc(v)) : blankToUndefined(v)),
    z.string()
  ),
  contactPerson: text(50),
  contactPhone: text(40),
  parcelAddress: text(),
  authorityCode: z.preprocess(blankToUndefined, z.enum(AUTHORITY_CODES)),
  landTitleNumber: text(100),
  landArea: num(),
  floorAreaExisting: num(),
  floorAreaPlanned: num(),
  plotRatioBefore: num(),
  plotRatioAfter: num(),
  contractPlotRatio: num(),
  newlyTransferred: bool(),
  retainedInPlan: bool(),
  retainedPlanKind: z.preprocess(blankToUndefined, z.enum(PLAN_KINDS)),
  investment: num(),
  expectedAnnualOutput: num(),
  expectedAnnualTax: num(),
  industryCode: z.preprocess(
    (v) => (typeof v === 'string' ? blankToUndefined(v.trim().toUpperCase()) : blankToUndefined(v)),
    z.string()
  ),
  annualEnergyUse: num(),
  description: text(MAX_DESCRIPTION),
  /** 新建 / 改建 / 扩建 (一.4); the commitment path allows 改建 only (policy/construction-type.ts). */
  constructionType: z.preprocess(blankToUndefined, z.enum(CONSTRUCTION_TYPES))
};

/** Blank answers count as not given: drop them before the field schemas (so `.optional()` applies). */
function dropBlanks(v: unknown): unknown {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  return Object.fromEntries(
    Object.entries(v).filter(([, x]) => blankToUndefined(typeof x === 'string' ? x.trim() : x) !== undefined)
  );
}

/** Draft: every field optional, only the type of what is filled in is checked. */
export const applicationDraftSchema = z.preprocess(dropBlanks, z.object(fields).partial());
export type ApplicationDraft = z.infer<typeof applicationDraftSchema>;

type Problem = { zh: string; en: string } | null;

/** Attach a domain check to one field, so every field is checked even when others are missing. */
function rule<T extends z.ZodType>(schema: T, check: (v: z.output<T>) => Problem) {
  return schema.superRefine((v, ctx) => {
    const p = check(v as z.output<T>);
    if (p) ctx.addIssue({ code: 'custom', message: p.en, params: { zh: p.zh, en: p.en } });
  });
}
const positive =
  (f: ApplicationField) =>
  (v: number): Problem =>
    v > 0 ? null : { zh: `“${FIELD_LABELS[f].zh}”应大于 0。`, en: `"${FIELD_LABELS[f].en}" must be greater than 0.` };
const nonNegative =
  (f: ApplicationField) =>
  (v: number): Problem =>
    v >= 0 ? null : { zh: `“${FIELD_LABELS[f].zh}”不能为负数。`, en: `"${FIELD_LABELS[f].en}" cannot be negative.` };
/** Mainland mobile (11 digits from 1[3-9]) or a landline with optional area code and extension. */
const PHONE = /^(1[3-9]\d{9}|(0\d{2,3}-?)?\d{7,8}(-\d{1,6})?)$/;

const submitFields = {
  ...fields,
  uscc: rule(fields.uscc, (v) => checkUscc(v)),
  contactPhone: rule(fields.contactPhone, (v) =>
    PHONE.test(v.replace(/\s/g, ''))
      ? null
      : {
          zh: '联系电话格式不正确：请填写11位手机号或带区号的固定电话（如 021-12345678）。',
          en: 'Phone number not recognised: enter an 11-digit mobile number or a landline such as 021-12345678.'
        }
  ),
  landArea: rule(fields.landArea, positive('landArea')),
  floorAreaExisting: rule(fields.floorAreaExisting, nonNegative('floorAreaExisting')),
  floorAreaPlanned: rule(fields.floorAreaPlanned, positive('floorAreaPlanned')),
  plotRatioBefore: rule(fields.plotRatioBefore, nonNegative('plotRatioBefore')),
  plotRatioAfter: rule(fields.plotRatioAfter, positive('plotRatioAfter')),
  contractPlotRatio: rule(fields.contractPlotRatio, positive('contractPlotRatio')),
  investment: rule(fields.investment, positive('investment')),
  expectedAnnualOutput: rule(fields.expectedAnnualOutput, nonNegative('expectedAnnualOutput')),
  expectedAnnualTax: rule(fields.expectedAnnualTax, nonNegative('expectedAnnualTax')),
  annualEnergyUse: rule(fields.annualEnergyUse, nonNegative('annualEnergyUse')),
  industryCode: rule(fields.industryCode, (v) => checkIndustryCode(v)),
  // Which plan retains the parcel is asked only when "retained" is yes (checked below).
  retainedPlanKind: fields.retainedPlanKind.optional()
};

/** Submit: everything required and checked. */
const PLAN_KIND_MISSING = {
  zh: `已选择“在规划中保留”，请填写“${FIELD_LABELS.retainedPlanKind.zh}”。`,
  en: '"Retained in the plan" is yes: say which plan retains the parcel.'
};
export const applicationSubmitSchema = z.preprocess(
  dropBlanks,
  z.object(submitFields).refine((a) => !(a.retainedInPlan === true && a.retainedPlanKind === undefined), {
    path: ['retainedPlanKind'],
    message: PLAN_KIND_MISSING.en,
    params: PLAN_KIND_MISSING,
    // Run even when other fields failed, so one submit lists every problem at once.
    when: (payload) => typeof payload.value === 'object' && payload.value !== null
  })
);
export type Application = z.infer<typeof applicationSubmitSchema>;

export interface FieldProblem {
  field: ApplicationField | string;
  zh: string;
  en: string;
}

const KIND_WORD: Record<string, { zh: string; en: string }> = {
  number: { zh: '数字', en: 'a number' },
  boolean: { zh: '“是”或“否”', en: 'yes or no' },
  string: { zh: '文字', en: 'text' }
};

/** Turn zod issues into "what is missing / wrong" lines with the form's Chinese labels, in form order. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], input: unknown): FieldProblem[] {
  const raw = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const order = Object.keys(FIELD_LABELS);
  const out: FieldProblem[] = [];
  for (const issue of issues) {
    const field = String(issue.path[0] ?? '');
    const label = (FIELD_LABELS as Record<string, { zh: string; en: string }>)[field] ?? { zh: field, en: field };
    const given = blankToUndefined(raw[field]);
    if (issue.code === 'custom' && issue.params && typeof issue.params.zh === 'string') {
      out.push({ field, zh: issue.params.zh, en: String(issue.params.en) });
    } else if (given === undefined) {
      out.push({ field, zh: `请填写“${label.zh}”。`, en: `"${label.en}" is missing.` });
    } else if (issue.code === 'invalid_type') {
      const w = KIND_WORD[String(issue.expected)] ?? { zh: '正确格式', en: 'a valid value' };
      out.push({ field, zh: `“${label.zh}”应填写${w.zh}。`, en: `"${label.en}" must be ${w.en}.` });
    } else if (issue.code === 'invalid_value') {
      out.push({
        field,
        zh: `“${label.zh}”的取值不在可选范围内，请从列表中选择。`,
        en: `"${label.en}" is not one of the allowed values; pick one from the list.`
      });
    } else if (issue.code === 'too_big') {
      out.push({
        field,
        zh: `“${label.zh}”过长（最多 ${String(issue.maximum)} 字）。`,
        en: `"${label.en}" is too long (at most ${String(issue.maximum)} characters).`
      });
    } else {
      out.push({ field, zh: `“${label.zh}”填写有误。`, en: `"${label.en}" is not valid.` });
    }
  }
  return out.sort((a, b) => rank(order, a.field) - rank(order, b.field));
}
const rank = (order: string[], f: string) => (order.includes(f) ? order.indexOf(f) : order.length);

export type CheckResult<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

export function checkSubmission(input: unknown): CheckResult<Application> {
  const r = applicationSubmitSchema.safeParse(input);
  return r.success ? { ok: true, value: r.data } : { ok: false, problems: describeIssues(r.error.issues, input) };
}

export function checkDraft(input: unknown): CheckResult<ApplicationDraft> {
  const r = applicationDraftSchema.safeParse(input);
  return r.success ? { ok: true, value: r.data } : { ok: false, problems: describeIssues(r.error.issues, input) };
}

/** The path facts from the classification and the form (unknown form answers count as "no"). */
export function pathFactsFrom(form: ApplicationDraft, landType: LandType | null, lingang: boolean): PathFacts {
  return {
    landType,
    lingang: lingang || form.authorityCode === 'lingang',
    newlyTransferred: form.newlyTransferred === true,
    retainedInPlan: form.retainedInPlan === true,
    plotRatioAfter: form.plotRatioAfter ?? null,
    contractPlotRatio: form.contractPlotRatio ?? null
  };
}

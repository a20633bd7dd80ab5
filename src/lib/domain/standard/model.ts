// The recognition standard as data: 《规划产业区块外企业“零增地”技术改造正面和负面清单》(沪经信规范〔2019〕4号)
// is the standard (沪经信规范〔2020〕9号 一.3), but its criteria change with policy and are not published in
// machine-readable form (DOMAIN.md). A rule set is a versioned list of criteria the city edits; each criterion
// carries one check of five kinds. Pure types and zod schemas, no I/O.
import { z } from 'zod';
import { LAND_TYPES } from '../land-types.ts';
import { METRIC_IDS } from './metrics.ts';

export const LISTS = ['positive', 'negative'] as const;
export type List = (typeof LISTS)[number];

export const CHECK_KINDS = ['industry', 'threshold', 'spatial', 'declaration', 'manual'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

export const STATUSES = ['pass', 'fail', 'needs_review'] as const;
export type Status = (typeof STATUSES)[number];

export const OPERATORS = ['>=', '>', '<=', '<'] as const;
export type Operator = (typeof OPERATORS)[number];

const MAX_TEXT = 1000;
const bilingual = (max = MAX_TEXT) =>
  z.object({ zh: z.string().trim().min(1).max(max), en: z.string().trim().max(max).default('') });

/**
 * GB/T 4754-2017 code at any level: a section letter alone (C), or letter + 2/3/4 digits
 * (division C35, group C358, class C3581). Matching is by prefix (see industry.ts).
 */
export const INDUSTRY_CODE_PATTERN = /^[A-T](\d{2}|\d{3}|\d{4})?$/;

const industryCheck = z.object({
  kind: z.literal('industry'),
  /** `in`: passes when the project's code lies under one of `codes`; `not_in`: passes when it lies under none. */
  require: z.enum(['in', 'not_in']),
  codes: z.array(z.string().trim().toUpperCase().regex(INDUSTRY_CODE_PATTERN)).min(1).max(500)
});

const thresholdCheck = z.object({
  kind: z.literal('threshold'),
  metric: z.enum(METRIC_IDS),
  op: z.enum(OPERATORS),
  value: z.number().finite(),
  /** A value the administrator has not confirmed yet: shown as such next to every result. */
  placeholder: z.boolean().default(false)
});

const spatialCheck = z.object({
  kind: z.literal('spatial'),
  /** Layer kinds (layer_kinds.code), e.g. eco_redline, basic_farmland, central_city, river_buffer. */
  layers: z.array(z.string().trim().min(1).max(60)).min(1).max(20),
  /** What is compared with `max`: the overlap in m², or its share (0..1) of the parcel. */
  measure: z.enum(['area_m2', 'share']),
  /** The tolerance: the check passes while the overlap is at most this. */
  max: z.number().finite().min(0),
  placeholder: z.boolean().default(false)
});

const declarationCheck = z.object({
  kind: z.literal('declaration'),
  /** What the enterprise affirms ("是" = affirmed). */
  statement: bilingual(),
  /** Whether a supporting document (e.g. a signed commitment letter) must be attached. */
  documentRequired: z.boolean().default(true)
});

const manualCheck = z.object({
  kind: z.literal('manual'),
  /** The question the reviewer answers; a comment is always required with the answer. */
  question: bilingual()
});

export const checkSchema = z.discriminatedUnion('kind', [
  industryCheck,
  thresholdCheck,
  spatialCheck,
  declarationCheck,
  manualCheck
]);
export type Check = z.infer<typeof checkSchema>;
export type IndustryCheck = z.infer<typeof industryCheck>;
export type ThresholdCheck = z.infer<typeof thresholdCheck>;
export type SpatialCheck = z.infer<typeof spatialCheck>;
export type DeclarationCheck = z.infer<typeof declarationCheck>;
export type ManualCheck = z.infer<typeof manualCheck>;

export const criterionSchema = z.object({
  /** Stable within and across versions: evaluations, declarations, judgements and overrides refer to it. */
  id: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,40}$/),
  list: z.enum(LISTS),
  title: bilingual(200),
  explanation: z
    .object({ zh: z.string().trim().max(MAX_TEXT), en: z.string().trim().max(MAX_TEXT) })
    .default({ zh: '', en: '' }),
  /** The policy clause it comes from, e.g. 沪经信规范〔2019〕4号 二.1. */
  clause: z.string().trim().max(200).default(''),
  /** Land types it applies to; empty = all. (E.g. the central-city restriction binds reserve areas only.) */
  landTypes: z.array(z.enum(LAND_TYPES)).default([]),
  check: checkSchema
});
export type Criterion = z.infer<typeof criterionSchema>;
export type CriterionInput = z.input<typeof criterionSchema>;

/** What an administrator edits: the criteria and the rule set's name. Versions and dates are the server's. */
export const ruleSetContentSchema = z
  .object({
    title: bilingual(200),
    /** 示意: not the official list. Shown wherever the rule set or its results appear. */
    sample: z.boolean().default(false),
    notes: z.string().max(4000).default(''),
    criteria: z.array(criterionSchema).min(1).max(200)
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.criteria.forEach((c, i) => {
      if (seen.has(c.id))
        ctx.addIssue({ code: 'custom', path: ['criteria', i, 'id'], message: `duplicate criterion id ${c.id}` });
      seen.add(c.id);
    });
  });
export type RuleSetContent = z.infer<typeof ruleSetContentSchema>;

/** A stored rule set: a draft (no version yet) or a published version with the date it takes effect. */
export interface RuleSet extends RuleSetContent {
  id: number;
  version: number | null;
  status: 'draft' | 'published';
  effectiveFrom: string | null;
  publishedAt: string | null;
}

export type Bilingual = { zh: string; en: string };

export const LIST_LABELS: Record<List, Bilingual> = {
  positive: { zh: '正面清单', en: 'Positive list' },
  negative: { zh: '负面清单', en: 'Negative list' }
};

export const CHECK_KIND_LABELS: Record<CheckKind, Bilingual> = {
  industry: { zh: '行业', en: 'Industry' },
  threshold: { zh: '指标', en: 'Threshold' },
  spatial: { zh: '空间', en: 'Spatial' },
  declaration: { zh: '承诺声明', en: 'Declaration' },
  manual: { zh: '人工研判', en: 'Reviewer judgement' }
};

export const STATUS_LABELS: Record<Status, Bilingual> = {
  pass: { zh: '符合', en: 'Pass' },
  fail: { zh: '不符合', en: 'Fail' },
  needs_review: { zh: '待核查', en: 'Needs review' }
};

// The guideline's period of force: 沪经信规范〔2020〕9号 "自 2020 年 10 月 26 日起施行，有效期至 2025 年 10 月 25 日".
// Each project records the version that governed it; the administrator records an extension or a successor; a
// recognition on a day no version is in force is refused until one is recorded.
import { z } from 'zod';
import { isIsoDate, type IsoDate } from '../dates.ts';
import type { Refusal } from '../workflow-model.ts';
import { ruleRefusal } from './common.ts';

export const POLICY_VERSION_KINDS = ['original', 'extension', 'successor'] as const;
export type PolicyVersionKind = (typeof POLICY_VERSION_KINDS)[number];
export const POLICY_VERSION_KIND_LABELS: Record<PolicyVersionKind, { zh: string; en: string }> = {
  original: { zh: '原文件', en: 'Original' },
  extension: { zh: '延期', en: 'Extension' },
  successor: { zh: '后续文件', en: 'Successor' }
};

export interface PolicyVersion {
  id: number;
  docNumber: string;
  title: string;
  kind: PolicyVersionKind;
  effectiveFrom: IsoDate;
  /** Last day in force; null = open-ended. */
  effectiveTo: IsoDate | null;
  basedOn: number | null;
  sample: boolean;
  note: string;
}

export const policyVersionInputSchema = z.object({
  docNumber: z.string().trim().min(1).max(200),
  title: z.string().trim().min(1).max(300),
  kind: z.enum(['extension', 'successor']),
  effectiveFrom: z.string().refine(isIsoDate, { message: 'YYYY-MM-DD' }),
  effectiveTo: z.string().refine(isIsoDate, { message: 'YYYY-MM-DD' }).nullable().optional(),
  basedOn: z.number().int().positive(),
  note: z.string().trim().max(4000).default('')
});
export type PolicyVersionInput = z.infer<typeof policyVersionInputSchema>;

export const inForce = (v: Pick<PolicyVersion, 'effectiveFrom' | 'effectiveTo'>, date: IsoDate) =>
  v.effectiveFrom <= date && (v.effectiveTo === null || date <= v.effectiveTo);

/** The version in force on `date`: of several, the one that started last (a successor over its predecessor). */
export function versionInForce(versions: readonly PolicyVersion[], date: IsoDate): PolicyVersion | null {
  return (
    [...versions]
      .filter((v) => inForce(v, date))
      .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom) || b.id - a.id)[0] ?? null
  );
}

/** The latest version that has started by `date` (in force or expired): what a new project is governed by. */
export function latestStarted(versions: readonly PolicyVersion[], date: IsoDate): PolicyVersion | null {
  return (
    [...versions]
      .filter((v) => v.effectiveFrom <= date)
      .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom) || b.id - a.id)[0] ?? null
  );
}

export const describeVersion = (v: Pick<PolicyVersion, 'docNumber' | 'effectiveFrom' | 'effectiveTo'>) =>
  `${v.docNumber}（${v.effectiveFrom} 至 ${v.effectiveTo ?? '—'}）`;

/** Recognition needs a version in force today. */
export function checkPolicyInForce(versions: readonly PolicyVersion[], today: IsoDate): Refusal | null {
  if (versionInForce(versions, today)) return null;
  const last = latestStarted(versions, today);
  const what = last ? `${last.docNumber}《${last.title}》有效期至 ${last.effectiveTo}` : '没有登记任何政策文件';
  const whatEn = last
    ? `${last.docNumber} "${last.title}" was in force until ${last.effectiveTo}`
    : 'no policy version is recorded';
  return ruleRefusal(
    409,
    'policy_expired',
    '有效期',
    `${what}，今天（${today}）已不在有效期内；须由系统管理员登记延期或后续文件后方可认定`,
    `${whatEn}; today (${today}) no version is in force: the administrator must record an extension or a successor before anything is recognised`
  );
}

/** An extension or successor must follow an existing version and have sensible dates. */
export function checkNewVersion(input: PolicyVersionInput, versions: readonly PolicyVersion[]): Refusal | null {
  const base = versions.find((v) => v.id === input.basedOn);
  if (!base)
    return {
      status: 400,
      code: 'policy_base_missing',
      zh: '请选择所延期或替代的政策文件。',
      en: 'Choose the policy version this extends or succeeds.'
    };
  if (input.effectiveTo && input.effectiveTo < input.effectiveFrom) {
    return {
      status: 400,
      code: 'policy_dates',
      zh: `有效期止（${input.effectiveTo}）不能早于起（${input.effectiveFrom}）。`,
      en: `The end (${input.effectiveTo}) cannot be before the start (${input.effectiveFrom}).`
    };
  }
  if (input.effectiveFrom <= base.effectiveFrom) {
    return {
      status: 400,
      code: 'policy_dates',
      zh: `新的有效期须晚于所依据文件的起始日（${base.effectiveFrom}）。`,
      en: `The new version must start after the one it follows (${base.effectiveFrom}).`
    };
  }
  return null;
}

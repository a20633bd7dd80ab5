// 年度实绩 (yearly actual performance): tax, output, investment and employees per project and calendar year,
// entered by the enterprise (or the district) and confirmed by the district, or imported by the district from
// the platform's xlsx template. Pure validators: the same rules for the form and for each imported row.
import { z } from 'zod';
import type { Actor } from '../permissions.ts';
import type { Refusal, WorkflowState } from '../workflow-model.ts';
import { aftercareScope, refuse, type Label } from './terms.ts';

/** First year the platform accepts figures for (the guideline took effect on 2020-10-26). */
export const FIRST_YEAR = 2020;

export const PERFORMANCE_FIELDS = ['taxWan', 'outputWan', 'investmentWan', 'employees'] as const;
export type PerformanceField = (typeof PERFORMANCE_FIELDS)[number];
export const PERFORMANCE_LABELS: Record<PerformanceField | 'year', Label> = {
  year: { zh: '年度', en: 'Year' },
  taxWan: { zh: '税收（万元）', en: 'Tax (10k CNY)' },
  outputWan: { zh: '产值（万元）', en: 'Output (10k CNY)' },
  investmentWan: { zh: '当年固定资产投资（万元）', en: 'Fixed-asset investment that year (10k CNY)' },
  employees: { zh: '从业人数（人）', en: 'Employees' }
};

export interface PerformanceInput {
  year: number;
  taxWan: number;
  outputWan: number;
  investmentWan: number;
  employees: number;
}
export interface PerformanceRecord extends PerformanceInput {
  status: 'entered' | 'confirmed';
  source: 'enterprise' | 'district' | 'import';
}

const num = (v: unknown) => {
  if (typeof v === 'string') {
    const s = v.replace(/[,，\s]/g, '');
    if (s === '') return undefined;
    const n = Number(s);
    return Number.isFinite(n) ? n : v;
  }
  return v === null ? undefined : v;
};

export const performanceInputSchema = z.object({
  year: z.preprocess(num, z.number().int()),
  taxWan: z.preprocess(num, z.number().min(0).max(1e8)),
  outputWan: z.preprocess(num, z.number().min(0).max(1e9)),
  investmentWan: z.preprocess(num, z.number().min(0).max(1e9)),
  employees: z.preprocess(num, z.number().int().min(0).max(1e6))
});

export type RowProblem = { field: PerformanceField | 'year' | 'code'; zh: string; en: string };

/**
 * One row's figures, or what is wrong with them (each problem names the column). `today` bounds the year:
 * a year's figures exist only once it has ended (the year in progress is refused).
 */
export function parsePerformance(
  input: Record<string, unknown>,
  todayYear: number
): { ok: true; value: PerformanceInput } | { ok: false; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const r = performanceInputSchema.safeParse(input);
  if (!r.success) {
    for (const field of [...new Set(r.error.issues.map((i) => String(i.path[0])))] as (PerformanceField | 'year')[]) {
      const l = PERFORMANCE_LABELS[field];
      const raw = input[field];
      const shown = raw === undefined || raw === null || raw === '' ? '空' : String(raw);
      const shownEn = shown === '空' ? 'empty' : shown;
      problems.push(
        field === 'employees' || field === 'year'
          ? {
              field,
              zh: `“${l.zh}”应为非负整数（现为 ${shown}）`,
              en: `"${l.en}" must be a whole number ≥ 0 (got ${shownEn})`
            }
          : {
              field,
              zh: `“${l.zh}”应为不小于 0 的数字（现为 ${shown}）`,
              en: `"${l.en}" must be a number ≥ 0 (got ${shownEn})`
            }
      );
    }
    return { ok: false, problems };
  }
  const v = r.data;
  if (v.year < FIRST_YEAR || v.year >= todayYear) {
    problems.push({
      field: 'year',
      zh: `年度应在 ${FIRST_YEAR}–${todayYear - 1} 之间（当年实绩须在年度结束后填报），现为 ${v.year}`,
      en: `The year must be ${FIRST_YEAR}–${todayYear - 1} (a year's figures are reported after it ends); got ${v.year}`
    });
  }
  return problems.length ? { ok: false, problems } : { ok: true, value: v };
}

/** Enterprise (its own project) or the district lead enter figures; only the district lead confirms them. */
export function checkPerformanceEntry(
  state: WorkflowState,
  actor: Actor,
  existing: PerformanceRecord | undefined
): Refusal | null {
  const scoped = aftercareScope(state, actor);
  if (scoped) return scoped;
  if (actor.role !== 'enterprise' && actor.role !== 'district_industry') {
    return refuse(
      403,
      'role_not_allowed',
      '年度实绩由项目单位填报，或由区产业部门录入。',
      'Yearly figures are entered by the enterprise or the district industry department.'
    );
  }
  if (existing?.status === 'confirmed' && actor.role === 'enterprise') {
    return refuse(
      409,
      'already_confirmed',
      `${existing.year} 年实绩已由区产业部门确认，如需更正请联系区产业部门。`,
      `The ${existing.year} figures are confirmed by the district; ask the district industry department to correct them.`
    );
  }
  return null;
}

export function checkPerformanceConfirm(
  state: WorkflowState,
  actor: Actor,
  existing: PerformanceRecord | undefined,
  year: number
): Refusal | null {
  const scoped = aftercareScope(state, actor);
  if (scoped) return scoped;
  if (actor.role !== 'district_industry')
    return refuse(
      403,
      'role_not_allowed',
      '年度实绩由区产业部门确认。',
      'Yearly figures are confirmed by the district industry department.'
    );
  if (!existing)
    return refuse(
      409,
      'nothing_to_confirm',
      `没有 ${year} 年的实绩可确认。`,
      `There are no ${year} figures to confirm.`
    );
  if (existing.status === 'confirmed')
    return refuse(409, 'already_confirmed', `${year} 年实绩已确认。`, `The ${year} figures are already confirmed.`);
  return null;
}

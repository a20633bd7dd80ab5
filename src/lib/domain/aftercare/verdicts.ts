// 履约 and 申报不实 checks (二.5): per indicator, what the application declared, what the land contract
// requires and what was achieved, with a verdict 达标 / 不达标 / 未到期 for the contract and one for the
// declaration. Pure: the same inputs and `today` always give the same answer (tests use a fixed calendar).
import type { ApplicationDraft } from '../application.ts';
import { M2_PER_MU } from '../standard/metrics.ts';
import type { IsoDate } from '../dates.ts';
import type { ContractTerms, Label } from './terms.ts';
import type { PerformanceRecord } from './performance.ts';

export const VERDICTS = ['met', 'not_met', 'not_due'] as const;
export type Verdict = (typeof VERDICTS)[number];
export const VERDICT_LABELS: Record<Verdict, Label> = {
  met: { zh: '达标', en: 'Met' },
  not_met: { zh: '不达标', en: 'Not met' },
  not_due: { zh: '未到期', en: 'Not yet due' }
};

export const INDICATORS = ['land_use', 'plot_ratio', 'investment_intensity', 'output_per_mu', 'tax_per_mu'] as const;
export type Indicator = (typeof INDICATORS)[number];
export const INDICATOR_LABELS: Record<Indicator, Label & { unit: Label }> = {
  land_use: {
    zh: '零增地（超出认定地块的建筑占地）',
    en: 'Zero new land (built footprint outside the parcel)',
    unit: { zh: '平方米', en: 'm²' }
  },
  plot_ratio: { zh: '容积率', en: 'Plot ratio', unit: { zh: '', en: '' } },
  investment_intensity: {
    zh: '固定资产投资强度',
    en: 'Investment intensity',
    unit: { zh: '万元/亩', en: '10k CNY/mu' }
  },
  output_per_mu: { zh: '亩均产值', en: 'Output per mu', unit: { zh: '万元/亩', en: '10k CNY/mu' } },
  tax_per_mu: { zh: '亩均税收', en: 'Tax per mu', unit: { zh: '万元/亩', en: '10k CNY/mu' } }
};

/**
 * An achieved figure below the declared one by more than this share is proposed as 申报信息不实 (the city
 * confirms or dismisses it). The guideline sets no figure; 10 % is the usual tolerance of 亩均 evaluations.
 */
export const DECLARATION_TOLERANCE = 0.1;

/** Figures for year Y are complete once the annual tax settlement (汇算清缴) closes on 31 May of Y+1. */
export const reportDueOf = (year: number): IsoDate => `${year + 1}-05-31`;

/** The first full calendar year on or after the 达产 date: its figures are the first that can show 达产. */
export function assessmentYear(fullProductionBy: IsoDate): number {
  const y = +fullProductionBy.slice(0, 4);
  return fullProductionBy.endsWith('-01-01') ? y : y + 1;
}

export interface AsBuiltFacts {
  surveyId: string;
  plotRatio: number;
  encroachmentM2: number;
  toleranceM: number;
  signoff: 'pass' | 'fail' | null;
}

export interface IndicatorCheck {
  indicator: Indicator;
  declared: number | null;
  /** Contract requirement: a minimum (or a range for the plot ratio); null when the contract sets none. */
  contracted: { min?: number; max?: number } | null;
  achieved: number | null;
  /** Where the achieved figure comes from (e.g. "2026 年实绩", "竣工测绘"). */
  basis: Label | null;
  /** Identifies the data the verdict rests on, so a finding refers to this evaluation (e.g. "2026", a survey id). */
  basisId: string | null;
  dueOn: IsoDate | null;
  contract: Verdict;
  contractReason: Label;
  declaration: Verdict;
  declarationReason: Label;
}

export interface ComplianceInput {
  form: ApplicationDraft;
  terms: ContractTerms | null;
  performance: readonly PerformanceRecord[];
  asBuilt: AsBuiltFacts | null;
  today: IsoDate;
}

const r2 = (n: number) => Math.round(n * 100) / 100;
const fmt = (n: number) => String(r2(n));
const NO_TERMS: Label = {
  zh: '合同未约定该指标（或合同条款未登记）',
  en: 'The contract sets no such figure (or its terms are not recorded)'
};
const NO_DECLARED: Label = { zh: '申请表未填报该指标', en: 'Not declared in the application' };

function declarationVerdict(
  declared: number | null,
  achieved: number | null,
  due: boolean,
  unit: string
): { v: Verdict; why: Label } {
  if (declared === null) return { v: 'not_due', why: NO_DECLARED };
  if (!due || achieved === null)
    return { v: 'not_due', why: { zh: '尚无可比较的实际值', en: 'No achieved figure to compare yet' } };
  const floor = declared * (1 - DECLARATION_TOLERANCE);
  const pct = Math.round(DECLARATION_TOLERANCE * 100);
  if (r2(achieved) + 1e-9 >= r2(floor)) {
    return {
      v: 'met',
      why: {
        zh: `实际 ${fmt(achieved)}${unit} 不低于申报 ${fmt(declared)}${unit} 的 ${100 - pct}%`,
        en: `Achieved ${fmt(achieved)}${unit} is at least ${100 - pct}% of the declared ${fmt(declared)}${unit}`
      }
    };
  }
  return {
    v: 'not_met',
    why: {
      zh: `实际 ${fmt(achieved)}${unit} 低于申报 ${fmt(declared)}${unit} 超过 ${pct}%（申报信息可能不实）`,
      en: `Achieved ${fmt(achieved)}${unit} is more than ${pct}% below the declared ${fmt(declared)}${unit} (the application may have been false)`
    }
  };
}

function perMu(value: number | undefined, landArea: number | undefined): number | null {
  if (value === undefined || !landArea || landArea <= 0) return null;
  return value / (landArea / M2_PER_MU);
}

function landUse(input: ComplianceInput): IndicatorCheck {
  const a = input.asBuilt;
  const base = { indicator: 'land_use' as const, declared: 0, contracted: { max: 0 }, dueOn: null };
  if (!a) {
    const why = { zh: '尚未上传竣工测绘', en: 'No as-built survey uploaded yet' };
    return {
      ...base,
      achieved: null,
      basis: null,
      basisId: null,
      contract: 'not_due',
      contractReason: why,
      declaration: 'not_due',
      declarationReason: why
    };
  }
  const basis = { zh: '竣工测绘', en: 'As-built survey' };
  const out = r2(a.encroachmentM2);
  const ok = out <= 0;
  const reason: Label = ok
    ? {
        zh: `建筑均在认定地块内（测量容差 ${a.toleranceM} 米）`,
        en: `All buildings lie inside the recognised parcel (survey tolerance ${a.toleranceM} m)`
      }
    : {
        zh: `建筑超出认定地块 ${fmt(out)} 平方米（测量容差 ${a.toleranceM} 米），属新增用地`,
        en: `Buildings extend ${fmt(out)} m² beyond the recognised parcel (survey tolerance ${a.toleranceM} m): new land used`
      };
  return {
    ...base,
    achieved: out,
    basis,
    basisId: a.surveyId,
    contract: ok ? 'met' : 'not_met',
    contractReason: reason,
    declaration: ok ? 'met' : 'not_met',
    declarationReason: reason
  };
}

function plotRatio(input: ComplianceInput): IndicatorCheck {
  const { terms, asBuilt: a, form } = input;
  const declared = form.plotRatioAfter ?? null;
  const contracted =
    terms && (terms.plotRatioMin !== undefined || terms.plotRatioMax !== undefined)
      ? {
          ...(terms.plotRatioMin !== undefined ? { min: terms.plotRatioMin } : {}),
          ...(terms.plotRatioMax !== undefined ? { max: terms.plotRatioMax } : {})
        }
      : null;
  const base = { indicator: 'plot_ratio' as const, declared, contracted, dueOn: terms?.completeBy ?? null };
  if (!a) {
    const why = { zh: '尚未上传竣工测绘', en: 'No as-built survey uploaded yet' };
    return {
      ...base,
      achieved: null,
      basis: null,
      basisId: null,
      contract: 'not_due',
      contractReason: why,
      declaration: 'not_due',
      declarationReason: why
    };
  }
  const achieved = r2(a.plotRatio);
  const basis = { zh: '竣工测绘', en: 'As-built survey' };
  let contract: Verdict = 'not_due';
  let contractReason = NO_TERMS;
  if (contracted) {
    const lo = contracted.min,
      hi = contracted.max;
    const range = `${lo ?? '—'}–${hi ?? '—'}`;
    if (lo !== undefined && achieved < lo) {
      contract = 'not_met';
      contractReason = {
        zh: `实际容积率 ${achieved} 低于合同下限 ${lo}`,
        en: `Achieved plot ratio ${achieved} is below the contract minimum ${lo}`
      };
    } else if (hi !== undefined && achieved > hi) {
      contract = 'not_met';
      contractReason = {
        zh: `实际容积率 ${achieved} 高于合同上限 ${hi}（须按 一.4 报备或调整合同）`,
        en: `Achieved plot ratio ${achieved} is above the contract maximum ${hi} (file it per 1.4 or amend the contract)`
      };
    } else {
      contract = 'met';
      contractReason = {
        zh: `实际容积率 ${achieved} 在合同范围 ${range} 内`,
        en: `Achieved plot ratio ${achieved} is within the contract range ${range}`
      };
    }
  }
  const d = declarationVerdict(declared, achieved, true, '');
  return {
    ...base,
    achieved,
    basis,
    basisId: a.surveyId,
    contract,
    contractReason,
    declaration: d.v,
    declarationReason: d.why
  };
}

function investment(input: ComplianceInput): IndicatorCheck {
  const { terms, form, today } = input;
  const landArea = form.landArea;
  const declared = perMu(form.investment, landArea);
  const required = terms?.investmentIntensity;
  const confirmed = input.performance.filter((p) => p.status === 'confirmed');
  const lastYear = terms ? +terms.fullProductionBy.slice(0, 4) : null;
  const counted = confirmed.filter((p) => lastYear === null || p.year <= lastYear);
  const cumulative = counted.length ? counted.reduce((s, p) => s + p.investmentWan, 0) : null;
  const achieved = perMu(cumulative ?? undefined, landArea);
  const dueOn = lastYear !== null ? reportDueOf(lastYear) : null;
  const due = dueOn !== null && today > dueOn;
  const years = counted.map((p) => p.year).sort();
  const basis = years.length
    ? { zh: `${years[0]}–${years.at(-1)} 年累计投资`, en: `Cumulative investment ${years[0]}–${years.at(-1)}` }
    : null;
  let contract: Verdict = 'not_due';
  let contractReason: Label = NO_TERMS;
  if (required !== undefined && terms) {
    if (achieved !== null && r2(achieved) >= required) {
      contract = 'met';
      contractReason = {
        zh: `累计投资强度 ${fmt(achieved)} 万元/亩，达到合同要求 ${required}`,
        en: `Cumulative intensity ${fmt(achieved)} reaches the contract's ${required} (10k CNY/mu)`
      };
    } else if (!due) {
      contractReason = {
        zh: `${dueOn} 前报齐达产年（${lastYear}）及以前的投资后评价${achieved !== null ? `；目前累计 ${fmt(achieved)} 万元/亩` : ''}`,
        en: `Assessed after ${dueOn} on investment up to the full-production year ${lastYear}${achieved !== null ? `; so far ${fmt(achieved)}` : ''}`
      };
    } else {
      contract = 'not_met';
      contractReason =
        achieved === null
          ? {
              zh: `${dueOn} 已过，仍无经确认的投资实绩`,
              en: `${dueOn} has passed with no confirmed investment figures`
            }
          : {
              zh: `累计投资强度 ${fmt(achieved)} 万元/亩，低于合同要求 ${required}`,
              en: `Cumulative intensity ${fmt(achieved)} is below the contract's ${required} (10k CNY/mu)`
            };
    }
  }
  const d = declarationVerdict(
    declared,
    achieved,
    due || (achieved !== null && declared !== null && achieved >= declared),
    ' 万元/亩'
  );
  return {
    indicator: 'investment_intensity',
    declared: declared === null ? null : r2(declared),
    contracted: required !== undefined ? { min: required } : null,
    achieved: achieved === null ? null : r2(achieved),
    basis,
    basisId: years.at(-1) ? String(years.at(-1)) : null,
    dueOn,
    contract,
    contractReason,
    declaration: d.v,
    declarationReason: d.why
  };
}

function yearly(input: ComplianceInput, indicator: 'output_per_mu' | 'tax_per_mu'): IndicatorCheck {
  const { terms, form, today } = input;
  const field = indicator === 'output_per_mu' ? 'outputWan' : 'taxWan';
  const declared = perMu(
    indicator === 'output_per_mu' ? form.expectedAnnualOutput : form.expectedAnnualTax,
    form.landArea
  );
  const required = terms ? (indicator === 'output_per_mu' ? terms.outputPerMu : terms.taxPerMu) : undefined;
  const year = terms ? assessmentYear(terms.fullProductionBy) : null;
  const dueOn = year !== null ? reportDueOf(year) : null;
  const confirmed = input.performance.filter((p) => p.status === 'confirmed').sort((a, b) => b.year - a.year);
  // From 达产 on, the latest confirmed year counts; before that nothing is due.
  const rec = year !== null ? confirmed.find((p) => p.year >= year) : undefined;
  const achieved = rec ? perMu(rec[field], form.landArea) : null;
  const basis = rec ? { zh: `${rec.year} 年实绩`, en: `${rec.year} figures` } : null;
  const due = dueOn !== null && (today > dueOn || rec !== undefined);
  let contract: Verdict = 'not_due';
  let contractReason: Label = NO_TERMS;
  if (required !== undefined && terms) {
    if (rec && achieved !== null) {
      const ok = r2(achieved) >= required;
      contract = ok ? 'met' : 'not_met';
      contractReason = ok
        ? {
            zh: `${rec.year} 年 ${fmt(achieved)} 万元/亩，达到合同要求 ${required}`,
            en: `${rec.year}: ${fmt(achieved)} reaches the contract's ${required} (10k CNY/mu)`
          }
        : {
            zh: `${rec.year} 年 ${fmt(achieved)} 万元/亩，低于合同要求 ${required}`,
            en: `${rec.year}: ${fmt(achieved)} is below the contract's ${required} (10k CNY/mu)`
          };
    } else if (!due) {
      contractReason = {
        zh: `达产日期 ${terms.fullProductionBy}，以 ${year} 年实绩评价（${dueOn} 前报送）`,
        en: `Full production ${terms.fullProductionBy}; assessed on the ${year} figures (due by ${dueOn})`
      };
    } else {
      contract = 'not_met';
      contractReason = {
        zh: `${dueOn} 已过，仍无经确认的 ${year} 年及以后实绩`,
        en: `${dueOn} has passed with no confirmed figures for ${year} or later`
      };
    }
  }
  const d = declarationVerdict(declared, achieved, due && achieved !== null, ' 万元/亩');
  return {
    indicator,
    declared: declared === null ? null : r2(declared),
    contracted: required !== undefined ? { min: required } : null,
    achieved: achieved === null ? null : r2(achieved),
    basis,
    basisId: rec ? String(rec.year) : null,
    dueOn,
    contract,
    contractReason,
    declaration: d.v,
    declarationReason: d.why
  };
}

/** Every indicator, in a fixed order. */
export function evaluateCompliance(input: ComplianceInput): IndicatorCheck[] {
  return [
    landUse(input),
    plotRatio(input),
    investment(input),
    yearly(input, 'output_per_mu'),
    yearly(input, 'tax_per_mu')
  ];
}

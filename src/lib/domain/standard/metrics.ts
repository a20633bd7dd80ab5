// Figures a threshold criterion can compare: form fields as filled in, and figures derived from them the way
// Shanghai's 亩均 (per-mu) evaluation states them. Each figure says which inputs it used, so a result can
// show its arithmetic and name what is missing.
import type { ApplicationDraft } from '../application.ts';
import { FIELD_LABELS } from '../application.ts';

/** 1 亩 = 666.67 m², the figure DOMAIN.md and the formula shown to reviewers use (exactly 10000/15 = 666.666…; the 0.0005 % gap is below any threshold's precision). */
export const M2_PER_MU = 666.67;

export const METRIC_IDS = [
  'taxPerMu',
  'outputPerMu',
  'investmentIntensity',
  'plotRatioAfter',
  'energyPerOutput',
  'landArea',
  'investment',
  'expectedAnnualOutput',
  'expectedAnnualTax',
  'annualEnergyUse',
  'floorAreaPlanned',
  'plotRatioBefore'
] as const;
export type MetricId = (typeof METRIC_IDS)[number];

type Bilingual = { zh: string; en: string };

export interface MetricInfo {
  label: Bilingual;
  unit: Bilingual;
  /** How it is computed, for the editor and the figures. */
  formula: Bilingual;
  /** Decimal places to show. */
  digits: number;
}

const field = (f: keyof typeof FIELD_LABELS, unit: Bilingual, digits = 2): MetricInfo => ({
  label: FIELD_LABELS[f],
  unit,
  formula: { zh: `申请表“${FIELD_LABELS[f].zh}”`, en: `Application form: ${FIELD_LABELS[f].en}` },
  digits
});
const WAN = { zh: '万元', en: '10k CNY' };

export const METRICS: Record<MetricId, MetricInfo> = {
  taxPerMu: {
    label: { zh: '亩均税收', en: 'Tax per mu' },
    unit: { zh: '万元/亩', en: '10k CNY/mu' },
    formula: { zh: '预计年税收 ÷（用地面积 ÷ 666.67）', en: 'expected annual tax ÷ (land area m² ÷ 666.67)' },
    digits: 2
  },
  outputPerMu: {
    label: { zh: '亩均产值', en: 'Output per mu' },
    unit: { zh: '万元/亩', en: '10k CNY/mu' },
    formula: { zh: '预计年产值 ÷（用地面积 ÷ 666.67）', en: 'expected annual output ÷ (land area m² ÷ 666.67)' },
    digits: 2
  },
  investmentIntensity: {
    label: { zh: '固定资产投资强度', en: 'Investment intensity' },
    unit: { zh: '万元/亩', en: '10k CNY/mu' },
    formula: { zh: '项目总投资 ÷（用地面积 ÷ 666.67）', en: 'total investment ÷ (land area m² ÷ 666.67)' },
    digits: 2
  },
  plotRatioAfter: field('plotRatioAfter', { zh: '', en: '' }),
  energyPerOutput: {
    label: { zh: '单位产值能耗', en: 'Energy per output' },
    unit: { zh: '吨标准煤/万元', en: 'tce per CNY 10,000' },
    formula: { zh: '年综合能耗 ÷ 预计年产值', en: 'annual energy use ÷ expected annual output' },
    digits: 4
  },
  landArea: field('landArea', { zh: '平方米', en: 'm²' }),
  investment: field('investment', WAN),
  expectedAnnualOutput: field('expectedAnnualOutput', WAN),
  expectedAnnualTax: field('expectedAnnualTax', WAN),
  annualEnergyUse: field('annualEnergyUse', { zh: '吨标准煤', en: 'tce' }),
  floorAreaPlanned: field('floorAreaPlanned', { zh: '平方米', en: 'm²' }),
  plotRatioBefore: field('plotRatioBefore', { zh: '', en: '' })
};

/** One number a result used, with where it came from. */
export interface Figure {
  key: string;
  label: Bilingual;
  value: number | string | boolean | null;
  unit?: Bilingual;
  /** E.g. "申请表" / "地块矢量图测算" — so a reviewer sees whether land area came from the title or the drawing. */
  source?: Bilingual;
}

export type MetricValue =
  | { ok: true; value: number; figures: Figure[] }
  /** `missing`: form fields not filled in; `why`: when inputs exist but the figure cannot be computed. */
  | { ok: false; missing: string[]; figures: Figure[]; why?: Bilingual };

const SRC_FORM = { zh: '申请表', en: 'application form' };
const SRC_PARCEL = { zh: '地块矢量图测算', en: 'measured from the parcel boundary' };

type NumericField =
  | 'landArea'
  | 'investment'
  | 'expectedAnnualOutput'
  | 'expectedAnnualTax'
  | 'annualEnergyUse'
  | 'floorAreaPlanned'
  | 'plotRatioBefore'
  | 'plotRatioAfter';

function formFigure(form: ApplicationDraft, f: NumericField): Figure {
  return { key: f, label: FIELD_LABELS[f], value: form[f] ?? null, unit: METRICS[f].unit, source: SRC_FORM };
}

/**
 * Land area in 亩: the form's land area (from the land title) first; when it is blank, the area measured from
 * the uploaded parcel boundary, labelled as such so the reviewer knows which one was used.
 */
function landMu(form: ApplicationDraft, parcelAreaM2: number | null): { mu: number | null; figures: Figure[] } {
  const m2 = form.landArea ?? parcelAreaM2 ?? null;
  const source = form.landArea !== undefined ? SRC_FORM : SRC_PARCEL;
  if (m2 === null) return { mu: null, figures: [] };
  const mu = m2 / M2_PER_MU;
  return {
    mu,
    figures: [
      { key: 'landArea', label: FIELD_LABELS.landArea, value: m2, unit: METRICS.landArea.unit, source },
      {
        key: 'landAreaMu',
        label: { zh: '用地面积（亩）', en: 'Land area (mu)' },
        value: round(mu, 4),
        unit: { zh: '亩', en: 'mu' },
        source
      }
    ]
  };
}

export const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

function perMu(
  form: ApplicationDraft,
  parcelAreaM2: number | null,
  f: 'expectedAnnualTax' | 'expectedAnnualOutput' | 'investment'
): MetricValue {
  const land = landMu(form, parcelAreaM2);
  const num = form[f];
  const figures = [formFigure(form, f), ...land.figures];
  const missing = [...(num === undefined ? [f] : []), ...(land.mu === null ? ['landArea'] : [])];
  if (missing.length) return { ok: false, missing, figures };
  if (land.mu! <= 0)
    return {
      ok: false,
      missing: [],
      figures,
      why: { zh: '用地面积为 0，无法按亩计算。', en: 'Land area is 0: cannot compute a per-mu figure.' }
    };
  return { ok: true, value: num! / land.mu!, figures };
}

/** The value of a metric for a form (and, for land area, the measured parcel area as a fallback). */
export function metricValue(id: MetricId, form: ApplicationDraft, parcelAreaM2: number | null): MetricValue {
  switch (id) {
    case 'taxPerMu':
      return perMu(form, parcelAreaM2, 'expectedAnnualTax');
    case 'outputPerMu':
      return perMu(form, parcelAreaM2, 'expectedAnnualOutput');
    case 'investmentIntensity':
      return perMu(form, parcelAreaM2, 'investment');
    case 'energyPerOutput': {
      const figures = [formFigure(form, 'annualEnergyUse'), formFigure(form, 'expectedAnnualOutput')];
      const missing = (['annualEnergyUse', 'expectedAnnualOutput'] as const).filter((f) => form[f] === undefined);
      if (missing.length) return { ok: false, missing: [...missing], figures };
      if (form.expectedAnnualOutput! <= 0)
        return {
          ok: false,
          missing: [],
          figures,
          why: {
            zh: '预计年产值为 0，无法计算单位产值能耗。',
            en: 'Expected annual output is 0: energy per output cannot be computed.'
          }
        };
      return { ok: true, value: form.annualEnergyUse! / form.expectedAnnualOutput!, figures };
    }
    case 'landArea': {
      const land = landMu(form, parcelAreaM2);
      return land.mu === null
        ? { ok: false, missing: ['landArea'], figures: [] }
        : { ok: true, value: land.mu * M2_PER_MU, figures: land.figures };
    }
    default: {
      const figures = [formFigure(form, id)];
      const v = form[id];
      return v === undefined ? { ok: false, missing: [id], figures } : { ok: true, value: v, figures };
    }
  }
}

// One evaluator per check kind. Each returns pass / fail / needs_review with the figures it used and the
// reason in words (zh and en). Missing data is never a pass or a fail: it is "needs review", naming what
// is missing, so a half-filled draft shows what to fill in rather than a verdict.
import { FIELD_LABELS, type ApplicationDraft } from '../application.ts';
import type { LandType } from '../land-types.ts';
import { LEVEL_LABELS, levelOf, matchIndustry } from './industry.ts';
import { METRICS, metricValue, round, type Figure } from './metrics.ts';
import { withUnit } from '../money.ts';
import type {
  Bilingual,
  DeclarationCheck,
  IndustryCheck,
  ManualCheck,
  SpatialCheck,
  Status,
  ThresholdCheck
} from './model.ts';

/** The slice of a parcel's classification the spatial checks read (the server maps its Classification onto it). */
export interface SpatialFacts {
  landType: LandType;
  areaM2: number;
  zones: { kind: string; name: string; areaM2: number; share: number; zoneId?: number }[];
  conflicts: { kind: string; name: string; areaM2: number; zoneId?: number }[];
  /** Layer kinds that had a current version when the parcel was classified (absent layer = cannot tell). */
  layerKinds: string[];
}

export interface DeclarationAnswer {
  affirmed: boolean;
  fileId: string | null;
  fileName?: string | null;
  at?: string;
}

export interface Judgement {
  verdict: 'pass' | 'fail';
  comment: string;
  by?: string;
  at?: string;
}

export interface EvaluationInput {
  form: ApplicationDraft;
  classification: SpatialFacts | null;
  declarations: Record<string, DeclarationAnswer>;
  judgements: Record<string, Judgement>;
  /** Names of industry codes for the reasons (code → name); optional. */
  industryNames?: Record<string, Bilingual>;
}

export interface CheckOutcome {
  status: Status;
  figures: Figure[];
  reason: Bilingual;
  /** Form fields (or 'classification', 'declaration', 'judgement') whose absence made it needs_review. */
  missing: string[];
}

const fmt = (v: number, digits: number) => round(v, digits).toLocaleString('en-US', { maximumFractionDigits: digits });
/** Digits enough that a value which is not the limit does not read as it (1.999 shown as "2" beside "below 2"). */
const distinctDigits = (v: number, limit: number, digits: number) => {
  let d = digits;
  while (d < digits + 6 && v !== limit && fmt(v, d) === fmt(limit, d)) d++;
  return d;
};
const joinZh = (xs: string[]) => xs.join('、');
const joinEn = (xs: string[]) => xs.join(', ');
const fieldNames = (fs: string[]) => ({
  zh: joinZh(fs.map((f) => `“${(FIELD_LABELS as Record<string, Bilingual>)[f]?.zh ?? f}”`)),
  en: joinEn(fs.map((f) => (FIELD_LABELS as Record<string, Bilingual>)[f]?.en ?? f))
});

function codeName(code: string, names: Record<string, Bilingual> | undefined): Bilingual {
  const n = names?.[code];
  return n ? { zh: `${code} ${n.zh}`, en: `${code} ${n.en || n.zh}` } : { zh: code, en: code };
}

export function checkIndustry(c: IndustryCheck, input: EvaluationInput): CheckOutcome {
  const code = input.form.industryCode;
  const figures: Figure[] = [{ key: 'industryCode', label: FIELD_LABELS.industryCode, value: code ?? null }];
  if (!code) {
    return {
      status: 'needs_review',
      figures,
      missing: ['industryCode'],
      reason: { zh: '未填写国民经济行业分类代码，无法判断。', en: 'No industry code given: cannot decide.' }
    };
  }
  if (!levelOf(code)) {
    return {
      status: 'needs_review',
      figures,
      missing: ['industryCode'],
      reason: {
        zh: `行业代码“${code}”格式不正确，无法判断。`,
        en: `Industry code "${code}" is not well formed: cannot decide.`
      }
    };
  }
  const own = codeName(code, input.industryNames);
  const m = matchIndustry(code, c.codes);
  if (m.match === 'undetermined') {
    const lv = LEVEL_LABELS[levelOf(code)!];
    const list = m.entries.slice(0, 5).map((e) => codeName(e, input.industryNames));
    return {
      status: 'needs_review',
      figures,
      missing: [],
      reason: {
        zh: `行业代码 ${own.zh} 只填到${lv.zh}，清单按更细的类别列出（${joinZh(list.map((x) => x.zh))}），请填写到小类或人工核查。`,
        en: `Industry code ${own.en} is only given to the ${lv.en} level; the list names finer categories (${joinEn(list.map((x) => x.en))}): give the class or check by hand.`
      }
    };
  }
  const inSet = m.match === 'yes';
  const pass = c.require === 'in' ? inSet : !inSet;
  let reason: Bilingual;
  if (inSet) {
    const entry = codeName((m as { entry: string }).entry, input.industryNames);
    reason = {
      zh: `行业 ${own.zh} 属于清单所列 ${entry.zh}。`,
      en: `Industry ${own.en} falls under the listed ${entry.en}.`
    };
  } else {
    reason = { zh: `行业 ${own.zh} 不属于清单所列行业。`, en: `Industry ${own.en} is not under any listed industry.` };
  }
  return { status: pass ? 'pass' : 'fail', figures, missing: [], reason };
}

const OP_WORDS: Record<ThresholdCheck['op'], { zh: string; en: string; test: (a: number, b: number) => boolean }> = {
  '>=': { zh: '不低于', en: 'at least', test: (a, b) => a >= b },
  '>': { zh: '高于', en: 'above', test: (a, b) => a > b },
  '<=': { zh: '不高于', en: 'at most', test: (a, b) => a <= b },
  '<': { zh: '低于', en: 'below', test: (a, b) => a < b }
};
export const PLACEHOLDER_NOTE: Bilingual = {
  zh: '（阈值为示意占位值，待管理员确认）',
  en: ' (placeholder threshold, to be confirmed by the administrator)'
};

export function checkThreshold(c: ThresholdCheck, input: EvaluationInput): CheckOutcome {
  const info = METRICS[c.metric];
  const v = metricValue(c.metric, input.form, input.classification?.areaM2 ?? null);
  const note = c.placeholder ? PLACEHOLDER_NOTE : { zh: '', en: '' };
  const unit = (l: 'zh' | 'en') => (info.unit[l] ? ` ${info.unit[l]}` : '');
  const limit = {
    zh: `${OP_WORDS[c.op].zh} ${fmt(c.value, info.digits)}${unit('zh')}`,
    en: `${OP_WORDS[c.op].en} ${withUnit(c.value, fmt(c.value, info.digits), info.unit, 'en')}`
  };
  if (!v.ok) {
    const reason = v.why
      ? {
          zh: `${v.why.zh}要求${info.label.zh}${limit.zh}${note.zh}。`,
          en: `${v.why.en} Required: ${info.label.en} ${limit.en}${note.en}.`
        }
      : {
          zh: `缺少${fieldNames(v.missing).zh}，无法计算${info.label.zh}（要求${limit.zh}${note.zh}）。`,
          en: `${fieldNames(v.missing).en} missing: cannot compute ${info.label.en} (required ${limit.en}${note.en}).`
        };
    return { status: 'needs_review', figures: v.figures, missing: v.missing, reason };
  }
  const digits = distinctDigits(v.value, c.value, info.digits);
  const figures: Figure[] = [...v.figures];
  if (!figures.some((f) => f.key === c.metric))
    figures.push({ key: c.metric, label: info.label, value: round(v.value, digits), unit: info.unit });
  figures.push({
    key: 'threshold',
    label: { zh: '阈值', en: 'Threshold' },
    value: `${c.op} ${c.value}`,
    unit: info.unit
  });
  const pass = OP_WORDS[c.op].test(v.value, c.value);
  const val = {
    zh: `${fmt(v.value, digits)}${unit('zh')}`,
    en: withUnit(v.value, fmt(v.value, digits), info.unit, 'en')
  };
  return {
    status: pass ? 'pass' : 'fail',
    figures,
    missing: [],
    reason: pass
      ? {
          zh: `${info.label.zh} ${val.zh}，${limit.zh}的要求已满足${note.zh}。`,
          en: `${info.label.en} ${val.en} meets the requirement of ${limit.en}${note.en}.`
        }
      : {
          zh: `${info.label.zh} ${val.zh}，未达到${limit.zh}的要求${note.zh}。`,
          en: `${info.label.en} ${val.en} does not meet the requirement of ${limit.en}${note.en}.`
        }
  };
}

export function checkSpatial(
  c: SpatialCheck,
  input: EvaluationInput,
  layerNames: Record<string, Bilingual> = {}
): CheckOutcome {
  const cls = input.classification;
  const name = (k: string) => layerNames[k] ?? { zh: k, en: k };
  const layerList = { zh: joinZh(c.layers.map((k) => name(k).zh)), en: joinEn(c.layers.map((k) => name(k).en)) };
  if (!cls) {
    return {
      status: 'needs_review',
      figures: [],
      missing: ['classification'],
      reason: {
        zh: '地块尚未上传或尚未完成空间判定，无法核查与' + layerList.zh + '的关系。',
        en: `The parcel has not been uploaded or classified yet: its relation to ${layerList.en} cannot be checked.`
      }
    };
  }
  const absent = c.layers.filter((k) => !cls.layerKinds.includes(k));
  // Zones and conflicts may both list a zone (a conflict layer is also a zone layer): count each zone once.
  const seen = new Set<string>();
  const hits: { kind: string; name: string; areaM2: number }[] = [];
  for (const z of [...cls.conflicts, ...cls.zones]) {
    if (!c.layers.includes(z.kind)) continue;
    const key = z.zoneId !== undefined ? `${z.kind}:${z.zoneId}` : `${z.kind}:${z.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    hits.push(z);
  }
  const areaM2 = hits.reduce((s, h) => s + h.areaM2, 0);
  const share = cls.areaM2 > 0 ? areaM2 / cls.areaM2 : 0;
  const measured = c.measure === 'area_m2' ? areaM2 : share;
  const figures: Figure[] = [
    {
      key: 'overlapM2',
      label: { zh: '重叠面积', en: 'Overlap' },
      value: round(areaM2, 1),
      unit: { zh: '平方米', en: 'm²' }
    },
    { key: 'overlapShare', label: { zh: '占地块面积比例', en: 'Share of the parcel' }, value: round(share, 4) },
    {
      key: 'tolerance',
      label: { zh: '容差', en: 'Tolerance' },
      value: c.max,
      unit: c.measure === 'area_m2' ? { zh: '平方米', en: 'm²' } : { zh: '比例', en: 'share' }
    }
  ];
  const note = c.placeholder ? PLACEHOLDER_NOTE : { zh: '', en: '' };
  const where = hits.length
    ? {
        zh: joinZh(hits.map((h) => `${name(h.kind).zh}“${h.name}”`)),
        en: joinEn(hits.map((h) => `${name(h.kind).en} "${h.name}"`))
      }
    : null;
  const amount = {
    zh: `${fmt(areaM2, 1)} 平方米（${fmt(share * 100, 2)}%）`,
    en: `${fmt(areaM2, 1)} m² (${fmt(share * 100, 2)} %)`
  };
  if (measured > c.max) {
    return {
      status: 'fail',
      figures,
      missing: [],
      reason: {
        zh: `地块与${where!.zh}重叠 ${amount.zh}，超过容差${note.zh}。`,
        en: `The parcel overlaps ${where!.en} by ${amount.en}, above the tolerance${note.en}.`
      }
    };
  }
  if (absent.length) {
    const missingNames = { zh: joinZh(absent.map((k) => name(k).zh)), en: joinEn(absent.map((k) => name(k).en)) };
    return {
      status: 'needs_review',
      figures,
      missing: absent.map((k) => `layer:${k}`),
      reason: {
        zh: `图层“${missingNames.zh}”尚未导入，无法核查，请人工核查。`,
        en: `Layer ${missingNames.en} is not loaded: cannot check; check by hand.`
      }
    };
  }
  return {
    status: 'pass',
    figures,
    missing: [],
    reason: where
      ? {
          zh: `地块与${where.zh}重叠 ${amount.zh}，在容差以内${note.zh}。`,
          en: `The parcel overlaps ${where.en} by ${amount.en}, within the tolerance${note.en}.`
        }
      : { zh: `地块不在${layerList.zh}范围内。`, en: `The parcel is not in ${layerList.en}.` }
  };
}

export function checkDeclaration(c: DeclarationCheck, criterionId: string, input: EvaluationInput): CheckOutcome {
  const a = input.declarations[criterionId];
  const figures: Figure[] = [
    { key: 'affirmed', label: { zh: '企业声明', en: 'Declaration' }, value: a ? a.affirmed : null },
    ...(c.documentRequired
      ? [{ key: 'document', label: { zh: '证明材料', en: 'Document' }, value: a?.fileName ?? a?.fileId ?? null }]
      : [])
  ];
  if (!a) {
    return {
      status: 'needs_review',
      figures,
      missing: ['declaration'],
      reason: {
        zh: `企业尚未声明：“${c.statement.zh}”`,
        en: `The enterprise has not declared: "${c.statement.en || c.statement.zh}"`
      }
    };
  }
  if (!a.affirmed) {
    return {
      status: 'fail',
      figures,
      missing: [],
      reason: {
        zh: `企业声明不能承诺：“${c.statement.zh}”`,
        en: `The enterprise declares it cannot affirm: "${c.statement.en || c.statement.zh}"`
      }
    };
  }
  if (c.documentRequired && !a.fileId) {
    return {
      status: 'needs_review',
      figures,
      missing: ['document'],
      reason: {
        zh: '企业已声明，但尚未上传证明材料。',
        en: 'Declared, but the supporting document has not been uploaded.'
      }
    };
  }
  return {
    status: 'pass',
    figures,
    missing: [],
    reason: c.documentRequired
      ? { zh: '企业已声明并上传证明材料。', en: 'Declared, with the supporting document.' }
      : { zh: '企业已声明。', en: 'Declared.' }
  };
}

export function checkManual(c: ManualCheck, criterionId: string, input: EvaluationInput): CheckOutcome {
  const j = input.judgements[criterionId];
  if (!j) {
    return {
      status: 'needs_review',
      figures: [],
      missing: ['judgement'],
      reason: {
        zh: `待审核人员研判：${c.question.zh}`,
        en: `Awaiting the reviewer's judgement: ${c.question.en || c.question.zh}`
      }
    };
  }
  const figures: Figure[] = [{ key: 'comment', label: { zh: '研判意见', en: 'Comment' }, value: j.comment }];
  return {
    status: j.verdict,
    figures,
    missing: [],
    reason:
      j.verdict === 'pass'
        ? { zh: `审核人员研判符合：${j.comment}`, en: `Reviewer judged it met: ${j.comment}` }
        : { zh: `审核人员研判不符合：${j.comment}`, en: `Reviewer judged it not met: ${j.comment}` }
  };
}

// 竣工测绘 / 规划核实 (二.4: 市规划资源局负责对已认定的优质项目规划和土地利用执行情况进行监督检查): how a
// building's floor count or floor area is read from a survey, the survey tolerance, and who signs off.
import type { Actor } from '../permissions.ts';
import type { Refusal, WorkflowState } from '../workflow-model.ts';
import { aftercareScope, refuse, type Label } from './terms.ts';

/**
 * Default survey tolerance in metres: the 5 cm accuracy of first-class boundary points (TD/T 1001-2012 地籍调查规程,
 * 界址点 一级 ±5 cm). A piece of footprint outside the parcel that stays within this distance of the line is
 * surveying noise, not encroachment; a piece that goes further counts with its whole area.
 */
export const DEFAULT_TOLERANCE_M = 0.05;
export const MAX_TOLERANCE_M = 1;

export interface FloorInfo {
  floors: number | null;
  floorAreaM2: number | null;
  source: Label;
  label: string | null;
}

/** Attribute names for floors and floor area in surveyors' shapefiles (GB/T 17986 房产测量; common pinyin abbreviations). */
export const FLOOR_FIELDS = [
  'FLOORS',
  'FLOOR',
  'STOREYS',
  'STOREY',
  'LEVELS',
  'NUM_FLOORS',
  '层数',
  '地上层数',
  'CS',
  'JZCS',
  'DSCS',
  'ZCS'
];
export const FLOOR_AREA_FIELDS = [
  'FLOOR_AREA',
  'FLOORAREA',
  'GFA',
  'BUILD_AREA',
  'BLDG_AREA',
  '建筑面积',
  '总建筑面积',
  'JZMJ',
  'ZJZMJ'
];

const toNum = (v: unknown): number | null => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') {
    const m = /-?\d+(?:\.\d+)?/.exec(v.replace(/[,，]/g, ''));
    return m ? Number(m[0]) : null;
  }
  return null;
};

/** Floors and floor area from a feature's attributes (case- and width-insensitive names). */
export function floorsFromAttributes(props: Record<string, unknown>): FloorInfo | null {
  const norm = new Map(Object.entries(props).map(([k, v]) => [k.trim().toUpperCase(), v]));
  const pick = (names: string[]) => {
    for (const n of names) {
      const v = toNum(norm.get(n.toUpperCase()));
      if (v !== null && v > 0) return { n, v };
    }
    return null;
  };
  const fl = pick(FLOOR_FIELDS);
  const fa = pick(FLOOR_AREA_FIELDS);
  if (!fl && !fa) return null;
  return {
    floors: fl ? Math.round(fl.v) : null,
    floorAreaM2: fa ? fa.v : null,
    source: {
      zh: `属性 ${[fl?.n, fa?.n].filter(Boolean).join('、')}`,
      en: `attribute ${[fl?.n, fa?.n].filter(Boolean).join(', ')}`
    },
    label: null
  };
}

/**
 * Floors and floor area from CAD text inside a footprint: "5F", "5层", "地上5层", "5/F", "建筑面积 1200",
 * "建筑面积：1200.5㎡", "GFA 1200". Several texts inside one footprint combine (one may give floors, one the area).
 */
export function floorsFromLabels(texts: readonly string[]): FloorInfo | null {
  let floors: number | null = null;
  let area: number | null = null;
  const used: string[] = [];
  for (const raw of texts) {
    const t = raw
      .replace(/(\d)[,，](\d{3})/g, '$1$2')
      .replace(/\s+/g, ' ')
      .trim();
    const a =
      /(?:建筑面积|总建筑面积|面积|GFA|FLOOR ?AREA)\s*[:：=]?\s*(\d+(?:\.\d+)?)/i.exec(t) ??
      /(\d+(?:\.\d+)?)\s*(?:㎡|m²|m2|平方米|平米)/i.exec(t);
    const f = /(?:地上\s*)?(\d{1,3})\s*(?:F\b|\/F|层|樓|楼)/i.exec(t) ?? /^(?:F|层数)\s*[:：=]?\s*(\d{1,3})$/i.exec(t);
    if (a && area === null) {
      area = Number(a[1]);
      used.push(t);
    }
    if (f && floors === null && (!a || f.index !== a.index)) {
      floors = Number(f[1]);
      if (!used.includes(t)) used.push(t);
    }
  }
  if (floors === null && area === null) return null;
  return { floors, floorAreaM2: area, source: { zh: 'CAD 注记', en: 'CAD text' }, label: used.join(' / ') };
}

/** The floor area a building counts with: the stated floor area, else floors × footprint. */
export function floorAreaOf(info: FloorInfo | null, footprintM2: number): number | null {
  if (!info) return null;
  if (info.floorAreaM2 !== null) return info.floorAreaM2;
  if (info.floors !== null) return info.floors * footprintM2;
  return null;
}

export const SIGNOFF_LABELS: Record<'pass' | 'fail', Label> = {
  pass: { zh: '通过', en: 'Passed' },
  fail: { zh: '不通过', en: 'Not passed' }
};

/** Who uploads: the district (its lead or its planning department) or the city planning bureau. */
export function checkSurveyUpload(state: WorkflowState, actor: Actor): Refusal | null {
  const scoped = aftercareScope(state, actor);
  if (scoped) return scoped;
  const ok =
    actor.role === 'district_industry' ||
    actor.role === 'city_planning' ||
    (actor.role === 'district_department' && actor.department === 'planning_resources');
  if (!ok)
    return refuse(
      403,
      'role_not_allowed',
      '竣工测绘成果由区产业部门、区规划资源部门或市规划资源局上传。',
      'The as-built survey is uploaded by the district industry or planning department or the city planning bureau.'
    );
  return null;
}

/** 二.4: the city planning bureau signs the check off; 不通过 needs a reason. */
export function checkSignoff(
  state: WorkflowState,
  actor: Actor,
  survey: { signoff: string | null } | null,
  input: { result: 'pass' | 'fail'; reason?: string }
): Refusal | null {
  const scoped = aftercareScope(state, actor);
  if (scoped) return scoped;
  if (actor.role !== 'city_planning')
    return refuse(
      403,
      'role_not_allowed',
      '规划和土地利用核实结论由市规划资源局签署（二.4）。',
      'The planning and land-use check is signed off by the city planning bureau (2.4).'
    );
  if (!survey)
    return refuse(
      409,
      'no_survey',
      '尚未上传竣工测绘，无法签署核实结论。',
      'No as-built survey has been uploaded, so there is nothing to sign off.'
    );
  if (survey.signoff)
    return refuse(
      409,
      'already_signed',
      '该竣工测绘已签署核实结论；如需复核，请上传新的测绘成果。',
      'This survey is already signed off; upload a new survey to check again.'
    );
  if (input.result === 'fail' && !(input.reason ?? '').trim())
    return refuse(400, 'reason_missing', '“不通过”须写明理由。', 'Give the reason for "not passed".');
  return null;
}

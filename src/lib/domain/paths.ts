// Which procedure a project follows, from its land type (classification) and its form answers.
// Every branch cites 沪经信规范〔2020〕9号. Pure data in, plain flags out: the state machine, the
// form's document list and the project page all read the same answer.
import { LAND_TYPE_INFO, type LandType } from './land-types.ts';

/** The facts that choose the path. The server derives them from the classification and the form. */
export interface PathFacts {
  /** Governing land type from the boundary classification; null until classified. */
  landType: LandType | null;
  /** Parcel in the Lingang New Area: its committee decides instead of a district government (三.2). */
  lingang: boolean;
  /** Newly transferred (新出让) land. */
  newlyTransferred: boolean;
  /** Retained in the applicable plan (控详规划 inside the boundary; 镇/单元/专项/村庄规划 outside). */
  retainedInPlan: boolean;
  plotRatioAfter: number | null;
  /** The plot ratio permitted by the original land transfer contract. */
  contractPlotRatio: number | null;
  /**
   * The city has withdrawn the district's recognition authority (二.5): since when (ISO instant). Absent or null
   * while the district holds it. Pending projects then go to the city's review (policy/authority.ts).
   */
  authorityWithdrawnSince?: string | null;
}

export interface PathInfo {
  /** False when the project cannot be submitted at all; `blocker` says why. */
  eligible: boolean;
  blocker?: { code: string; zh: string; en: string };
  /** Reserve area + newly transferred land: district preliminary review, then the city decides (三.1). */
  cityReview: boolean;
  /** Inside the boundary, not retained: 无条件服从收回承诺 needed (一.4(2)). */
  commitmentRequired: boolean;
  /** Outside the boundary, not retained: plan adjustment after recognition, before implementation (一.4(3)). */
  planAdjustmentRequired: boolean;
  /** Outside the boundary, plot ratio above the contract's: 报备 to city SHEITC and planning (一.4(3)). */
  filingRequired: boolean;
  /** Who decides in the decision stage (the city path is decided by city_sheitc in city review). */
  decisionRole: 'district_government' | 'lingang_committee';
  /** The district's authority is withdrawn (二.5): the lead forwards pending projects to the city, which decides. */
  cityDecidesWithdrawn: boolean;
}

/**
 * 一.4(3) says "其中，需突破原有土地出让合同容积率的项目…报备": we apply it to every outside-boundary
 * project whose planned plot ratio exceeds the contract's, retained or not (the stricter reading).
 */
export function exceedsContractPlotRatio(f: PathFacts): boolean {
  return f.plotRatioAfter !== null && f.contractPlotRatio !== null && f.plotRatioAfter > f.contractPlotRatio;
}

export function pathOf(f: PathFacts): PathInfo {
  const decisionRole = f.lingang ? 'lingang_committee' : 'district_government';
  const base: PathInfo = {
    eligible: true,
    cityReview: f.landType === 'reserve' && f.newlyTransferred,
    commitmentRequired: f.landType === 'inside_boundary' && !f.retainedInPlan,
    planAdjustmentRequired: f.landType === 'outside_boundary' && !f.retainedInPlan,
    filingRequired: f.landType === 'outside_boundary' && exceedsContractPlotRatio(f),
    decisionRole,
    cityDecidesWithdrawn: !!f.authorityWithdrawnSince
  };
  if (f.landType === null) {
    return {
      ...base,
      eligible: false,
      blocker: {
        code: 'land_type_unknown',
        zh: '地块尚未完成空间类型判定（战略预留区 / 开发边界内 / 开发边界外），请先上传地块四至范围矢量图。',
        en: 'The parcel has not been classified yet (reserve / inside / outside the development boundary); upload the parcel boundary file first.'
      }
    };
  }
  if (f.landType === 'industrial_block') {
    const info = LAND_TYPE_INFO.industrial_block;
    return {
      ...base,
      eligible: false,
      blocker: { code: 'out_of_scope_industrial_block', zh: info.allowsZh, en: info.allowsEn }
    };
  }
  return base;
}

// ---- Documents (附件 二.1: 四至范围矢量图、土地权证、土地出让合同等要件) -------------------------

export const DOCUMENT_KINDS = [
  'boundary', // 地块四至范围矢量图 (gis / dwg)
  'land_title', // 土地权证
  'land_contract', // 土地出让合同
  'commitment', // 无条件服从收回承诺书
  'recognition', // 区政府（管委会、市）认定文件
  'plan_adjustment', // 规划调整批复
  'joint_review_material', // 联审补充材料
  'joint_review_opinion', // 部门盖章意见函或联审会议纪要（牵头部门代录意见的依据，附件 二.2）
  'declaration_evidence', // 承诺声明的证明材料
  'other'
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_LABELS: Record<DocumentKind, { zh: string; en: string }> = {
  boundary: { zh: '地块四至范围矢量图（GIS 或 DWG）', en: 'Parcel boundary file (GIS or DWG)' },
  land_title: { zh: '土地权证', en: 'Land title certificate' },
  land_contract: { zh: '土地出让合同', en: 'Land transfer contract' },
  commitment: {
    zh: '无条件服从政府实施规划收回土地承诺书',
    en: 'Commitment to surrender the land unconditionally when the plan is implemented'
  },
  recognition: { zh: '项目认定文件', en: 'Recognition document' },
  plan_adjustment: { zh: '规划调整批复', en: 'Plan adjustment approval' },
  joint_review_material: { zh: '联审补充材料', en: 'Joint review supplementary material' },
  joint_review_opinion: { zh: '部门意见函（会议纪要）', en: "Department's signed opinion letter (meeting minutes)" },
  declaration_evidence: { zh: '承诺声明证明材料', en: 'Declaration evidence' },
  other: { zh: '其他材料', en: 'Other document' }
};

/** Documents a complete application must carry for this path. */
export function requiredDocuments(f: PathFacts): DocumentKind[] {
  const docs: DocumentKind[] = ['boundary', 'land_title', 'land_contract'];
  if (pathOf(f).commitmentRequired) docs.push('commitment');
  return docs;
}

/** Required documents not among `present`, in the order of requiredDocuments. */
export function missingDocuments(f: PathFacts, present: readonly DocumentKind[]): DocumentKind[] {
  return requiredDocuments(f).filter((d) => !present.includes(d));
}

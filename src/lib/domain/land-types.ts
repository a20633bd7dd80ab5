// The spatial types of 差别管理 (沪经信规范〔2020〕9号 一.4), decided from the parcel boundary by the
// classification module. 'industrial_block' is outside the guideline's scope (it governs land *outside*
// the planned industrial blocks), so such projects cannot be submitted under this procedure.

export const LAND_TYPES = ['reserve', 'inside_boundary', 'outside_boundary', 'industrial_block'] as const;
export type LandType = (typeof LAND_TYPES)[number];

export interface LandTypeInfo {
  zh: string;
  en: string;
  /** The clause of 沪经信规范〔2020〕9号 that governs this type. */
  clause: string;
  /** What recognition allows (DOMAIN.md table), for the project page. */
  allowsZh: string;
  allowsEn: string;
  inScope: boolean;
}

export const LAND_TYPE_INFO: Record<LandType, LandTypeInfo> = {
  reserve: {
    zh: '战略预留区',
    en: 'Strategic reserve area',
    clause: '一.4(1)；三.1',
    allowsZh:
      '经区政府认定符合正面清单标准的，可按规划新建、改建、扩建；使用战略预留区内新出让土地的，由区政府初审后报市“三委两局”审核认定。',
    allowsEn:
      'If recognised as meeting the positive list: new build, rebuild or extension per plan. Newly transferred land inside the reserve: district preliminary review, then review and recognition by the city (three commissions and two bureaus).',
    inScope: true
  },
  inside_boundary: {
    zh: '城市开发边界内',
    en: 'Inside the urban development boundary',
    clause: '一.4(2)',
    allowsZh:
      '在控详规划中予以保留的，按规划进行改扩建；未在规划中保留但与近中期规划实施不冲突的，须承诺无条件服从政府实施规划收回土地，方可由区政府统筹实施改建。',
    allowsEn:
      "Retained in the regulatory detailed plan: renovate and extend per plan. Not retained but not conflicting with near/mid-term plans: only with the enterprise's commitment to surrender the land unconditionally when the plan is implemented.",
    inScope: true
  },
  outside_boundary: {
    zh: '城市开发边界外',
    en: 'Outside the urban development boundary',
    clause: '一.4(3)',
    allowsZh:
      '经镇总规、单元规划、专项规划、郊野单元村庄规划确认保留的，按规划改扩建；未经规划确认保留的，经项目认定和规划调整后实施；突破原土地出让合同容积率的，区政府认定后向市经济信息化委、市规划资源局报备。',
    allowsEn:
      "Retained by the town, unit, special or village plan: renovate per plan. Not retained: recognition and a plan adjustment before implementation. Exceeding the land contract's plot ratio: after district recognition, file the result with the city SHEITC and the planning bureau.",
    inScope: true
  },
  industrial_block: {
    zh: '规划产业区块内',
    en: 'Inside a planned industrial block',
    clause: '标题及一.4（本指引适用于规划产业区块外）',
    allowsZh:
      '地块位于规划产业区块内，不适用《规划产业区块外优质项目认定工作指引》，不能通过本程序申报；请按产业区块内的项目管理规定办理。',
    allowsEn:
      'The parcel lies inside a planned industrial block, which this guideline (for land outside the blocks) does not cover; it cannot be submitted under this procedure. Follow the rules for projects inside industrial blocks.',
    inScope: false
  }
};

export function isLandType(value: unknown): value is LandType {
  return typeof value === 'string' && (LAND_TYPES as readonly string[]).includes(value);
}

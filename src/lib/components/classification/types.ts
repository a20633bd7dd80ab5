// The classification as the components read it: the JSON of src/lib/domain/classification/types.ts
// (kept structural here so browser code never imports a server module).
export interface ClassificationView {
  landType: 'reserve' | 'inside_boundary' | 'outside_boundary' | 'industrial_block';
  rule: string;
  straddles: boolean;
  zones: { kind: string; name: string; code: string | null; zoneId: number; areaM2: number; share: number }[];
  district: { code: string; name: string; share: number; areaM2: number }[];
  authorityCode: string | null;
  lingang: boolean;
  conflicts: { kind: string; name: string; code: string | null; zoneId: number; areaM2: number }[];
  ignoredSlivers: number;
  areaM2: number;
  layerVersions: { kind: string; versionId: number; version: number; label: string; sample: boolean }[];
  tolerances: { sliverMinM2: number; sliverMinShare: number };
}

/** 1 亩 = 10000/15 m² (666.67 m²), as DOMAIN.md states. */
export const M2_PER_MU = 10000 / 15;

export const RULE_LABELS: Record<string, { zh: string; en: string }> = {
  industrial_block_majority: { zh: '过半位于规划产业区块内', en: 'More than half inside planned industrial blocks' },
  reserve_overlap: { zh: '与战略预留区重叠（超过容差）', en: 'Overlaps a strategic reserve area (above tolerance)' },
  boundary_majority: { zh: '过半位于城市开发边界内', en: 'More than half inside the development boundary' },
  outside_boundary: { zh: '未过半位于城市开发边界内', en: 'Not more than half inside the development boundary' }
};

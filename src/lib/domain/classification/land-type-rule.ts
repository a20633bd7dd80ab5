// From overlap areas to a land type: pure, no I/O, so the rule can be read (and tested) in one place.
//
// The rule (DOMAIN.md "Spatial types"), applied in this order after slivers are dropped:
//   1. industrial_block_majority — more than half of the parcel lies in planned industrial blocks
//      → 'industrial_block' (not in scope of the guideline).
//   2. reserve_overlap — any overlap with a strategic reserve area above the sliver tolerance → 'reserve'
//      (a reserve overlap brings the city's review into play, so it wins over the boundary majority;
//      `straddles` tells the officer the parcel is only partly in the reserve).
//   3. boundary_majority — more than half inside the urban development boundary → 'inside_boundary'.
//   4. outside_boundary — otherwise.
// The authority is Lingang when more than half of the parcel lies in Lingang (its committee recognises
// instead of a district government), otherwise the district holding the largest share.
import type { LandType } from '../land-types.ts';
import type {
  ClassShares,
  Classification,
  ClassificationRule,
  Conflict,
  DistrictShare,
  LayerVersionUsed,
  OverlapRow,
  Tolerances,
  ZoneShare
} from './types.ts';

/** Defaults: below 1 m² is digitising noise at any size; below 0.1% is noise on a large parcel (0.1% of 10 ha = 100 m²). */
export const DEFAULT_TOLERANCES: Tolerances = { sliverMinM2: 1, sliverMinShare: 0.001 };

/** "Majority" means strictly more than half of the parcel's area. */
export const MAJORITY = 0.5;

/** An intersection this small is an edge or corner touch (numerical zero), not an overlap, and not a sliver either. */
const TOUCH_M2 = 1e-6;

// Kind codes the rule needs by name; every other kind is listed by its purpose (kinds are data).
const BOUNDARY = 'development_boundary';
const BLOCK = 'industrial_block';
const RESERVE = 'strategic_reserve';
const DISTRICT = 'district';
const LINGANG = 'lingang';

const round2 = (x: number) => Math.round(x * 100) / 100;
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

export function isSliver(areaM2: number, parcelM2: number, t: Tolerances): boolean {
  return areaM2 < t.sliverMinM2 || (parcelM2 > 0 && areaM2 / parcelM2 < t.sliverMinShare);
}

export interface DecideInput {
  parcelAreaM2: number;
  overlaps: OverlapRow[];
  layerVersions: LayerVersionUsed[];
  tolerances: Tolerances;
}

export function decide({ parcelAreaM2: total, overlaps, layerVersions, tolerances }: DecideInput): Classification {
  let ignoredSlivers = 0;
  const kept: OverlapRow[] = [];
  for (const o of overlaps) {
    // An overlap cannot exceed the parcel; clamp the floating-point excess of summed parts.
    const area = Math.min(o.area_m2, total);
    if (area <= TOUCH_M2) continue;
    if (isSliver(area, total, tolerances)) ignoredSlivers++;
    else kept.push({ ...o, area_m2: area });
  }
  const share = (a: number) => (total > 0 ? Math.min(1, a / total) : 0);
  const sumShare = (kind: string) =>
    Math.min(
      1,
      kept.filter((o) => o.kind === kind).reduce((s, o) => s + share(o.area_m2), 0)
    );

  const B = sumShare(BLOCK);
  const R = sumShare(RESERVE);
  const D = sumShare(BOUNDARY);
  // Blocks and reserves lie inside the boundary in the city's data (DOMAIN.md), so they are taken out of it.
  const classShares: ClassShares = {
    industrial_block: round6(B),
    reserve: round6(R),
    inside_boundary: round6(Math.max(0, D - B - R)),
    outside_boundary: round6(Math.max(0, 1 - Math.max(D, B + R)))
  };
  const [landType, rule] = pickLandType(B, R, D);
  const nonSliverClasses = Object.values(classShares).filter(
    (s) => s > 0 && !isSliver(s * total, total, tolerances)
  ).length;

  const byShare = <T extends { areaM2: number }>(a: T, b: T) => b.areaM2 - a.areaM2;
  const district: DistrictShare[] = kept
    .filter((o) => o.kind === DISTRICT)
    .map((o) => ({ code: o.code ?? o.name, name: o.name, areaM2: round2(o.area_m2), share: round6(share(o.area_m2)) }))
    .sort(byShare);
  const lingangShare = sumShare(LINGANG);
  const lingang = lingangShare > MAJORITY;
  const conflicts: Conflict[] = kept
    .filter((o) => o.purpose === 'conflict')
    .map((o) => ({ kind: o.kind, name: o.name, code: o.code, zoneId: o.zone_id, areaM2: round2(o.area_m2) }))
    .sort(byShare);
  const kindOrder = new Map(layerVersions.map((v, i) => [v.kind, i]));
  const zones: ZoneShare[] = kept
    .filter((o) => o.purpose !== 'authority' && o.purpose !== 'conflict')
    .map((o) => ({
      kind: o.kind,
      name: o.name,
      code: o.code,
      zoneId: o.zone_id,
      areaM2: round2(o.area_m2),
      share: round6(share(o.area_m2))
    }))
    .sort((a, b) => (kindOrder.get(a.kind) ?? 999) - (kindOrder.get(b.kind) ?? 999) || b.areaM2 - a.areaM2);

  return {
    landType,
    rule,
    straddles: nonSliverClasses > 1,
    classShares,
    zones,
    district,
    authorityCode: lingang ? LINGANG : (district[0]?.code ?? null),
    lingang,
    lingangShare: round6(lingangShare),
    conflicts,
    ignoredSlivers,
    areaM2: round2(total),
    layerVersions,
    tolerances
  };
}

function pickLandType(block: number, reserve: number, boundary: number): [LandType, ClassificationRule] {
  if (block > MAJORITY) return ['industrial_block', 'industrial_block_majority'];
  if (reserve > 0) return ['reserve', 'reserve_overlap'];
  if (boundary > MAJORITY) return ['inside_boundary', 'boundary_majority'];
  return ['outside_boundary', 'outside_boundary'];
}

/** Bilingual explanations of each rule, for the table and the CLI. */
export const RULE_TEXT: Record<ClassificationRule, { zh: string; en: string }> = {
  industrial_block_majority: {
    zh: '地块过半位于规划产业区块内，不适用本指引',
    en: 'More than half of the parcel lies in planned industrial blocks: outside the guideline'
  },
  reserve_overlap: {
    zh: '地块与战略预留区重叠（超过容差）',
    en: 'The parcel overlaps a strategic reserve area (above the tolerance)'
  },
  boundary_majority: {
    zh: '地块过半位于城市开发边界内',
    en: 'More than half of the parcel lies inside the urban development boundary'
  },
  outside_boundary: {
    zh: '地块未过半位于城市开发边界内',
    en: 'Not more than half of the parcel lies inside the urban development boundary'
  }
};

// The classification of one parcel against the current zoning layers: DESIGN.md's `classify` JSON.
import type { LandType } from '../land-types.ts';

/** One overlap of the parcel with a zone, as the overlay (server/classification/sql/overlay.sql) returns it. */
export interface OverlapRow {
  kind: string;
  purpose: string;
  zone_id: number;
  name: string;
  code: string | null;
  area_m2: number;
}

/** Which rule decided the land type (see land-type-rule.ts for the order and reasons). */
export type ClassificationRule =
  'industrial_block_majority' | 'reserve_overlap' | 'boundary_majority' | 'outside_boundary';

export interface ZoneShare {
  /** Layer kind code, e.g. 'development_boundary', 'industrial_block', 'central_city'. */
  kind: string;
  name: string;
  code: string | null;
  zoneId: number;
  areaM2: number;
  /** Fraction of the parcel's area, 0..1. */
  share: number;
}

export interface DistrictShare {
  code: string;
  name: string;
  share: number;
  areaM2: number;
}

export interface Conflict {
  kind: string;
  name: string;
  code: string | null;
  zoneId: number;
  areaM2: number;
}

export interface LayerVersionUsed {
  kind: string;
  versionId: number;
  version: number;
  label: string;
  sample: boolean;
}

export interface Tolerances {
  /** An overlap smaller than this many m² is digitising noise … */
  sliverMinM2: number;
  /** … or smaller than this fraction of the parcel. Either test ignores it. */
  sliverMinShare: number;
}

/** Shares of the parcel by land-type class (0..1); `inside_boundary` is the boundary minus blocks and reserves. */
export interface ClassShares {
  industrial_block: number;
  reserve: number;
  inside_boundary: number;
  outside_boundary: number;
}

export interface Classification {
  landType: LandType;
  rule: ClassificationRule;
  /** The parcel lies in more than one land-type class (each above the sliver tolerance). */
  straddles: boolean;
  classShares: ClassShares;
  zones: ZoneShare[];
  district: DistrictShare[];
  /** The district code, or 'lingang' when more than half of the parcel lies in Lingang. */
  authorityCode: string | null;
  lingang: boolean;
  lingangShare: number;
  conflicts: Conflict[];
  /** How many overlaps were ignored as slivers (non-zero area below the tolerance). */
  ignoredSlivers: number;
  areaM2: number;
  layerVersions: LayerVersionUsed[];
  tolerances: Tolerances;
}

export interface ClassifyOptions {
  tolerances?: Partial<Tolerances>;
}

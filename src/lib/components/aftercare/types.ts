// Shapes the after-recognition panels receive (the server's compliance and as-built views, JSON-serialised).
import type { Geometry } from 'geojson';
import type { Label } from '../../domain/aftercare/terms.ts';

export interface SurveyView {
  id: string;
  fileId: string | null;
  fileName: string;
  sourceCrs: string | null;
  sourceFormat: string | null;
  sourceLayer: string | null;
  toleranceM: number;
  parcelAreaM2: number | null;
  footprintM2: number | null;
  floorAreaM2: number | null;
  encroachmentM2: number | null;
  withinToleranceM2: number | null;
  plotRatio: number | null;
  coverage: number | null;
  buildingCount: number;
  uploadedAt: string;
  uploadedBy: string | null;
  signoff: 'pass' | 'fail' | null;
  signoffReason: string | null;
  signedBy: string | null;
  signedAt: string | null;
}
export interface BuildingView {
  index: number;
  geometry: Geometry;
  outside: Geometry | null;
  floors: number | null;
  floorAreaStated: number | null;
  source: Label | null;
  label: string | null;
  footprintM2: number | null;
  floorAreaM2: number | null;
  encroachmentM2: number | null;
  withinToleranceM2: number | null;
}

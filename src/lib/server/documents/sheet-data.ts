// What the 项目信息表 prints, gathered by documents.repository.ts from the database. Plain data, so the
// renderer can be tested without a database.
import type { MultiPolygon, Polygon } from 'geojson';
import type { Classification } from '../../domain/classification/types.ts';
import type { MapZone } from './map-figure.ts';

export interface SheetDocument {
  kind: string;
  label: string;
  name: string;
  addedAt: Date;
}

export interface SheetData {
  projectId: string;
  projectCode: string;
  title: string;
  authorityName: string;
  stageLabel: string;
  /** The application form as stored (projects.form). */
  form: Record<string, unknown>;
  parcel: { areaM2: number; geometry: MultiPolygon; sourceCrs: string | null } | null;
  classification: Classification | null;
  documents: SheetDocument[];
  mapZones: MapZone[];
  /** The parcel's district, for the figure's inset. */
  mapDistrict?: { name: string; geometry: Polygon | MultiPolygon } | null;
}

export interface IssueInfo {
  code: string;
  issuedAt: Date;
  issuedByName: string;
  /** Absolute URL of the public verification page for this code. */
  verifyUrl: string;
}

/** 1 亩 = 10000/15 m² (DOMAIN.md "1 亩 = 666.67 m²"). */
export const M2_PER_MU = 10000 / 15;
export const toMu = (m2: number) => m2 / M2_PER_MU;

// Shared types of the boundary pipeline: unzip → sniff → decode → parse → CRS → reproject → validate.
// Readers know bytes and return plain GeoJSON in the *source* CRS; CRS and validation are later stages.
import type { Feature, MultiPolygon, Polygon, Geometry } from 'geojson';
import type { UploadBudget } from './budget.ts';

export type FormatId = 'shapefile' | 'dxf' | 'dwg' | 'geojson' | 'kml' | 'kmz' | 'survey-txt';

/** One uploaded file: name as the user gave it, bytes as received. */
export interface InputFile {
  name: string;
  bytes: Uint8Array;
}

/** Options the user can set; every one is optional and every guess is reported. */
export interface ReadOptions {
  /** Text encoding chosen by the user (e.g. 'gbk', 'utf-8'); overrides every guess. */
  encoding?: string;
  /** CAD: layer to build polygons from; otherwise picked by name (红线, 用地界线, …). */
  layer?: string;
  /** What the polygons are: the site boundary (default) or built footprints of an as-built survey (CAD layer
   *  picked by building names such as 建筑/房屋, and the drawing's texts returned). */
  purpose?: 'boundary' | 'footprints';
  /** The upload's budgets (vertices, block expansion, nesting, unzipped bytes), shared by every file of it. */
  budget?: UploadBudget;
  /** The files are handed over: the reader empties their `bytes` once it has parsed them (the CLI; an 18 MB DXF
   *  is then not held while its rings are built). */
  releaseBytes?: boolean;
}

/** A CAD text in source coordinates (after unit scaling), e.g. a floor label "5F" inside a footprint. */
export interface SourceText {
  layer: string;
  x: number;
  y: number;
  text: string;
}

/** A CAD layer as listed to the user. */
export interface LayerInfo {
  name: string;
  entityCount: number;
  closedRings: number;
}

/** What a reader returns: features in source coordinates plus what it learned and guessed. */
export interface ReadResult {
  format: FormatId;
  features: Feature<Polygon | MultiPolygon, Record<string, unknown>>[];
  /** CRS hint found in the file itself (.prj WKT, GeoJSON crs member, TXT header): raw text, resolved later by crs.ts. */
  crsHint?: { kind: 'wkt' | 'epsg' | 'proj4' | 'name' | 'survey-header'; value: string; source: string };
  /** Decisions made while reading, in the order made, e.g. { what: 'encoding', value: 'gbk', rule: 'dbf-ldid' }. */
  decisions: Decision[];
  /** CAD: layers with counts and which one was used. */
  layers?: LayerInfo[];
  sourceLayer?: string;
  /** CAD texts (footprints purpose only). */
  texts?: SourceText[];
  /** Linear unit scale to metres found in the file (DXF $INSUNITS), if any. */
  unitsToMetres?: number;
  warnings: Message[];
  /** CAD: the same drawing with another layer picked, without reading it again (kept by the ingest cache;
   *  never serialised). */
  relayer?: (layer: string | undefined) => ReadResult;
}

export interface Decision {
  what: string;
  value: string;
  rule: string;
  alternatives?: string[];
}

/** A user-facing message with a stable code and both languages. */
export interface Message {
  code: string;
  zh: string;
  en: string;
  at?: [number, number];
}

// A bad file is a UserError (src/lib/errors.ts): thrown by readers and stages with userError(code, zh, en),
// shown to the user (HTTP 400 / CLI exit 2), never a bug.

export type { Feature, MultiPolygon, Polygon, Geometry };

// The intermediate CAD model shared by the DXF and DWG readers: just the geometry a parcel boundary can be
// made of, in each entity's own coordinate system (OCS for 2D entities, as the DXF reference defines it).
// Angles are radians, counter-clockwise in the entity's OCS. Both readers fill this; one builder
// (build.ts) turns it into polygons, so DXF and DWG get the same entity handling.

export type Vec2 = [number, number];
export type Vec3 = [number, number, number];

/** A polyline vertex; bulge = tan(θ/4) of the arc from this vertex to the next (DXF group 42). */
export interface BulgeVertex {
  x: number;
  y: number;
  bulge: number;
}

export type HatchEdge =
  | { kind: 'line'; a: Vec2; b: Vec2 }
  | { kind: 'arc'; center: Vec2; r: number; start: number; end: number; ccw: boolean }
  | { kind: 'ellipse'; center: Vec2; major: Vec2; ratio: number; start: number; end: number; ccw: boolean }
  | { kind: 'spline'; degree: number; knots: number[]; ctrl: Vec2[]; weights?: number[]; fit: Vec2[] };

export type HatchPath =
  { kind: 'polyline'; vertices: BulgeVertex[]; closed: boolean } | { kind: 'edges'; edges: HatchEdge[] };

export type CadGeometry =
  | { kind: 'polyline'; vertices: BulgeVertex[]; closed: boolean; elevation: number }
  | { kind: 'line'; a: Vec3; b: Vec3 }
  | { kind: 'circle'; center: Vec3; r: number }
  | { kind: 'arc'; center: Vec3; r: number; start: number; end: number }
  /** ELLIPSE points are in WCS (DXF reference); the extrusion only fixes which way the minor axis points. */
  | { kind: 'ellipse'; center: Vec3; major: Vec3; ratio: number; start: number; end: number }
  /** SPLINE points are in WCS. */
  | { kind: 'spline'; degree: number; knots: number[]; ctrl: Vec3[]; weights?: number[]; fit: Vec3[]; closed: boolean }
  | { kind: 'hatch'; paths: HatchPath[]; elevation: number }
  | {
      kind: 'insert';
      block: string;
      at: Vec3;
      sx: number;
      sy: number;
      rotation: number;
      cols: number;
      rows: number;
      colSpacing: number;
      rowSpacing: number;
    }
  /** TEXT / MTEXT: insertion point (OCS) and the plain string (MTEXT formatting removed); read by the as-built
   *  survey (floor labels inside footprints), never part of a boundary. */
  | { kind: 'text'; at: Vec3; text: string }
  /** Anything else (DIMENSION, …): counted on its layer, no geometry. */
  | { kind: 'other' };

export interface CadEntity {
  type: string;
  layer: string;
  handle?: string;
  /** Extrusion direction (DXF 210/220/230); undefined means (0,0,1). */
  extrusion?: Vec3;
  geom: CadGeometry;
}

export interface CadBlock {
  name: string;
  base: Vec3;
  entities: CadEntity[];
}

export interface CadDrawing {
  /** $ACADVER, e.g. 'AC1009' (R12), 'AC1015' (R2000), 'AC1021' (R2007). */
  version?: string;
  /** $INSUNITS code (0 = unitless); see units.ts. */
  insunits?: number;
  /** Layer names from the LAYER table, in table order. */
  layerTable: string[];
  blocks: Map<string, CadBlock>;
  /** Model-space entities (paper-space ones are dropped by the readers). */
  entities: CadEntity[];
  /** Things the reader noticed that the user should know (unsupported entity types, recoveries), in both languages. */
  notes: CadNote[];
}

/** A reader's note, worded for the clerk in each language (entity type names stay as CAD writes them). */
export interface CadNote {
  zh: string;
  en: string;
}

/** Unsupported entity types, counted: `TEXT×8, DIMENSION×2` reads the same in both languages. */
export function ignoredEntitiesNote(counts: Map<string, number>): CadNote {
  const list = [...counts].map(([t, n]) => `${t}×${n}`).join(', ');
  return { zh: `已忽略没有面积的实体（文字、标注等）：${list}`, en: `entities without area geometry ignored: ${list}` };
}

export function emptyDrawing(): CadDrawing {
  return { layerTable: [], blocks: new Map(), entities: [], notes: [] };
}

// LibreDWG's converted database (@mlightcad/libredwg-web `DwgDatabase`) → the intermediate CAD model, so DWG
// gets exactly the DXF entity handling. The shapes below are the subset of its typings we read, declared
// here because the package is optional (GPL-3.0) and must not be needed to type-check the app.
// Angles there are radians already; DWG LWPOLYLINE "closed" is flag bit 512 (bit 1 means "has extrusion").
import {
  emptyDrawing,
  ignoredEntitiesNote,
  type BulgeVertex,
  type CadDrawing,
  type CadEntity,
  type CadGeometry,
  type HatchEdge,
  type HatchPath,
  type Vec2,
  type Vec3
} from './model.ts';
import { plainMText } from './dxf-entities.ts';

interface P {
  x: number;
  y: number;
  z?: number;
}
/** One LibreDWG entity, loosely typed: fields vary by `type`. */
export type DwgLikeEntity = {
  type: string;
  layer?: string;
  handle?: string;
  isInPaperSpace?: boolean;
  extrusionDirection?: P;
} & Record<string, unknown>;
export interface DwgLikeDatabase {
  header?: Record<string, unknown>;
  tables?: {
    LAYER?: { entries?: { name: string }[] };
    BLOCK_RECORD?: { entries?: { name: string; basePoint?: P; entities?: DwgLikeEntity[] }[] };
  };
  entities?: DwgLikeEntity[];
}

const DWG_LWPOLYLINE_CLOSED = 512;
const TAU = Math.PI * 2;

const v3 = (p: P | undefined): Vec3 => [p?.x ?? 0, p?.y ?? 0, p?.z ?? 0];
const v2 = (p: P | undefined): Vec2 => [p?.x ?? 0, p?.y ?? 0];
const num = (v: unknown, d: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : d);

function edge(e: Record<string, unknown>): HatchEdge | undefined {
  const ccw = e.isCCW !== false;
  // As in DXF, clockwise edges store 2π − angle (see dxf-hatch.ts).
  const ang = (a: unknown, d: number) => (ccw ? num(a, d) : TAU - num(a, d));
  switch (e.type) {
    case 1:
      return { kind: 'line', a: v2(e.start as P), b: v2(e.end as P) };
    case 2:
      return {
        kind: 'arc',
        center: v2(e.center as P),
        r: num(e.radius, 0),
        start: ang(e.startAngle, 0),
        end: ang(e.endAngle, TAU),
        ccw
      };
    case 3:
      return {
        kind: 'ellipse',
        center: v2(e.center as P),
        major: v2(e.end as P),
        ratio: num(e.lengthOfMinorAxis, 1),
        start: ang(e.startAngle, 0),
        end: ang(e.endAngle, TAU),
        ccw
      };
    case 4: {
      const cps = (e.controlPoints as (P & { weight?: number })[] | undefined) ?? [];
      const ws = cps.map((c) => c.weight);
      return {
        kind: 'spline',
        degree: num(e.degree, 3),
        knots: (e.knots as number[] | undefined) ?? [],
        ctrl: cps.map(v2),
        weights: ws.every((w) => typeof w === 'number') && ws.length ? (ws as number[]) : undefined,
        fit: ((e.fitDatum as P[] | undefined) ?? []).map(v2)
      };
    }
    default:
      return undefined;
  }
}

function hatchPaths(paths: Record<string, unknown>[] | undefined): HatchPath[] {
  const out: HatchPath[] = [];
  for (const p of paths ?? []) {
    if (Array.isArray(p.vertices)) {
      out.push({
        kind: 'polyline',
        vertices: (p.vertices as (P & { bulge?: number })[]).map((v) => ({ x: v.x, y: v.y, bulge: num(v.bulge, 0) })),
        closed: true
      });
    } else if (Array.isArray(p.edges)) {
      out.push({
        kind: 'edges',
        edges: (p.edges as Record<string, unknown>[]).map(edge).filter((x): x is HatchEdge => !!x)
      });
    }
  }
  return out;
}

function geometry(e: DwgLikeEntity): CadGeometry {
  switch (e.type) {
    case 'LWPOLYLINE': {
      const vs = ((e.vertices as (P & { bulge?: number })[]) ?? []).map((v): BulgeVertex => ({
        x: v.x,
        y: v.y,
        bulge: num(v.bulge, 0)
      }));
      return {
        kind: 'polyline',
        vertices: vs,
        closed: (num(e.flag, 0) & DWG_LWPOLYLINE_CLOSED) !== 0,
        elevation: num(e.elevation, 0)
      };
    }
    case 'POLYLINE2D':
    case 'POLYLINE3D': {
      const flag = num(e.flag, 0);
      // Spline-fitted polylines keep their frame (flag 16) vertices too; only the fitted ones lie on the curve.
      const vs = ((e.vertices as (P & { bulge?: number; flag?: number })[]) ?? [])
        .filter((v) => !(flag & 4 && num(v.flag, 0) & 16))
        .map((v): BulgeVertex => ({ x: v.x, y: v.y, bulge: e.type === 'POLYLINE2D' ? num(v.bulge, 0) : 0 }));
      return {
        kind: 'polyline',
        vertices: vs,
        closed: (flag & 1) !== 0,
        elevation: e.type === 'POLYLINE2D' ? num(e.elevation, 0) : 0
      };
    }
    case 'LINE':
      return { kind: 'line', a: v3(e.startPoint as P), b: v3(e.endPoint as P) };
    case 'CIRCLE':
      return { kind: 'circle', center: v3(e.center as P), r: num(e.radius, 0) };
    case 'ARC':
      return {
        kind: 'arc',
        center: v3(e.center as P),
        r: num(e.radius, 0),
        start: num(e.startAngle, 0),
        end: num(e.endAngle, TAU)
      };
    case 'ELLIPSE':
      return {
        kind: 'ellipse',
        center: v3(e.center as P),
        major: v3(e.majorAxisEndPoint as P),
        ratio: num(e.axisRatio, 1),
        start: num(e.startAngle, 0),
        end: num(e.endAngle, TAU)
      };
    case 'SPLINE': {
      const flag = num(e.flag, 0);
      const weights = e.weights as number[] | undefined;
      return {
        kind: 'spline',
        degree: num(e.degree, 3),
        knots: (e.knots as number[]) ?? [],
        ctrl: ((e.controlPoints as P[]) ?? []).map(v3),
        weights: weights && weights.length ? weights : undefined,
        fit: ((e.fitPoints as P[]) ?? []).map(v3),
        closed: (flag & 3) !== 0
      };
    }
    case 'HATCH':
      return { kind: 'hatch', paths: hatchPaths(e.boundaryPaths as Record<string, unknown>[]), elevation: 0 };
    case 'INSERT':
      return {
        kind: 'insert',
        block: String(e.name ?? ''),
        at: v3(e.insertionPoint as P),
        sx: num(e.xScale, 1),
        sy: num(e.yScale, 1),
        rotation: num(e.rotation, 0),
        cols: Math.max(1, num(e.columnCount, 1)),
        rows: Math.max(1, num(e.rowCount, 1)),
        colSpacing: num(e.columnSpacing, 0),
        rowSpacing: num(e.rowSpacing, 0)
      };
    case 'TEXT':
      return { kind: 'text', at: v3(e.startPoint as P), text: String(e.text ?? '').trim() };
    case 'MTEXT':
      return { kind: 'text', at: v3(e.insertionPoint as P), text: plainMText(String(e.text ?? '')) };
    default:
      return { kind: 'other' };
  }
}

function entity(e: DwgLikeEntity): CadEntity {
  const ex = e.extrusionDirection;
  return {
    type: e.type,
    layer: e.layer ?? '0',
    handle: e.handle,
    extrusion: ex ? v3(ex) : undefined,
    geom: geometry(e)
  };
}

/** Model and paper space are block records too; their contents are the drawing, not insertable blocks. */
const LAYOUT_BLOCK = /^\*(model|paper)_space/i;

export function dwgToDrawing(db: DwgLikeDatabase): CadDrawing {
  const d: CadDrawing = emptyDrawing();
  const units = db.header?.INSUNITS;
  if (typeof units === 'number') d.insunits = units;
  d.layerTable = (db.tables?.LAYER?.entries ?? []).map((l) => l.name);
  for (const b of db.tables?.BLOCK_RECORD?.entries ?? []) {
    if (LAYOUT_BLOCK.test(b.name)) continue;
    d.blocks.set(b.name, { name: b.name, base: v3(b.basePoint), entities: (b.entities ?? []).map(entity) });
  }
  const unsupported = new Map<string, number>();
  for (const e of db.entities ?? []) {
    if (e.isInPaperSpace) continue;
    const c = entity(e);
    if (c.geom.kind === 'other') unsupported.set(e.type, (unsupported.get(e.type) ?? 0) + 1);
    d.entities.push(c);
  }
  if (unsupported.size) d.notes.push(ignoredEntitiesNote(unsupported));
  return d;
}

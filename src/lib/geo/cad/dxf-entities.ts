// DXF entity records → the intermediate model. Group codes from the AutoCAD DXF Reference, ENTITIES section.
import type { BulgeVertex, CadEntity, CadGeometry, Vec3 } from './model.ts';
import type { DxfRecord } from './dxf-record.ts';
import { parseHatch } from './dxf-hatch.ts';

const DEG = Math.PI / 180;

/** Common fields; undefined for paper-space entities (group 67 = 1), which are layout annotation. */
export function entityHeader(
  g: DxfRecord,
  decodeName: (s: string) => string
): { layer: string; handle?: string; extrusion?: Vec3 } | undefined {
  let layer = '0';
  let handle: string | undefined;
  let ex: Vec3 | undefined;
  for (let i = 0; i < g.n; i++) {
    switch (g.codes[i]) {
      case 8:
        layer = decodeName(g.strs[i]);
        break;
      case 5:
        handle = g.strs[i];
        break;
      case 67:
        if (g.num(i) === 1) return undefined;
        break;
      case 210:
        (ex ??= [0, 0, 1])[0] = g.num(i);
        break;
      case 220:
        (ex ??= [0, 0, 1])[1] = g.num(i);
        break;
      case 230:
        (ex ??= [0, 0, 1])[2] = g.num(i);
        break;
    }
  }
  return { layer, handle, extrusion: ex };
}

function point(g: DxfRecord, xCode: number): Vec3 {
  const p: Vec3 = [0, 0, 0];
  for (let i = 0; i < g.n; i++) {
    const c = g.codes[i];
    if (c === xCode) p[0] = g.num(i);
    else if (c === xCode + 10) p[1] = g.num(i);
    else if (c === xCode + 20) p[2] = g.num(i);
  }
  return p;
}

function lwpolyline(g: DxfRecord): CadGeometry {
  const vs: BulgeVertex[] = [];
  let flags = 0;
  let elevation = 0;
  let cur: BulgeVertex | undefined;
  for (let i = 0; i < g.n; i++) {
    switch (g.codes[i]) {
      case 10:
        cur = { x: g.num(i), y: 0, bulge: 0 };
        vs.push(cur);
        break;
      case 20:
        if (cur) cur.y = g.num(i);
        break;
      case 42:
        if (cur) cur.bulge = g.num(i) || 0;
        break;
      case 70:
        flags = g.num(i);
        break;
      case 38:
        elevation = g.num(i);
        break;
    }
  }
  return { kind: 'polyline', vertices: vs, closed: (flags & 1) === 1, elevation };
}

function spline(g: DxfRecord): CadGeometry {
  const knots: number[] = [];
  const weights: number[] = [];
  const ctrl: Vec3[] = [];
  const fit: Vec3[] = [];
  let flags = 0;
  let degree = 3;
  let c: Vec3 | undefined;
  let f: Vec3 | undefined;
  for (let i = 0; i < g.n; i++) {
    switch (g.codes[i]) {
      case 70:
        flags = g.num(i);
        break;
      case 71:
        degree = g.num(i);
        break;
      case 40:
        knots.push(g.num(i));
        break;
      case 41:
        weights.push(g.num(i));
        break;
      case 10:
        c = [g.num(i), 0, 0];
        ctrl.push(c);
        break;
      case 20:
        if (c) c[1] = g.num(i);
        break;
      case 30:
        if (c) c[2] = g.num(i);
        break;
      case 11:
        f = [g.num(i), 0, 0];
        fit.push(f);
        break;
      case 21:
        if (f) f[1] = g.num(i);
        break;
      case 31:
        if (f) f[2] = g.num(i);
        break;
    }
  }
  // Flag bit 1 = closed, bit 2 = periodic (DXF Reference, SPLINE group 70).
  return {
    kind: 'spline',
    degree,
    knots,
    ctrl,
    weights: weights.length ? weights : undefined,
    fit,
    closed: (flags & 3) !== 0
  };
}

/** MTEXT inline formatting (\\P paragraph, {\\fArial|b0;…}, \\H2.5x;, \\S1^2; …) → plain text. */
export function plainMText(s: string): string {
  return s
    .replace(/\\[Pp]/g, ' ')
    .replace(/\\S([^;^#/]*)[\^#/]([^;]*);/g, '$1/$2')
    .replace(/\\[ACcFfHhQqTtWwp][^;]*;/g, '')
    .replace(/\\[LlOoKkNn~]/g, '')
    .replace(/[{}]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function text(g: DxfRecord, mtext: boolean): CadGeometry {
  let s = '';
  if (mtext) {
    // Long MTEXT comes as 250-character group 3 chunks followed by the last chunk in group 1.
    for (let i = 0; i < g.n; i++) if (g.codes[i] === 3) s += g.strs[i];
    s += g.str(1);
    s = plainMText(s);
  } else
    s = g
      .str(1)
      .replace(/%%[cdpCDP]/g, '')
      .trim();
  return { kind: 'text', at: point(g, 10), text: s };
}

/** Entity record → geometry. POLYLINE/VERTEX/SEQEND are assembled by the caller (dxf-parse.ts). */
export function entityGeometry(g: DxfRecord): CadGeometry {
  switch (g.type) {
    case 'LWPOLYLINE':
      return lwpolyline(g);
    case 'LINE':
      return { kind: 'line', a: point(g, 10), b: point(g, 11) };
    case 'CIRCLE':
      return { kind: 'circle', center: point(g, 10), r: g.numOf(40, 0) };
    case 'ARC':
      return {
        kind: 'arc',
        center: point(g, 10),
        r: g.numOf(40, 0),
        start: g.numOf(50, 0) * DEG,
        end: g.numOf(51, 360) * DEG
      };
    case 'ELLIPSE':
      return {
        kind: 'ellipse',
        center: point(g, 10),
        major: point(g, 11),
        ratio: g.numOf(40, 1),
        start: g.numOf(41, 0),
        end: g.numOf(42, Math.PI * 2)
      };
    case 'SPLINE':
      return spline(g);
    case 'TEXT':
      return text(g, false);
    case 'MTEXT':
      return text(g, true);
    case 'HATCH':
      return parseHatch(g);
    case 'INSERT':
      return {
        kind: 'insert',
        block: g.str(2),
        at: point(g, 10),
        sx: g.numOf(41, 1),
        sy: g.numOf(42, 1),
        rotation: g.numOf(50, 0) * DEG,
        cols: Math.max(1, g.numOf(70, 1)),
        rows: Math.max(1, g.numOf(71, 1)),
        colSpacing: g.numOf(44, 0),
        rowSpacing: g.numOf(45, 0)
      };
    default:
      return { kind: 'other' };
  }
}

export function makeEntity(g: DxfRecord, decodeName: (s: string) => string): CadEntity | undefined {
  const h = entityHeader(g, decodeName);
  if (!h) return undefined;
  const geom = entityGeometry(g);
  if (geom.kind === 'insert') geom.block = decodeName(geom.block);
  if (geom.kind === 'text') geom.text = decodeName(geom.text);
  return { type: g.type, layer: h.layer, handle: h.handle, extrusion: h.extrusion, geom };
}

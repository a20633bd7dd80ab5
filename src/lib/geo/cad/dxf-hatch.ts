// HATCH boundary paths (DXF Reference, "HATCH", "Boundary Path Data"). The same group codes (10/20, 40, 72…)
// mean different things in different parts of a HATCH, so the record is walked in order with the counts it
// declares (91 paths, 93 vertices or edges, 95/96/97 spline counts) instead of looked up by code.
import type { BulgeVertex, CadGeometry, HatchEdge, HatchPath, Vec2 } from './model.ts';
import type { DxfRecord } from './dxf-record.ts';

const DEG = Math.PI / 180;

class Cursor {
  i: number;
  constructor(
    readonly g: DxfRecord,
    from: number
  ) {
    this.i = from;
  }
  cur(): number {
    return this.i < this.g.n ? this.g.codes[this.i] : -1;
  }
  num(): number {
    return this.g.num(this.i);
  }
  /** Value of `code` if it is the current group (then advance), else the fallback. */
  take(code: number, fallback: number): number {
    if (this.cur() !== code) return fallback;
    const v = this.num();
    this.i++;
    return v;
  }
}

function polylinePath(c: Cursor): HatchPath {
  const hasBulge = c.take(72, 0) !== 0;
  const closed = c.take(73, 1) !== 0;
  const count = c.take(93, 0);
  const vs: BulgeVertex[] = [];
  while (vs.length < count && c.cur() === 10) {
    const v: BulgeVertex = { x: c.take(10, 0), y: c.take(20, 0), bulge: 0 };
    if (hasBulge || c.cur() === 42) v.bulge = c.take(42, 0);
    vs.push(v);
  }
  return { kind: 'polyline', vertices: vs, closed };
}

function xy(c: Cursor, code: number): Vec2 {
  return [c.take(code, 0), c.take(code + 10, 0)];
}

/** Clockwise arc and ellipse edges store 360° − angle (ezdxf's documentation of AutoCAD's behaviour). */
function edge(c: Cursor, type: number): HatchEdge | undefined {
  switch (type) {
    case 1:
      return { kind: 'line', a: xy(c, 10), b: xy(c, 11) };
    case 2: {
      const center = xy(c, 10);
      const r = c.take(40, 0);
      let start = c.take(50, 0);
      let end = c.take(51, 360);
      const ccw = c.take(73, 1) !== 0;
      if (!ccw) {
        start = 360 - start;
        end = 360 - end;
      }
      return { kind: 'arc', center, r, start: start * DEG, end: end * DEG, ccw };
    }
    case 3: {
      const center = xy(c, 10);
      const major = xy(c, 11);
      const ratio = c.take(40, 1);
      let start = c.take(50, 0);
      let end = c.take(51, 360);
      const ccw = c.take(73, 1) !== 0;
      if (!ccw) {
        start = 360 - start;
        end = 360 - end;
      }
      return { kind: 'ellipse', center, major, ratio, start: start * DEG, end: end * DEG, ccw };
    }
    case 4: {
      const degree = c.take(94, 3);
      const rational = c.take(73, 0) !== 0;
      c.take(74, 0);
      const nk = c.take(95, 0);
      const nc = c.take(96, 0);
      const knots: number[] = [];
      while (knots.length < nk && c.cur() === 40) knots.push(c.take(40, 0));
      const ctrl: Vec2[] = [];
      const weights: number[] = [];
      while (ctrl.length < nc && c.cur() === 10) {
        ctrl.push(xy(c, 10));
        if (rational || c.cur() === 42) weights.push(c.take(42, 1));
      }
      // Fit data (97 count, 11/21 points, 12/22 and 13/23 tangents) exist from R2010; 97 is also the
      // path's "source objects" count, so it is fit data only when fit points or tangents follow.
      const fit: Vec2[] = [];
      const next = c.i + 1 < c.g.n ? c.g.codes[c.i + 1] : -1;
      if (c.cur() === 97 && (next === 11 || next === 12)) {
        const nf = c.take(97, 0);
        while (fit.length < nf && c.cur() === 11) fit.push(xy(c, 11));
        if (c.cur() === 12) xy(c, 12);
        if (c.cur() === 13) xy(c, 13);
      }
      return {
        kind: 'spline',
        degree,
        knots,
        ctrl,
        weights: weights.length === ctrl.length ? weights : undefined,
        fit
      };
    }
    default:
      return undefined;
  }
}

function edgePath(c: Cursor): HatchPath {
  const count = c.take(93, 0);
  const edges: HatchEdge[] = [];
  for (let k = 0; k < count && c.cur() === 72; k++) {
    const e = edge(c, c.take(72, 0));
    if (e) edges.push(e);
  }
  return { kind: 'edges', edges };
}

export function parseHatch(g: DxfRecord): CadGeometry {
  const paths: HatchPath[] = [];
  const elevation = g.numOf(30, 0);
  const at = g.find(91);
  if (at < 0) return { kind: 'hatch', paths, elevation };
  const c = new Cursor(g, at);
  const count = c.take(91, 0);
  for (let p = 0; p < count; p++) {
    // Skip to the path's type flag; anything unexpected before it is ignored.
    while (c.i < g.n && c.cur() !== 92) c.i++;
    if (c.i >= g.n) break;
    const flags = c.take(92, 0);
    paths.push((flags & 2) !== 0 ? polylinePath(c) : edgePath(c));
    // Source-object handles (97 count, 330 each) close the path.
    const refs = c.take(97, 0);
    for (let k = 0; k < refs && c.cur() === 330; k++) c.i++;
  }
  return { kind: 'hatch', paths, elevation };
}

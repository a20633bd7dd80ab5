// Entities → world-coordinate pieces per layer: curves densified, OCS mapped to WCS, blocks expanded.
import type { CadDrawing, CadNote, CadEntity, HatchEdge, HatchPath, Vec2, Vec3 } from './model.ts';
import { arcPoints, bulgePolyline, ccwSweep, splinePoints } from './curves.ts';
import {
  apply,
  applyAll,
  compose,
  IDENTITY,
  insertTransform,
  isDefaultExtrusion,
  maxScale,
  ocsAxes,
  ocsToWcs,
  type Affine
} from './transform.ts';
import { chainPieces, chainVec2, vec2Source } from './rings.ts';
import { PieceList } from './pieces.ts';
import { UploadBudget } from '../budget.ts';

/** Nesting limit for blocks inside blocks: real drawings nest a few levels; recursion must stop somewhere.
 *  Deeper nesting is ignored with a note (as recursion is); the upload's budget bounds the work either way. */
export const MAX_INSERT_DEPTH = 16;

/** A layer's pieces, packed (pieces.ts): a large drawing's pieces are most of the reader's memory. Closed
 *  ones (each ending on its first point) carry their entity type and handle; open ones are only chained. */
export interface LayerPieces {
  name: string;
  entityCount: number;
  closed: PieceList;
  sources: string[];
  handles: (string | undefined)[];
  open: PieceList;
}

/** A text in world coordinates (as-built surveys label footprints with floors or floor area). */
export interface CadText {
  layer: string;
  at: Vec2;
  text: string;
}

export interface FlattenResult {
  layers: Map<string, LayerPieces>;
  notes: CadNote[];
  texts: CadText[];
}

const TAU = Math.PI * 2;

function distSq(a: Vec2, b: Vec2): number {
  const dx = a[0] - b[0],
    dy = a[1] - b[1];
  return dx * dx + dy * dy;
}

/** Ellipse in WCS: minor axis = ratio · (N × major) (DXF Reference, ELLIPSE; N = extrusion). */
function ellipseWcs(
  center: Vec3,
  major: Vec3,
  ratio: number,
  t0: number,
  t1: number,
  n: Vec3 | undefined,
  tol: number
): Vec2[] {
  const N = isDefaultExtrusion(n) ? [0, 0, 1] : ocsAxes(n as Vec3)[2];
  const minor: Vec3 = [
    (N[1] * major[2] - N[2] * major[1]) * ratio,
    (N[2] * major[0] - N[0] * major[2]) * ratio,
    (N[0] * major[1] - N[1] * major[0]) * ratio
  ];
  const a = Math.hypot(major[0], major[1], major[2]);
  // Parameters normalised to one turn: an end parameter of 1e7 is the same curve, not 1.6 million turns.
  let sweep = (t1 - t0) % TAU;
  if (sweep <= 0) sweep += TAU;
  const pts = arcPoints(0, 0, 1, t0, sweep, tol / (a || 1));
  return pts.map(([c, s]) => [center[0] + major[0] * c + minor[0] * s, center[1] + major[1] * c + minor[1] * s]);
}

function edgePoints(e: HatchEdge, tol: number): Vec2[] {
  switch (e.kind) {
    case 'line':
      return [e.a, e.b];
    case 'arc': {
      const sweep = e.ccw ? ccwSweep(e.start, e.end) : -ccwSweep(e.end, e.start);
      return arcPoints(e.center[0], e.center[1], e.r, e.start, sweep, tol);
    }
    case 'ellipse': {
      const sweep = e.ccw ? ccwSweep(e.start, e.end) : -ccwSweep(e.end, e.start);
      const m = e.major;
      const a = Math.hypot(m[0], m[1]) || 1;
      // Hatch ellipse edge angles are polar-like parameters, as for the ELLIPSE entity.
      return arcPoints(0, 0, 1, e.start, sweep, tol / a).map(([c, s]) => [
        e.center[0] + m[0] * c - m[1] * e.ratio * s,
        e.center[1] + m[1] * c + m[0] * e.ratio * s
      ]);
    }
    case 'spline':
      return e.ctrl.length >= 2 ? splinePoints(e.degree, e.knots, e.ctrl, e.weights) : e.fit.slice();
  }
}

/** A ring ends on its first point: the same point when it is there already, else a copy of it appended. */
function closeRing(pts: Vec2[]): Vec2[] {
  if (distSq(pts[0], pts[pts.length - 1]) !== 0) return pts.concat([pts[0]]);
  pts[pts.length - 1] = pts[0];
  return pts;
}

/** A CIRCLE's ring from the numbers it was flattened with (centre, radius, tolerance, identity?, affine):
 *  kept so rather than as points (pieces.ts pushComputed); the same calls, so the same points. */
function circleRing(p: readonly number[], o: number): Vec2[] {
  const t: Affine = p[o + 4]
    ? IDENTITY
    : { a: p[o + 5], b: p[o + 6], c: p[o + 7], d: p[o + 8], e: p[o + 9], f: p[o + 10] };
  return closeRing(applyAll(t, arcPoints(p[o], p[o + 1], p[o + 2], 0, TAU, p[o + 3])));
}

/** Degrees are checked before evaluation: de Boor costs degree² per sample. */
function checkHatchSplines(p: HatchPath, budget: UploadBudget): void {
  if (p.kind === 'edges') for (const e of p.edges) if (e.kind === 'spline') budget.checkSplineDegree(e.degree);
}

/** Hatch path → rings (a path is one ring, but edges may come in any order or direction). */
function hatchRings(p: HatchPath, tol: number, closeTol: number): { closed: Vec2[][]; open: Vec2[][] } {
  if (p.kind === 'polyline') {
    const pts = bulgePolyline(p.vertices, true, tol);
    return pts.length >= 4 ? { closed: [pts], open: [] } : { closed: [], open: [] };
  }
  const src = vec2Source(p.edges.map((e) => edgePoints(e, tol)).filter((x) => x.length >= 2));
  const out: { closed: Vec2[][]; open: Vec2[][] } = { closed: [], open: [] };
  chainPieces(src, closeTol, (c, closed) => (closed ? out.closed : out.open).push(chainVec2(src, c, closed)));
  return out;
}

/** Flattens one model-space entity at a time (the DXF reader hands them over as it parses them, so the
 *  drawing is never held whole as entities); `finish` adds the notes. `d` supplies the layer table (read at
 *  the start) and the blocks (looked up as INSERTs come). Texts are kept only when asked for (the footprints
 *  purpose reads them; 15,000 texts of a large drawing are otherwise dead weight). */
export interface Flattener {
  entity(e: CadEntity): void;
  finish(): FlattenResult;
}

export function flattener(
  d: CadDrawing,
  chordTol: number,
  closeTol: number,
  budget: UploadBudget = new UploadBudget(),
  keepTexts = true
): Flattener {
  const layers = new Map<string, LayerPieces>();
  const notes: CadNote[] = [];
  const recursive = new Set<string>();
  const missing = new Set<string>();
  const closeSq = closeTol * closeTol;
  const texts: CadText[] = [];

  const layerOf = (name: string): LayerPieces => {
    let l = layers.get(name);
    if (!l)
      layers.set(
        name,
        (l = { name, entityCount: 0, closed: new PieceList(), sources: [], handles: [], open: new PieceList() })
      );
    return l;
  };
  for (const name of d.layerTable) layerOf(name);

  /** `params`: a ring kept as the numbers it is computed from (circleRing), not its points. */
  const add = (layer: LayerPieces, pts: Vec2[], closed: boolean, e: CadEntity, params?: number[]) => {
    budget.spendVertices(pts.length);
    if (pts.length < 2) return;
    // An open polyline whose ends meet within tolerance is a ring in all but its flag.
    const isRing = closed || (pts.length >= 4 && distSq(pts[0], pts[pts.length - 1]) <= closeSq);
    if (isRing && pts.length >= 3) {
      pts = closeRing(pts);
      if (pts.length >= 4) {
        if (params) layer.closed.pushComputed(pts.length, params, circleRing);
        else layer.closed.push(pts);
        layer.sources.push(e.type);
        layer.handles.push(e.handle);
      }
    } else layer.open.push(pts);
  };

  // Entities one INSERT of a block expands to (rows × columns × nesting, recursively), memoised per block:
  // a top-level INSERT is charged in full before any copy is made, so 10⁸ nested circles cost nothing.
  const sizes = new Map<string, number>();
  const expandedSize = (name: string, stack: string[]): number => {
    const known = sizes.get(name);
    if (known !== undefined) return known;
    const b = d.blocks.get(name);
    if (!b || stack.includes(name) || stack.length >= MAX_INSERT_DEPTH) return 0;
    let n = 0;
    for (const c of b.entities) {
      n += c.geom.kind === 'insert' ? c.geom.rows * c.geom.cols * expandedSize(c.geom.block, stack.concat(name)) : 1;
      if (n > budget.limits.expansions) break; // enough to refuse; the exact figure does not matter
    }
    sizes.set(name, n);
    return n;
  };

  const visit = (e: CadEntity, m: Affine, inherited: string | undefined, stack: string[]): void => {
    const layerName = inherited !== undefined && e.layer === '0' ? inherited : e.layer;
    const layer = layerOf(layerName);
    const g = e.geom;
    switch (g.kind) {
      case 'polyline': {
        const t = compose(m, ocsToWcs(e.extrusion, g.elevation));
        add(layer, applyAll(t, bulgePolyline(g.vertices, g.closed, chordTol / maxScale(t))), g.closed, e);
        return;
      }
      case 'line':
        add(layer, [apply(m, [g.a[0], g.a[1]]), apply(m, [g.b[0], g.b[1]])], false, e);
        return;
      case 'circle': {
        const t = compose(m, ocsToWcs(e.extrusion, g.center[2]));
        const tol = chordTol / maxScale(t);
        const params = [g.center[0], g.center[1], g.r, tol, t === IDENTITY ? 1 : 0, t.a, t.b, t.c, t.d, t.e, t.f];
        add(layer, applyAll(t, arcPoints(g.center[0], g.center[1], g.r, 0, TAU, tol)), true, e, params);
        return;
      }
      case 'arc': {
        const t = compose(m, ocsToWcs(e.extrusion, g.center[2]));
        add(
          layer,
          applyAll(
            t,
            arcPoints(g.center[0], g.center[1], g.r, g.start, ccwSweep(g.start, g.end), chordTol / maxScale(t))
          ),
          false,
          e
        );
        return;
      }
      case 'ellipse': {
        const span = Math.abs(g.end - g.start);
        const full = Math.abs(span - TAU) < 1e-9 || span < 1e-12 || span > TAU;
        const pts = ellipseWcs(
          g.center,
          g.major,
          g.ratio,
          g.start,
          full ? g.start + TAU : g.end,
          e.extrusion,
          chordTol / maxScale(m)
        );
        add(layer, applyAll(m, pts), full, e);
        return;
      }
      case 'spline': {
        budget.checkSplineDegree(g.degree);
        const ctrl = g.ctrl.map((p): Vec2 => [p[0], p[1]]);
        const pts =
          ctrl.length >= 2 ? splinePoints(g.degree, g.knots, ctrl, g.weights) : g.fit.map((p): Vec2 => [p[0], p[1]]);
        add(layer, applyAll(m, pts), g.closed, e);
        return;
      }
      case 'hatch': {
        const t = compose(m, ocsToWcs(e.extrusion, g.elevation));
        const tol = chordTol / maxScale(t);
        for (const p of g.paths) {
          checkHatchSplines(p, budget);
          const r = hatchRings(p, tol, closeTol / maxScale(t));
          for (const ring of r.closed) add(layer, applyAll(t, ring), true, e);
          for (const piece of r.open) add(layer, applyAll(t, piece), false, e);
        }
        return;
      }
      case 'insert': {
        const b = d.blocks.get(g.block);
        if (!b) {
          missing.add(g.block);
          return;
        }
        if (stack.includes(g.block) || stack.length >= MAX_INSERT_DEPTH) {
          recursive.add(g.block);
          return;
        }
        const next = stack.concat(g.block);
        // Charged up front for the whole nested expansion, so a 40,000 × 40,000 MINSERT or 8 levels of
        // 10 INSERTs are refused before the first copy.
        if (stack.length === 0) budget.spendExpansion(g.rows * g.cols * expandedSize(g.block, []));
        for (let r = 0; r < g.rows; r++) {
          for (let c = 0; c < g.cols; c++) {
            const t = compose(
              m,
              insertTransform(b.base, g.at, g.sx, g.sy, g.rotation, e.extrusion, [c * g.colSpacing, r * g.rowSpacing])
            );
            for (const child of b.entities) visit(child, t, layerName, next);
          }
        }
        return;
      }
      case 'text': {
        if (g.text && keepTexts)
          texts.push({
            layer: layerName,
            at: apply(compose(m, ocsToWcs(e.extrusion, g.at[2])), [g.at[0], g.at[1]]),
            text: g.text
          });
        return;
      }
      case 'other':
        return;
    }
  };

  const entity = (e: CadEntity): void => {
    layerOf(e.layer).entityCount++;
    visit(e, IDENTITY, undefined, []);
  };
  const finish = (): FlattenResult => {
    if (recursive.size) {
      const names = [...recursive].join(', ');
      notes.push({
        zh: `图块递归引用或嵌套过深，未展开：${names}`,
        en: `recursive or too deeply nested blocks not expanded: ${names}`
      });
    }
    if (missing.size) {
      const names = [...missing].map((n) => n || '—').join(', ');
      notes.push({ zh: `引用了未定义的图块，已忽略：${names}`, en: `INSERT of undefined blocks ignored: ${names}` });
    }
    return { layers, notes, texts };
  };
  return { entity, finish };
}

/** Consumes `d.entities` (left empty): each is dropped once flattened, so a large drawing's entities and its
 *  pieces are not both held at their full size (blocks stay: INSERTs need them to the end). */
export function flatten(
  d: CadDrawing,
  chordTol: number,
  closeTol: number,
  budget: UploadBudget = new UploadBudget(),
  keepTexts = true
): FlattenResult {
  const f = flattener(d, chordTol, closeTol, budget, keepTexts);
  const entities = d.entities;
  d.entities = [];
  for (let i = 0; i < entities.length; i++) {
    const e = entities[i];
    (entities as (CadEntity | undefined)[])[i] = undefined;
    f.entity(e);
  }
  return f.finish();
}

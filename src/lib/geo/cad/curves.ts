// Curves to vertices: arcs (incl. polyline bulges), ellipses and B-splines, densified so that no chord
// strays more than the chord tolerance from the true curve.
import type { BulgeVertex, Vec2 } from './model.ts';

/** Largest distance allowed between an arc and its chords, in metres: 5 cm is the first-class 界址点 accuracy
 *  of TD/T 1001-2012 (地籍调查规程, ±5 cm), so densifying cannot move a boundary beyond survey accuracy. */
export const CHORD_TOLERANCE_M = 0.05;

/** Bounds on vertices per full turn: a tiny circle stays a polygon, a huge radius cannot explode memory. */
export const MIN_SEGMENTS_PER_TURN = 32;
export const MAX_SEGMENTS_PER_TURN = 4096;

const TAU = Math.PI * 2;

/** Number of chords for a sweep of `sweep` radians on radius r with sagitta ≤ tol. */
export function arcSegments(r: number, sweep: number, tol: number): number {
  const a = Math.abs(sweep);
  if (!(r > 0) || !(a > 0)) return 1;
  let step = tol >= r ? Math.PI / 2 : 2 * Math.acos(1 - tol / r);
  step = Math.min(Math.max(step, TAU / MAX_SEGMENTS_PER_TURN), TAU / MIN_SEGMENTS_PER_TURN);
  return Math.max(1, Math.ceil(a / step));
}

/** Points of an arc from angle a0 sweeping `sweep` (negative = clockwise), both ends included.
 *
 *  Area-exact: chords inscribed in a circle lose the circular segments (a 60 m circle at 5 cm sagitta reads
 *  0.11 % small). The ends stay on the circle (they are surveyed vertices); the intermediate vertices sit on a
 *  slightly larger radius r·x, chosen so that the fan of triangles from the centre has exactly the sector's
 *  area r²·sweep/2: ½·sinθ·(2·r·r·x + (n−2)·r²x²) = ½·r²·nθ, i.e. (n−2)x² + 2x − nθ/sinθ = 0. A full turn has
 *  no fixed ends: every vertex at r·√(θ/sinθ). The polygon then has the true area of every circle, arc and
 *  bulge (and, by the affine map, ellipse) to rounding, and no point strays more than 4/3 of the sagitta
 *  from the curve, which the tolerance below accounts for. */
export function arcPoints(cx: number, cy: number, r: number, a0: number, sweep: number, tol: number): Vec2[] {
  // 3/4 of the tolerance: the outward shift of the vertices is at most 4/3 of the sagitta (n = 2).
  let n = arcSegments(r, sweep, tol * 0.75);
  // At least two chords, so that one intermediate vertex can carry the segment's area.
  if (n < 2 && r > 0 && Math.abs(sweep) > 1e-9) n = 2;
  const theta = sweep / n;
  const ratio = Math.abs(theta) < 1e-9 ? 1 : theta / Math.sin(theta); // ≥ 1: sector over triangle
  const full = Math.abs(Math.abs(sweep) - TAU) < 1e-12;
  const x = full ? Math.sqrt(ratio) : n === 2 ? ratio : (-1 + Math.sqrt(1 + (n - 2) * n * ratio)) / (n - 2);
  const out: Vec2[] = new Array(n + 1);
  for (let i = 0; i <= n; i++) {
    const a = a0 + (sweep * i) / n;
    const ri = full || (i > 0 && i < n) ? r * x : r;
    out[i] = [cx + ri * Math.cos(a), cy + ri * Math.sin(a)];
  }
  return out;
}

/** Counter-clockwise sweep from start to end, in (0, 2π]; equal angles mean a full turn (DXF ARC convention). */
export function ccwSweep(start: number, end: number): number {
  let s = (end - start) % TAU;
  if (s <= 1e-12) s += TAU;
  return s;
}

/** Append the arc of bulge b from p to q (excluding p, including q). Bulge = tan(θ/4), sign = direction
 *  (DXF reference, LWPOLYLINE group 42). */
export function pushBulgeArc(out: Vec2[], p: Vec2, q: Vec2, b: number, tol: number): void {
  const dx = q[0] - p[0];
  const dy = q[1] - p[1];
  const chord = Math.hypot(dx, dy);
  if (Math.abs(b) < 1e-12 || chord === 0) {
    out.push(q);
    return;
  }
  const theta = 4 * Math.atan(b);
  const r = chord / (2 * Math.sin(Math.abs(theta) / 2));
  // Centre: from the chord midpoint along the left normal by the signed apothem.
  const h = (chord / 2) * ((1 - b * b) / (2 * b));
  const mx = (p[0] + q[0]) / 2;
  const my = (p[1] + q[1]) / 2;
  const cx = mx - (dy / chord) * h;
  const cy = my + (dx / chord) * h;
  const a0 = Math.atan2(p[1] - cy, p[0] - cx);
  const pts = arcPoints(cx, cy, r, a0, theta, tol);
  for (let i = 1; i < pts.length - 1; i++) out.push(pts[i]);
  out.push(q); // the exact vertex, not a recomputed one: keeps surveyed coordinates bit-for-bit
}

/** A polyline with bulges to plain vertices; when closed, the closing segment's bulge (on the last vertex)
 *  is honoured too and the ring is returned closed (first = last). */
export function bulgePolyline(vs: BulgeVertex[], closed: boolean, tol: number): Vec2[] {
  const out: Vec2[] = [];
  if (vs.length === 0) return out;
  out.push([vs[0].x, vs[0].y]);
  const n = vs.length;
  const last = closed ? n : n - 1;
  for (let i = 0; i < last; i++) {
    const a = vs[i];
    const b = vs[(i + 1) % n];
    pushBulgeArc(out, [a.x, a.y], [b.x, b.y], a.bulge, tol);
  }
  return out;
}

/** Ellipse from parameter t0 to t1 (radians, counter-clockwise when t1 > t0); major = axis end relative
 *  to centre, minor axis = ratio × major turned +90° (DXF ELLIPSE). An ellipse is the affine image of the unit
 *  circle (u, v) ↦ centre + major·u + minor·v, and affine maps keep ratios of areas: so the area-exact arc of
 *  the unit circle (arcPoints) maps to an area-exact ellipse. The tolerance is divided by the major radius,
 *  the most the map stretches a distance. */
export function ellipsePoints(center: Vec2, major: Vec2, ratio: number, t0: number, t1: number, tol: number): Vec2[] {
  const a = Math.hypot(major[0], major[1]);
  const mnx = -major[1] * ratio;
  const mny = major[0] * ratio;
  const unit = arcPoints(0, 0, 1, t0, t1 - t0, a > 0 ? tol / a : tol);
  return unit.map(([u, v]) => [center[0] + major[0] * u + mnx * v, center[1] + major[1] * u + mny * v]);
}

/** Samples per control point when evaluating a spline: splines from CAD are smooth and their control
 *  polygon is close to the curve, so 16 per span keeps chords well inside the tolerance at parcel scale. */
export const SPLINE_SAMPLES_PER_SPAN = 16;

/** Evaluate a (rational) B-spline by de Boor's algorithm at evenly spaced parameters over its valid range. */
export function splinePoints(degree: number, knots: number[], ctrl: Vec2[], weights?: number[]): Vec2[] {
  const p = degree;
  const n = ctrl.length;
  if (n < 2 || p < 1 || n <= p) return ctrl.slice();
  // Files that omit the knots (GDAL's spline_closed.dxf) get a clamped uniform vector, as GDAL and ezdxf do.
  if (knots.length !== n + p + 1) knots = clampedUniformKnots(n, p);
  const w = weights && weights.length === n ? weights : undefined;
  const u0 = knots[p];
  const u1 = knots[n];
  const samples = Math.min(Math.max(n * SPLINE_SAMPLES_PER_SPAN, 32), 8192);
  const out: Vec2[] = [];
  // The span only moves forward with u: one pass over the knots, not one per sample.
  let k = p;
  const dx = new Array<number>(p + 1);
  const dy = new Array<number>(p + 1);
  const dw = new Array<number>(p + 1);
  for (let s = 0; s <= samples; s++) {
    const u = s === samples ? u1 : u0 + ((u1 - u0) * s) / samples;
    // Knot span k with knots[k] <= u < knots[k+1], clamped to the valid range.
    while (k < n - 1 && u >= knots[k + 1]) k++;
    for (let j = 0; j <= p; j++) {
      const c = ctrl[k - p + j];
      const wt = w ? w[k - p + j] : 1;
      dx[j] = c[0] * wt;
      dy[j] = c[1] * wt;
      dw[j] = wt;
    }
    for (let r = 1; r <= p; r++) {
      for (let j = p; j >= r; j--) {
        const i = k - p + j;
        const den = knots[i + p - r + 1] - knots[i];
        const alpha = den === 0 ? 0 : (u - knots[i]) / den;
        dx[j] = (1 - alpha) * dx[j - 1] + alpha * dx[j];
        dy[j] = (1 - alpha) * dy[j - 1] + alpha * dy[j];
        dw[j] = (1 - alpha) * dw[j - 1] + alpha * dw[j];
      }
    }
    out.push([dx[p] / dw[p], dy[p] / dw[p]]);
  }
  return out;
}

function clampedUniformKnots(n: number, p: number): number[] {
  const k: number[] = [];
  for (let i = 0; i <= p; i++) k.push(0);
  for (let i = 1; i < n - p; i++) k.push(i);
  for (let i = 0; i <= p; i++) k.push(n - p);
  return k;
}

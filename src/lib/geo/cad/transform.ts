// 2D affine transforms for CAD: OCS → WCS (projected on the XY plane) and block INSERT placement.
// OCS: AutoCAD's "arbitrary axis algorithm" (DXF Reference, "Object Coordinate Systems (OCS)").
import type { Vec2, Vec3 } from './model.ts';

/** x' = a·x + c·y + e, y' = b·x + d·y + f (the SVG/canvas matrix layout). */
export interface Affine {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
}

export const IDENTITY: Affine = { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 };

/** m ∘ n: apply n first, then m. */
export function compose(m: Affine, n: Affine): Affine {
  return {
    a: m.a * n.a + m.c * n.b,
    b: m.b * n.a + m.d * n.b,
    c: m.a * n.c + m.c * n.d,
    d: m.b * n.c + m.d * n.d,
    e: m.a * n.e + m.c * n.f + m.e,
    f: m.b * n.e + m.d * n.f + m.f
  };
}

export function apply(m: Affine, p: Vec2): Vec2 {
  if (m === IDENTITY) return p;
  return [m.a * p[0] + m.c * p[1] + m.e, m.b * p[0] + m.d * p[1] + m.f];
}

export function applyAll(m: Affine, pts: Vec2[]): Vec2[] {
  if (m === IDENTITY) return pts;
  return pts.map((p) => apply(m, p));
}

/** Largest stretch of the transform: chord tolerances are divided by it so curves stay fine after scaling. */
export function maxScale(m: Affine): number {
  return Math.max(Math.hypot(m.a, m.b), Math.hypot(m.c, m.d)) || 1;
}

/** Threshold of the arbitrary axis algorithm: 1/64 (DXF Reference). */
const ARBITRARY_AXIS_LIMIT = 1 / 64;

function cross(u: Vec3, v: Vec3): Vec3 {
  return [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]];
}
function unit(v: Vec3): Vec3 {
  const l = Math.hypot(v[0], v[1], v[2]) || 1;
  return [v[0] / l, v[1] / l, v[2] / l];
}

export function isDefaultExtrusion(n: Vec3 | undefined): boolean {
  // A zero vector (LibreDWG writes one when the DWG stores none) also means the default (0,0,1).
  return !n || (Math.abs(n[0]) < 1e-12 && Math.abs(n[1]) < 1e-12 && n[2] >= 0);
}

/** OCS axes for extrusion n: Ax, Ay, N (unit vectors in WCS). */
export function ocsAxes(n: Vec3): [Vec3, Vec3, Vec3] {
  const N = unit(n);
  const ax =
    Math.abs(N[0]) < ARBITRARY_AXIS_LIMIT && Math.abs(N[1]) < ARBITRARY_AXIS_LIMIT
      ? unit(cross([0, 1, 0], N))
      : unit(cross([0, 0, 1], N));
  const ay = unit(cross(N, ax));
  return [ax, ay, N];
}

/** OCS (x, y, elevation z) → WCS, dropping the WCS z: an affine map of the OCS plane onto the XY plane.
 *  For the common mirrored case n = (0,0,-1) this is x' = -x, y' = y. */
export function ocsToWcs(n: Vec3 | undefined, elevation = 0): Affine {
  if (isDefaultExtrusion(n)) return IDENTITY; // elevation only moves z
  const [ax, ay, N] = ocsAxes(n as Vec3);
  return { a: ax[0], b: ax[1], c: ay[0], d: ay[1], e: elevation * N[0], f: elevation * N[1] };
}

/** Full OCS → WCS for a 3D OCS point (needed for INSERT points and entities with a z in OCS). */
export function ocsPointToWcs(n: Vec3 | undefined, p: Vec3): Vec2 {
  if (isDefaultExtrusion(n)) return [p[0], p[1]];
  const [ax, ay, N] = ocsAxes(n as Vec3);
  return [p[0] * ax[0] + p[1] * ay[0] + p[2] * N[0], p[0] * ax[1] + p[1] * ay[1] + p[2] * N[1]];
}

/** Placement of a block reference: WCS = OCS(insert point + R(rotation)·S(sx,sy)·(p − base) + array offset). */
export function insertTransform(
  base: Vec3,
  at: Vec3,
  sx: number,
  sy: number,
  rotation: number,
  extrusion: Vec3 | undefined,
  offset: Vec2 = [0, 0]
): Affine {
  const cos = Math.cos(rotation);
  const sin = Math.sin(rotation);
  // In the insert's OCS: scale about the block base, rotate, translate.
  const local: Affine = {
    a: cos * sx,
    b: sin * sx,
    c: -sin * sy,
    d: cos * sy,
    e: 0,
    f: 0
  };
  const ox = offset[0] * cos - offset[1] * sin;
  const oy = offset[0] * sin + offset[1] * cos;
  local.e = at[0] + ox - (local.a * base[0] + local.c * base[1]);
  local.f = at[1] + oy - (local.b * base[0] + local.d * base[1]);
  return compose(ocsToWcs(extrusion, at[2]), local);
}

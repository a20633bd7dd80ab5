// Rings from CAD pieces: chains of open pieces (LINE, ARC, open polylines) joined end to end until they
// close, duplicate rings dropped, and rings nested by even-odd containment into polygons with holes.
import type { Vec2 } from './model.ts';
import { signedArea } from './curves.ts';

function dist(a: Vec2, b: Vec2): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/** Endpoint index on a grid of cell size tol: neighbours within tol are in the 3×3 cells around a point. */
class EndpointGrid {
  private readonly cells = new Map<number, number[]>();
  constructor(private readonly tol: number) {}
  /** Hashed cell key (Teschner et al. 2003 primes); collisions only add candidates, which are distance-checked. */
  private key(i: number, j: number): number { return (Math.imul(i | 0, 73856093) ^ Math.imul(j | 0, 19349663)) | 0; }
  add(p: Vec2, id: number): void {
    const k = this.key(Math.floor(p[0] / this.tol), Math.floor(p[1] / this.tol));
    const list = this.cells.get(k);
    if (list) list.push(id); else this.cells.set(k, [id]);
  }
  near(p: Vec2, accept: (id: number) => boolean): number {
    const ci = Math.floor(p[0] / this.tol);
    const cj = Math.floor(p[1] / this.tol);
    for (let di = -1; di <= 1; di++) {
      for (let dj = -1; dj <= 1; dj++) {
        const list = this.cells.get(this.key(ci + di, cj + dj));
        if (!list) continue;
        for (const id of list) if (accept(id)) return id;
      }
    }
    return -1;
  }
}

export interface ChainResult { closed: Vec2[][]; open: Vec2[][] }

/** Join open pieces whose ends meet within tol; a chain whose ends meet becomes a closed ring. */
export function chainPieces(pieces: Vec2[][], tol: number): ChainResult {
  const closed: Vec2[][] = [];
  const open: Vec2[][] = [];
  const used = new Uint8Array(pieces.length);
  const grid = new EndpointGrid(tol);
  pieces.forEach((p, i) => {
    grid.add(p[0], 2 * i);
    grid.add(p[p.length - 1], 2 * i + 1);
  });
  const endOf = (id: number): Vec2 => {
    const p = pieces[id >> 1];
    return id & 1 ? p[p.length - 1] : p[0];
  };
  const closes = (c: Vec2[]) => c.length >= 4 && dist(c[0], c[c.length - 1]) <= tol;
  for (let i = 0; i < pieces.length; i++) {
    if (used[i]) continue;
    used[i] = 1;
    let chain = pieces[i].slice();
    // Grow forward, then backward, until the chain closes or finds no partner.
    for (const forward of [true, false]) {
      while (!closes(chain)) {
        const tip = forward ? chain[chain.length - 1] : chain[0];
        const id = grid.near(tip, (k) => !used[k >> 1] && dist(endOf(k), tip) <= tol);
        if (id < 0) break;
        used[id >> 1] = 1;
        const p = pieces[id >> 1];
        // Orient the partner so that its matching end touches the tip.
        const seg = forward ? ((id & 1) ? p.slice().reverse() : p) : ((id & 1) ? p : p.slice().reverse());
        chain = forward ? chain.concat(seg.slice(1)) : seg.slice(0, -1).concat(chain);
      }
      if (closes(chain)) break;
    }
    if (closes(chain)) {
      chain[chain.length - 1] = chain[0];
      closed.push(chain);
    } else open.push(chain);
  }
  return { closed, open };
}

export interface Ring<M> { pts: Vec2[]; area: number; minX: number; minY: number; maxX: number; maxY: number; meta: M }

export function makeRing<M>(pts: Vec2[], meta: M): Ring<M> {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const p of pts) {
    if (p[0] < minX) minX = p[0];
    if (p[0] > maxX) maxX = p[0];
    if (p[1] < minY) minY = p[1];
    if (p[1] > maxY) maxY = p[1];
  }
  const closedPts = dist(pts[0], pts[pts.length - 1]) === 0 ? pts : pts.concat([pts[0]]);
  return { pts: closedPts, area: Math.abs(signedArea(closedPts)), minX, minY, maxX, maxY, meta };
}

/** Drop rings drawn twice (an associative HATCH over its boundary polyline, a polyline copied in place). */
export function dedupeRings<M>(rings: Ring<M>[], tol: number): Ring<M>[] {
  const seen = new Set<string>();
  const out: Ring<M>[] = [];
  const q = (v: number) => Math.round(v / tol);
  for (const r of rings) {
    const key = `${q(r.minX)},${q(r.minY)},${q(r.maxX)},${q(r.maxY)},${r.area.toPrecision(6)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r);
  }
  return out;
}

/** -1 outside, 0 on the boundary (within eps), 1 inside. */
function pointInRing(p: Vec2, ring: Vec2[], eps: number): -1 | 0 | 1 {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j];
    const b = ring[i];
    const ex = b[0] - a[0], ey = b[1] - a[1];
    const len = Math.hypot(ex, ey);
    if (len > 0) {
      const cross = (p[0] - a[0]) * ey - (p[1] - a[1]) * ex;
      const dot = (p[0] - a[0]) * ex + (p[1] - a[1]) * ey;
      if (Math.abs(cross) <= eps * len && dot >= -eps * len && dot <= len * len + eps * len) return 0;
    }
    if ((a[1] > p[1]) !== (b[1] > p[1]) && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside ? 1 : -1;
}

/** How many vertices of the inner ring are tested: a ring touching its parent at a vertex still counts as
 *  inside when its other sampled vertices are inside and none is outside. */
const CONTAINMENT_SAMPLES = 8;

function contains<M>(outer: Ring<M>, inner: Ring<M>, eps: number): boolean {
  if (inner.minX < outer.minX - eps || inner.maxX > outer.maxX + eps || inner.minY < outer.minY - eps || inner.maxY > outer.maxY + eps) return false;
  if (inner.area >= outer.area) return false;
  const n = inner.pts.length - 1;
  const step = Math.max(1, Math.floor(n / CONTAINMENT_SAMPLES));
  let ins = 0;
  for (let k = 0; k < n; k += step) {
    const s = pointInRing(inner.pts[k], outer.pts, eps);
    if (s < 0) return false;
    if (s > 0) ins++;
  }
  return ins > 0;
}

export interface Polygon<M> { shell: Ring<M>; holes: Ring<M>[] }

/**
 * Even-odd nesting: a ring inside an even number of rings is a shell, inside an odd number a hole of the
 * smallest ring containing it. Rings are visited largest first and looked up through a coarse grid, so
 * thousands of parcels do not cost n² containment tests.
 */
export function nestRings<M>(rings: Ring<M>[], eps: number): Polygon<M>[] {
  const order = rings.slice().sort((a, b) => b.area - a.area);
  if (order.length === 0) return [];
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const r of order) {
    minX = Math.min(minX, r.minX); minY = Math.min(minY, r.minY);
    maxX = Math.max(maxX, r.maxX); maxY = Math.max(maxY, r.maxY);
  }
  const side = Math.max(1, Math.ceil(Math.sqrt(order.length)));
  const cw = (maxX - minX) / side || 1;
  const ch = (maxY - minY) / side || 1;
  const cell = (x: number, y: number) => [Math.min(side - 1, Math.floor((x - minX) / cw)), Math.min(side - 1, Math.floor((y - minY) / ch))];
  const grid = new Map<number, number[]>();
  const depth = new Int32Array(order.length);
  const parent = new Int32Array(order.length).fill(-1);
  for (let i = 0; i < order.length; i++) {
    const r = order[i];
    const [ci, cj] = cell(r.pts[0][0], r.pts[0][1]);
    let best = -1;
    for (const k of grid.get(ci * side + cj) ?? []) {
      if ((best < 0 || order[k].area < order[best].area) && contains(order[k], r, eps)) best = k;
    }
    if (best >= 0) { parent[i] = best; depth[i] = depth[best] + 1; }
    const [i0, j0] = cell(r.minX, r.minY);
    const [i1, j1] = cell(r.maxX, r.maxY);
    for (let a = i0; a <= i1; a++) {
      for (let b = j0; b <= j1; b++) {
        const key = a * side + b;
        const list = grid.get(key);
        if (list) list.push(i); else grid.set(key, [i]);
      }
    }
  }
  const polys = new Map<number, Polygon<M>>();
  const out: Polygon<M>[] = [];
  for (let i = 0; i < order.length; i++) {
    if (depth[i] % 2 === 0) {
      const p = { shell: order[i], holes: [] };
      polys.set(i, p);
      out.push(p);
    } else polys.get(parent[i])?.holes.push(order[i]);
  }
  return out;
}

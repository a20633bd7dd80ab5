// Rings from CAD pieces: chains of open pieces (LINE, ARC, open polylines) joined end to end until they
// close, and duplicate rings dropped; planar.ts nestRings nests them into polygons with holes.
import type { Vec2 } from './model.ts';
import { packedBBox, packedSignedArea, type Packed } from './packed.ts';

function dist(a: Vec2, b: Vec2): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/** Endpoint index on a grid of cell size tol: neighbours within tol are in the 3×3 cells around a point. */
class EndpointGrid {
  /** A cell's one id, or its ids when it has several (most hold one: an array each was ~5 MB for 50,000 lines). */
  private readonly cells = new Map<number, number | number[]>();
  constructor(private readonly tol: number) {}
  /** Hashed cell key (Teschner et al. 2003 primes); collisions only add candidates, which are distance-checked. */
  private key(i: number, j: number): number {
    return (Math.imul(i | 0, 73856093) ^ Math.imul(j | 0, 19349663)) | 0;
  }
  add(p: Vec2, id: number): void {
    const k = this.key(Math.floor(p[0] / this.tol), Math.floor(p[1] / this.tol));
    const had = this.cells.get(k);
    if (had === undefined) this.cells.set(k, id);
    else if (typeof had === 'number') this.cells.set(k, [had, id]);
    else had.push(id);
  }
  near(p: Vec2, accept: (id: number) => boolean): number {
    const ci = Math.floor(p[0] / this.tol);
    const cj = Math.floor(p[1] / this.tol);
    for (let di = -1; di <= 1; di++) {
      for (let dj = -1; dj <= 1; dj++) {
        const list = this.cells.get(this.key(ci + di, cj + dj));
        if (list === undefined) continue;
        if (typeof list === 'number') {
          if (accept(list)) return list;
        } else for (const id of list) if (accept(id)) return id;
      }
    }
    return -1;
  }
}

export interface ChainResult {
  closed: Vec2[][];
  open: Vec2[][];
}

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
    let chain = pieces[i]; // copied only if it closes (below): most pieces stay open, alone
    // Grow forward, then backward, until the chain closes or finds no partner.
    for (const forward of [true, false]) {
      while (!closes(chain)) {
        const tip = forward ? chain[chain.length - 1] : chain[0];
        const id = grid.near(tip, (k) => !used[k >> 1] && dist(endOf(k), tip) <= tol);
        if (id < 0) break;
        used[id >> 1] = 1;
        const p = pieces[id >> 1];
        // Orient the partner so that its matching end touches the tip.
        const seg = forward ? (id & 1 ? p.slice().reverse() : p) : id & 1 ? p : p.slice().reverse();
        chain = forward ? chain.concat(seg.slice(1)) : seg.slice(0, -1).concat(chain);
      }
      if (closes(chain)) break;
    }
    if (closes(chain)) {
      if (chain === pieces[i]) chain = chain.slice();
      chain[chain.length - 1] = chain[0];
      closed.push(chain);
    } else open.push(chain);
  }
  return { closed, open };
}

/** A closed ring, packed (packed.ts): the reader keeps every layer's rings for a layer change. */
export interface Ring<M> {
  pts: Packed;
  area: number;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  meta: M;
}

export function makeRing<M>(pts: Packed, meta: M): Ring<M> {
  const n = pts.length;
  let closedPts = pts;
  if (Math.hypot(pts[0] - pts[n - 2], pts[1] - pts[n - 1]) !== 0) {
    closedPts = new Float64Array(n + 2);
    closedPts.set(pts);
    closedPts[n] = pts[0];
    closedPts[n + 1] = pts[1];
  }
  return { pts: closedPts, area: Math.abs(packedSignedArea(closedPts)), ...packedBBox(pts), meta };
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

// Rings from CAD pieces: chains of open pieces (LINE, ARC, open polylines) joined end to end until they
// close, and duplicate rings dropped; planar.ts nestRings nests them into polygons with holes.
// Chains are followed on the pieces where they lie (packed, pieces.ts): only a chain that closes is copied
// out, so 50,000 LINEs that join nothing are never turned into [x, y] arrays.
import type { Vec2 } from './model.ts';
import type { PieceList } from './pieces.ts';

function dist(ax: number, ay: number, bx: number, by: number): number {
  return Math.hypot(ax - bx, ay - by);
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
  add(x: number, y: number, id: number): void {
    const k = this.key(Math.floor(x / this.tol), Math.floor(y / this.tol));
    const had = this.cells.get(k);
    if (had === undefined) this.cells.set(k, id);
    else if (typeof had === 'number') this.cells.set(k, [had, id]);
    else had.push(id);
  }
  near(x: number, y: number, accept: (id: number) => boolean): number {
    const ci = Math.floor(x / this.tol);
    const cj = Math.floor(y / this.tol);
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

/** What chaining reads of the pieces: a PieceList, or [x, y] arrays through `vec2Source`. */
export interface ChainSource {
  readonly count: number;
  size(i: number): number;
  x(i: number, k: number): number;
  y(i: number, k: number): number;
}

export function vec2Source(pieces: Vec2[][]): ChainSource {
  return {
    count: pieces.length,
    size: (i) => pieces[i].length,
    x: (i, k) => pieces[i][k][0],
    y: (i, k) => pieces[i][k][1]
  };
}

/** A chain: piece `first`, then the pieces joined after it (`tail`, each without its first point) and
 *  before it (`head`, nearest first, each without its last point). A link is piece × 2 + 1 when reversed. */
export interface Chain {
  first: number;
  head: number[];
  tail: number[];
  /** Number of points. */
  n: number;
}

/** Point k of a link in its direction. */
function at(src: ChainSource, link: number, k: number, y: boolean): number {
  const p = link >> 1;
  const kk = link & 1 ? src.size(p) - 1 - k : k;
  return y ? src.y(p, kk) : src.x(p, kk);
}

/** Visits the chain's points in order. */
function eachPoint(src: ChainSource, c: Chain, f: (x: number, y: number) => void): void {
  for (let h = c.head.length - 1; h >= 0; h--) {
    const l = c.head[h];
    for (let k = 0, m = src.size(l >> 1) - 1; k < m; k++) f(at(src, l, k, false), at(src, l, k, true));
  }
  for (let k = 0, m = src.size(c.first); k < m; k++) f(src.x(c.first, k), src.y(c.first, k));
  for (const l of c.tail)
    for (let k = 1, m = src.size(l >> 1); k < m; k++) f(at(src, l, k, false), at(src, l, k, true));
}

/** The chain as [x, y] arrays; a closed one ends on its first point exactly. */
export function chainVec2(src: ChainSource, c: Chain, closed: boolean): Vec2[] {
  const out: Vec2[] = [];
  eachPoint(src, c, (x, y) => out.push([x, y]));
  if (closed) out[out.length - 1] = out[0];
  return out;
}

/** A closed chain appended to `list` (ending on its first point exactly); returns its index. */
export function chainInto(src: ChainSource, c: Chain, list: PieceList): number {
  const id = list.reserve(c.n);
  const b = list.data(id);
  let o = list.start(id);
  eachPoint(src, c, (x, y) => {
    b[o++] = x;
    b[o++] = y;
  });
  b[o - 2] = b[list.start(id)];
  b[o - 1] = b[list.start(id) + 1];
  return id;
}

/** Join open pieces whose ends meet within tol; a chain whose ends meet is closed. `each` gets every chain
 *  (closed or not) in the order they are found; the chain object is the caller's to keep. */
export function chainPieces(src: ChainSource, tol: number, each: (c: Chain, closed: boolean) => void): void {
  const count = src.count;
  const used = new Uint8Array(count);
  const grid = new EndpointGrid(tol);
  for (let i = 0; i < count; i++) {
    const last = src.size(i) - 1;
    grid.add(src.x(i, 0), src.y(i, 0), 2 * i);
    grid.add(src.x(i, last), src.y(i, last), 2 * i + 1);
  }
  const endX = (id: number) => src.x(id >> 1, id & 1 ? src.size(id >> 1) - 1 : 0);
  const endY = (id: number) => src.y(id >> 1, id & 1 ? src.size(id >> 1) - 1 : 0);
  for (let i = 0; i < count; i++) {
    if (used[i]) continue;
    used[i] = 1;
    const c: Chain = { first: i, head: [], tail: [], n: src.size(i) };
    // The chain's ends: its first link's first point, its last link's last point.
    const fx = () => (c.head.length ? at(src, c.head[c.head.length - 1], 0, false) : src.x(i, 0));
    const fy = () => (c.head.length ? at(src, c.head[c.head.length - 1], 0, true) : src.y(i, 0));
    const lastLink = () => (c.tail.length ? c.tail[c.tail.length - 1] : 2 * i);
    const lx = () => at(src, lastLink(), src.size(lastLink() >> 1) - 1, false);
    const ly = () => at(src, lastLink(), src.size(lastLink() >> 1) - 1, true);
    const closes = () => c.n >= 4 && dist(fx(), fy(), lx(), ly()) <= tol;
    // Grow forward, then backward, until the chain closes or finds no partner.
    for (const forward of [true, false]) {
      while (!closes()) {
        const tx = forward ? lx() : fx();
        const ty = forward ? ly() : fy();
        const id = grid.near(tx, ty, (k) => !used[k >> 1] && dist(endX(k), endY(k), tx, ty) <= tol);
        if (id < 0) break;
        used[id >> 1] = 1;
        const p = id >> 1;
        // Oriented so that its matching end touches the tip: forward from that end, backward towards it.
        if (forward) c.tail.push(2 * p + (id & 1));
        else c.head.push(2 * p + (id & 1 ? 0 : 1));
        c.n += src.size(p) - 1;
      }
      if (closes()) break;
    }
    each(c, closes());
  }
}

/** A layer's rings: pieces of `list` (each ending on its first point), in order, with their areas, boxes
 *  (what dedupe and nesting read) and sources; `open` is the number of chains that did not close. */
export interface LayerRings {
  list: PieceList;
  ids: number[];
  area: number[];
  minX: number[];
  minY: number[];
  maxX: number[];
  maxY: number[];
  source: string[];
  handle: (string | undefined)[];
  open: number;
}

/** Ring k of a LayerRings as nestRings reads it: its points unpacked afresh each time they are read (nestRings
 *  reads them once per test), the rest read from the columns (an object with five numbers and a meta object per
 *  ring was ~3.5 MB more at the reader's peak, 20,000 rings; the picked layer unpacked whole, ~18 MB more). */
export class RingView {
  constructor(
    private readonly r: LayerRings,
    private readonly k: number
  ) {}
  get pts(): Vec2[] {
    return this.r.list.unpack(this.r.ids[this.k]);
  }
  /** how many points, without unpacking them */
  get size(): number {
    return this.r.list.points(this.r.ids[this.k]);
  }
  get area(): number {
    return this.r.area[this.k];
  }
  get minX(): number {
    return this.r.minX[this.k];
  }
  get minY(): number {
    return this.r.minY[this.k];
  }
  get maxX(): number {
    return this.r.maxX[this.k];
  }
  get maxY(): number {
    return this.r.maxY[this.k];
  }
  get source(): string {
    return this.r.source[this.k];
  }
  get handle(): string | undefined {
    return this.r.handle[this.k];
  }
}

/** Signed shoelace area of a piece, summed in the same order as planar.ts signedArea (same bits). */
export function pieceSignedArea(list: PieceList, i: number): number {
  const p = list.data(i);
  const o = list.start(i);
  const n = list.size(i);
  let s = 0;
  for (let a = 0, b = n - 1; a < n; b = a++) s += p[o + 2 * b] * p[o + 2 * a + 1] - p[o + 2 * a] * p[o + 2 * b + 1];
  return s / 2;
}

/** Piece i, or a copy ending on its first point when it does not already (only NaN or infinite
 *  coordinates: flattening and chaining close every ring exactly). */
function closedPiece(list: PieceList, i: number): number {
  const n = list.size(i);
  if (dist(list.x(i, 0), list.y(i, 0), list.x(i, n - 1), list.y(i, n - 1)) === 0) return i;
  const c = list.reserve(n + 1);
  const from = list.data(i);
  const to = list.data(c);
  to.set(from.subarray(list.start(i), list.start(i) + 2 * n), list.start(c));
  to[list.start(c) + 2 * n] = from[list.start(i)];
  to[list.start(c) + 2 * n + 1] = from[list.start(i) + 1];
  return c;
}

/** The rings of `list` with a positive area, those drawn twice dropped (an associative HATCH over its
 *  boundary polyline, a polyline copied in place): the first of equal box and area (to 6 digits) is kept.
 *  `sources` and `handles` are per piece of `list`. */
export function keptRings(
  list: PieceList,
  sources: readonly string[],
  handles: readonly (string | undefined)[],
  tol: number,
  open: number
): LayerRings {
  const r: LayerRings = {
    list,
    ids: [],
    area: [],
    minX: [],
    minY: [],
    maxX: [],
    maxY: [],
    source: [],
    handle: [],
    open
  };
  const seen = new Set<string>();
  const q = (v: number) => Math.round(v / tol);
  for (let i = 0, count = list.count; i < count; i++) {
    const id = closedPiece(list, i);
    const area = Math.abs(pieceSignedArea(list, id));
    if (!(area > 0)) continue;
    const p = list.data(i);
    let minX = Infinity,
      minY = Infinity,
      maxX = -Infinity,
      maxY = -Infinity;
    for (let k = list.start(i), end = k + 2 * list.size(i); k < end; k += 2) {
      const x = p[k],
        y = p[k + 1];
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    const key = `${q(minX)},${q(minY)},${q(maxX)},${q(maxY)},${area.toPrecision(6)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    r.ids.push(id);
    r.area.push(area);
    r.minX.push(minX);
    r.minY.push(minY);
    r.maxX.push(maxX);
    r.maxY.push(maxY);
    r.source.push(sources[i]);
    r.handle.push(handles[i]);
  }
  return r;
}

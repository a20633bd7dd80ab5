// A layer's pieces (lines, rings) packed end to end in a few shared Float64Array blocks, [x0, y0, x1, y1, …].
// One typed array per piece cost ~200 bytes of objects besides its data (the array, its buffer, the buffer's
// backing store): 100,000 pieces were ~20 MB of overhead for ~12 MB of coordinates. Blocks start small (a
// drawing of a few pieces per layer) and double up to BLOCK_MAX doubles; a piece never straddles two.
// A piece may also be kept as the numbers it is computed from (`pushComputed`): a circle is 11 numbers where
// its points are 34 or more, and 10,000 tree symbols on a layer nobody picks were 5 MB of points.
import type { Vec2 } from './model.ts';

/** Computes a piece's points again from its numbers (params[at], params[at + 1], …): the same points, bit
 *  for bit, as when it was pushed. */
export type Recompute = (params: readonly number[], at: number) => Vec2[];

const BLOCK_MIN = 256;
const BLOCK_MAX = 1 << 16; // 512 KB

export class PieceList {
  private readonly blocks: Float64Array[] = [];
  private used = 0;
  /** Per piece: its block (-1 when computed), its first double in the block (or its computed piece), its
   *  number of points. */
  private readonly blk: number[] = [];
  private readonly off: number[] = [];
  private readonly len: number[] = [];
  /** Computed pieces: where their numbers start in `params`, and the function that makes their points. */
  private readonly params: number[] = [];
  private readonly paramAt: number[] = [];
  private readonly recompute: Recompute[] = [];
  /** The last computed piece's points, packed (area, box and copies read a piece more than once). */
  private scratch = new Float64Array(0);
  private scratchOf = -1;

  get count(): number {
    return this.len.length;
  }

  /** Room for n doubles in the last block, or a new block. */
  private room(n: number): Float64Array {
    let b = this.blocks[this.blocks.length - 1];
    if (!b || this.used + n > b.length) {
      const size = b ? Math.min(BLOCK_MAX, b.length * 2) : BLOCK_MIN;
      b = new Float64Array(Math.max(size, n));
      this.blocks.push(b);
      this.used = 0;
    }
    this.blk.push(this.blocks.length - 1);
    this.off.push(this.used);
    this.used += n;
    return b;
  }

  /** Appends a piece; returns its index. */
  push(pts: readonly Vec2[]): number {
    const b = this.room(pts.length * 2);
    let o = this.off[this.off.length - 1];
    for (const p of pts) {
      b[o++] = p[0];
      b[o++] = p[1];
    }
    this.len.push(pts.length);
    return this.len.length - 1;
  }

  /** Appends an empty piece of n points for the caller to fill through `data`/`start`; returns its index. */
  reserve(n: number): number {
    this.room(n * 2);
    this.len.push(n);
    return this.len.length - 1;
  }

  /** Appends a piece of n points kept as `params`, from which `f` computes them; returns its index. */
  pushComputed(n: number, params: readonly number[], f: Recompute): number {
    this.blk.push(-1);
    this.off.push(this.recompute.length);
    this.paramAt.push(this.params.length);
    this.params.push(...params);
    this.recompute.push(f);
    this.len.push(n);
    return this.len.length - 1;
  }

  private computed(i: number): Vec2[] {
    const c = this.off[i];
    return this.recompute[c](this.params, this.paramAt[c]);
  }

  size(i: number): number {
    return this.len[i];
  }

  /** The block holding piece i; its points are at start(i), start(i) + 2, … (valid until the next call
   *  for another computed piece). */
  data(i: number): Float64Array {
    if (this.blk[i] >= 0) return this.blocks[this.blk[i]];
    if (this.scratchOf !== i) {
      const pts = this.computed(i);
      if (this.scratch.length < pts.length * 2) this.scratch = new Float64Array(pts.length * 2);
      for (let k = 0; k < pts.length; k++) {
        this.scratch[2 * k] = pts[k][0];
        this.scratch[2 * k + 1] = pts[k][1];
      }
      this.scratchOf = i;
    }
    return this.scratch;
  }

  start(i: number): number {
    return this.blk[i] >= 0 ? this.off[i] : 0;
  }

  x(i: number, k: number): number {
    return this.data(i)[this.start(i) + 2 * k];
  }

  y(i: number, k: number): number {
    return this.data(i)[this.start(i) + 2 * k + 1];
  }

  /** How many points piece i has. */
  points(i: number): number {
    return this.len[i];
  }

  /** Fresh [x, y] arrays (callers may reverse them or hand them on as GeoJSON). */
  unpack(i: number): Vec2[] {
    const b = this.data(i);
    const o = this.start(i);
    const n = this.len[i];
    const out = new Array<Vec2>(n);
    for (let k = 0; k < n; k++) out[k] = [b[o + 2 * k], b[o + 2 * k + 1]];
    return out;
  }
}

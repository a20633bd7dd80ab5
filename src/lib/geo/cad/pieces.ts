// A layer's pieces (lines, rings) packed end to end in a few shared Float64Array blocks, [x0, y0, x1, y1, …].
// One typed array per piece cost ~200 bytes of objects besides its data (the array, its buffer, the buffer's
// backing store): 100,000 pieces were ~20 MB of overhead for ~12 MB of coordinates. Blocks start small (a
// drawing of a few pieces per layer) and double up to BLOCK_MAX doubles; a piece never straddles two.
import type { Vec2 } from './model.ts';

const BLOCK_MIN = 256;
const BLOCK_MAX = 1 << 16; // 512 KB

export class PieceList {
  private readonly blocks: Float64Array[] = [];
  private used = 0;
  /** Per piece: its block, its first double in the block, its number of points. */
  private readonly blk: number[] = [];
  private readonly off: number[] = [];
  private readonly len: number[] = [];

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

  size(i: number): number {
    return this.len[i];
  }

  /** The block holding piece i; its points are at start(i), start(i) + 2, … */
  data(i: number): Float64Array {
    return this.blocks[this.blk[i]];
  }

  start(i: number): number {
    return this.off[i];
  }

  x(i: number, k: number): number {
    return this.blocks[this.blk[i]][this.off[i] + 2 * k];
  }

  y(i: number, k: number): number {
    return this.blocks[this.blk[i]][this.off[i] + 2 * k + 1];
  }

  /** Fresh [x, y] arrays (callers may reverse them or hand them on as GeoJSON). */
  unpack(i: number): Vec2[] {
    const b = this.data(i);
    const o = this.off[i];
    const n = this.len[i];
    const out = new Array<Vec2>(n);
    for (let k = 0; k < n; k++) out[k] = [b[o + 2 * k], b[o + 2 * k + 1]];
    return out;
  }
}

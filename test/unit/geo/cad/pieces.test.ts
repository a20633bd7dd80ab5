// Packed pieces (pieces.ts) and chaining on them (rings.ts): the same points out as in, whatever the blocks,
// and chains of LINEs given in any order and direction close to the ring they draw.
import { describe, expect, it } from 'vitest';
import { PieceList } from '../../../../src/lib/geo/cad/pieces.ts';
import {
  chainInto,
  chainPieces,
  chainVec2,
  keptRings,
  vec2Source,
  type Chain
} from '../../../../src/lib/geo/cad/rings.ts';
import type { Vec2 } from '../../../../src/lib/geo/cad/model.ts';

const piece = (n: number, seed: number): Vec2[] =>
  Array.from({ length: n }, (_, k) => [seed * 1000 + k + 0.125, -seed - k / 3] as Vec2);

describe('PieceList', () => {
  it('gives back every piece as pushed, small and larger than a block, across many blocks', () => {
    const list = new PieceList();
    const sizes = [
      2,
      3,
      200,
      1,
      40_000,
      5, // 40,000 points: more than a block's 32,768
      ...Array.from({ length: 3000 }, (_, i) => 2 + (i % 40))
    ];
    const pieces = sizes.map((n, i) => piece(n, i));
    const ids = pieces.map((p) => list.push(p));
    expect(ids).toEqual(pieces.map((_, i) => i));
    expect(list.count).toBe(pieces.length);
    // One comparison for all (thousands of expect calls are slow): each piece's size, points and ends.
    const got = pieces.map((p, i) => [list.size(i), list.unpack(i), list.x(i, p.length - 1), list.y(i, 0)]);
    const want = pieces.map((p) => [p.length, p, p[p.length - 1][0], p[0][1]]);
    expect(JSON.stringify(got) === JSON.stringify(want)).toBe(true);
  });

  it('computed pieces read as the points their function makes, between stored ones', () => {
    const list = new PieceList();
    const calls: number[] = [];
    const f = (p: readonly number[], at: number): Vec2[] => {
      calls.push(at);
      return piece(p[at + 1], p[at]);
    };
    list.push(piece(3, 1));
    const a = list.pushComputed(5, [7, 5], f);
    list.push(piece(2, 2));
    const b = list.pushComputed(4, [9, 4], f);
    expect([a, b, list.count]).toEqual([1, 3, 4]);
    expect(list.unpack(a)).toEqual(piece(5, 7));
    expect(list.unpack(b)).toEqual(piece(4, 9));
    expect(list.unpack(2)).toEqual(piece(2, 2));
    // Reading one computed piece point by point computes it once; another one in between is computed anew.
    calls.length = 0;
    const xs = [0, 1, 2, 3, 4].map((k) => list.x(a, k));
    expect(xs).toEqual(piece(5, 7).map((p) => p[0]));
    expect(list.y(b, 3)).toBe(piece(4, 9)[3][1]);
    expect(list.data(a)[list.start(a) + 9]).toBe(piece(5, 7)[4][1]);
    expect(calls).toEqual([0, 2, 0]);
  });

  it('unpacks fresh arrays each time (callers reverse them)', () => {
    const list = new PieceList();
    list.push(piece(4, 1));
    const a = list.unpack(0);
    a.reverse();
    expect(list.unpack(0)).toEqual(piece(4, 1));
  });
});

/** The reference: chaining as it was done on [x, y] arrays before pieces were packed. */
function chainArrays(pieces: Vec2[][], tol: number): { closed: Vec2[][]; open: Vec2[][] } {
  const out = { closed: [] as Vec2[][], open: [] as Vec2[][] };
  const src = vec2Source(pieces);
  chainPieces(src, tol, (c, closed) => (closed ? out.closed : out.open).push(chainVec2(src, c, closed)));
  return out;
}

describe('chaining', () => {
  const square: Vec2[][] = [
    [
      [0, 0],
      [10, 0]
    ],
    [
      [10, 10],
      [10, 0.004] // reversed, and 4 mm off
    ],
    [
      [0, 10],
      [0, 0]
    ],
    [
      [10, 10],
      [0, 10]
    ]
  ];

  it('LINEs in any order and direction close to the ring they draw, ending on its first point', () => {
    const r = chainArrays(square, 0.01);
    expect(r.open).toEqual([]);
    expect(r.closed).toEqual([
      [
        [0, 0],
        [10, 0],
        [10, 10],
        [0, 10],
        [0, 0]
      ]
    ]);
  });

  it('a chain grows backward too when the first piece is in its middle', () => {
    const r = chainArrays([square[3], square[1], square[0], square[2]], 0.01);
    expect(r.closed).toHaveLength(1);
    expect(r.closed[0]).toHaveLength(5);
    expect(r.closed[0][0]).toBe(r.closed[0][4]);
  });

  it('on packed pieces: the same chains, closed ones copied to the closed list', () => {
    const pieces = [
      ...square,
      [[50, 50] as Vec2, [60, 50] as Vec2],
      ...square.map((p) => p.map(([x, y]): Vec2 => [x + 100, y]))
    ];
    const open = new PieceList();
    pieces.forEach((p) => open.push(p));
    const closed = new PieceList();
    const kinds: boolean[] = [];
    const chains: Chain[] = [];
    chainPieces(open, 0.01, (c, isClosed) => {
      kinds.push(isClosed);
      chains.push(c);
      if (isClosed) chainInto(open, c, closed);
    });
    const ref = chainArrays(pieces, 0.01);
    expect(kinds).toEqual([true, false, true]);
    expect([closed.unpack(0), closed.unpack(1)]).toEqual(ref.closed);
    expect(chainVec2(open, chains[1], false)).toEqual(ref.open[0]);
  });

  it('keptRings drops rings without area and rings drawn twice, keeping the first', () => {
    const list = new PieceList();
    const sq: Vec2[] = [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0]
    ];
    list.push(sq);
    list.push([
      [0, 0],
      [5, 0],
      [0, 0],
      [0, 0]
    ]); // no area
    list.push(sq.slice().reverse()); // the same ring drawn the other way
    list.push(sq.map(([x, y]): Vec2 => [x + 20, y]));
    const r = keptRings(list, ['LWPOLYLINE', 'LINE', 'HATCH', 'chain'], ['A', undefined, 'B', undefined], 0.01, 2);
    expect(r.ids).toEqual([0, 3]);
    expect(r.source).toEqual(['LWPOLYLINE', 'chain']);
    expect(r.handle).toEqual(['A', undefined]);
    expect(r.area[0]).toBe(100);
    expect([r.minX[1], r.minY[1], r.maxX[1], r.maxY[1]]).toEqual([20, 0, 30, 10]);
    expect(r.open).toBe(2);
  });
});

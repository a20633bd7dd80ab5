// Planar maths on [x, y] rings, the one copy every reader, validator and exporter uses: orientation and area,
// bounding boxes, point in ring (with a boundary tolerance), and which ring is a hole of which.
import { describe, expect, it } from 'vitest';
import {
  nestRings,
  pointInRing,
  pointInRingWithin,
  ringBBox,
  ringContains,
  ringInRing,
  signedArea,
  type NestRing,
  type XY
} from '../../../src/lib/geo/planar.ts';

const square = (x: number, y: number, s: number): XY[] => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s]
];
const closed = (r: XY[]) => [...r, r[0]];
const nest = (pts: XY[], id = ''): NestRing & { id: string } => ({
  pts: closed(pts),
  area: Math.abs(signedArea(pts)),
  ...ringBBox(pts),
  id
});

describe('signed area', () => {
  it('is positive counter-clockwise, negative clockwise, the same open or closed', () => {
    expect(signedArea(square(0, 0, 10))).toBe(100);
    expect(signedArea(square(0, 0, 10).reverse())).toBe(-100);
    expect(signedArea(closed(square(5, 7, 3)))).toBe(9);
    expect(
      signedArea([
        [0, 0],
        [4, 0],
        [0, 3]
      ])
    ).toBe(6);
    expect(signedArea([])).toBe(0);
  });
});

describe('bounding box', () => {
  it('spans every vertex, whatever their order', () => {
    expect(
      ringBBox([
        [3, -1],
        [-2, 4],
        [5, 2],
        [0, -6]
      ])
    ).toEqual({ minX: -2, minY: -6, maxX: 5, maxY: 4 });
  });
});

describe('point in ring', () => {
  // a U shape: the notch (4..6, 4..10) is outside
  const U: XY[] = [
    [0, 0],
    [10, 0],
    [10, 10],
    [6, 10],
    [6, 4],
    [4, 4],
    [4, 10],
    [0, 10]
  ];
  it('even-odd, concave rings included', () => {
    expect(pointInRing([2, 8], U)).toBe(true);
    expect(pointInRing([8, 8], U)).toBe(true);
    expect(pointInRing([5, 8], U)).toBe(false);
    expect(pointInRing([5, 2], U)).toBe(true);
    expect(pointInRing([11, 5], U)).toBe(false);
    expect(pointInRing([-1, 5], U)).toBe(false);
  });

  it('slanted edges: the crossing is computed on the edge, not its bounding box', () => {
    const diamond: XY[] = [
      [5, 0],
      [10, 5],
      [5, 10],
      [0, 5]
    ];
    expect(pointInRing([5, 5], diamond)).toBe(true);
    expect(pointInRing([1, 1], diamond)).toBe(false); // inside the box, outside the diamond
    expect(pointInRing([8.9, 6], diamond)).toBe(true);
    expect(pointInRing([9.1, 6], diamond)).toBe(false);
    expect(pointInRingWithin([8.9, 6], diamond, 0.01)).toBe(1);
    expect(pointInRingWithin([9.1, 6], diamond, 0.01)).toBe(-1);
    expect(pointInRingWithin([7.5, 7.5], diamond, 0.01)).toBe(0);
  });

  it('with a tolerance: on an edge (within eps) is 0, inside 1, outside -1', () => {
    const sq = square(0, 0, 10);
    expect(pointInRingWithin([5, 5], sq, 0.01)).toBe(1);
    expect(pointInRingWithin([5, 0], sq, 0.01)).toBe(0);
    expect(pointInRingWithin([5, -0.009], sq, 0.01)).toBe(0);
    expect(pointInRingWithin([5, 0.009], sq, 0.01)).toBe(0);
    expect(pointInRingWithin([5, -0.02], sq, 0.01)).toBe(-1);
    expect(pointInRingWithin([5, 0.02], sq, 0.01)).toBe(1);
    expect(pointInRingWithin([10.005, 5], sq, 0.01)).toBe(0);
    expect(pointInRingWithin([0, 0], sq, 0)).toBe(0);
  });

  it('a point on the line of an edge but beyond its ends is not on the boundary', () => {
    const tri: XY[] = [
      [0, 0],
      [10, 0],
      [5, 5]
    ];
    expect(pointInRingWithin([12, 0], tri, 0.01)).toBe(-1);
    expect(pointInRingWithin([-2, 0], tri, 0.01)).toBe(-1);
    expect(pointInRingWithin([10.005, 0], tri, 0.01)).toBe(0); // within eps of the end
    expect(pointInRingWithin([-0.005, 0], tri, 0.01)).toBe(0);
  });

  it('a repeated vertex (zero-length edge) changes nothing', () => {
    const sq: XY[] = [
      [0, 0],
      [10, 0],
      [10, 0],
      [10, 10],
      [0, 10]
    ];
    expect(pointInRingWithin([5, 5], sq, 0.01)).toBe(1);
    expect(pointInRingWithin([20, 0], sq, 0.01)).toBe(-1);
  });
});

describe('one ring inside another', () => {
  const outer = nest(square(0, 0, 10));
  it('inside when its vertices are inside, touching the boundary allowed', () => {
    expect(ringContains(outer, nest(square(2, 2, 3)), 1e-9)).toBe(true);
    expect(
      ringContains(
        outer,
        nest([
          [0, 0],
          [3, 1],
          [1, 3]
        ]),
        1e-9
      )
    ).toBe(true); // touches at a corner
  });
  it('not when a vertex is outside, its box sticks out, or it is not smaller', () => {
    expect(
      ringContains(
        outer,
        nest([
          [2, 2],
          [12, 2],
          [2, 5]
        ]),
        1e-9
      )
    ).toBe(false);
    expect(ringContains(outer, nest(square(8, 8, 3)), 1e-9)).toBe(false);
    expect(ringContains(outer, nest(square(0, 0, 10)), 1e-9)).toBe(false);
    expect(ringContains(nest(square(2, 2, 3)), outer, 1e-9)).toBe(false);
  });
  it('a box sticking out by less than the tolerance still counts', () => {
    expect(
      ringContains(
        outer,
        nest([
          [-0.005, 2],
          [5, 2],
          [5, 5]
        ]),
        0.01
      )
    ).toBe(true);
    expect(
      ringContains(
        outer,
        nest([
          [2, 2],
          [10.005, 2],
          [5, 5]
        ]),
        0.01
      )
    ).toBe(true);
    expect(
      ringContains(
        outer,
        nest([
          [2, -0.005],
          [5, 2],
          [5, 5]
        ]),
        0.01
      )
    ).toBe(true);
    expect(
      ringContains(
        outer,
        nest([
          [2, 2],
          [5, 10.005],
          [5, 5]
        ]),
        0.01
      )
    ).toBe(true);
    expect(
      ringContains(
        outer,
        nest([
          [-0.05, 2],
          [5, 2],
          [5, 5]
        ]),
        0.01
      )
    ).toBe(false);
    expect(
      ringContains(
        outer,
        nest([
          [2, 2],
          [5, 10.05],
          [5, 5]
        ]),
        0.01
      )
    ).toBe(false);
  });
  it('a long ring whose box sticks out is not inside, even where the sampled vertices are', () => {
    // 16 vertices, sampled every 2nd: the one outside (index 5) is not sampled, the box still says no
    const ring: XY[] = Array.from({ length: 16 }, (_, k) => [
      5 + 3 * Math.cos((2 * Math.PI * k) / 16),
      5 + 3 * Math.sin((2 * Math.PI * k) / 16)
    ]);
    ring[5] = [5, 10.5];
    expect(ringContains(outer, nest(ring), 1e-9)).toBe(false);
  });
  it("a ring lying wholly on the other's boundary is not inside it", () => {
    expect(
      ringContains(
        outer,
        nest([
          [0, 0],
          [10, 0],
          [10, 10]
        ]),
        1e-9
      )
    ).toBe(false);
  });
  it('samples vertices of long rings: a vertex outside late in the ring is still found', () => {
    const many: XY[] = Array.from({ length: 40 }, (_, k) => [
      5 + 3 * Math.cos((2 * Math.PI * k) / 40),
      5 + 3 * Math.sin((2 * Math.PI * k) / 40)
    ]);
    expect(ringContains(outer, nest(many), 1e-9)).toBe(true);
    const spike = many.slice();
    spike[35] = [5, 15];
    expect(ringContains(nest(square(0, 0, 20)), nest(spike), 1e-9)).toBe(true);
    expect(ringContains({ ...outer, maxY: 20 }, nest(spike), 1e-9)).toBe(false);
  });
});

describe('nesting rings into polygons', () => {
  it('even-odd: a ring in a shell is its hole, an island in the hole is a new shell', () => {
    const rings = [
      nest(square(3, 3, 4), 'hole'),
      nest(square(0, 0, 10), 'shell'),
      nest(square(4, 4, 2), 'island'),
      nest(square(20, 0, 5), 'other')
    ];
    const polys = nestRings(rings, 1e-9).map((p) => [p.shell.id, p.holes.map((h) => h.id)]);
    expect(polys).toEqual([
      ['shell', ['hole']],
      ['other', []],
      ['island', []]
    ]);
  });

  it('a ring is a hole of the smallest ring containing it', () => {
    const rings = [
      nest(square(0, 0, 100), 'big'),
      nest(square(10, 10, 50), 'mid'),
      nest(square(20, 20, 10), 'small'),
      nest(square(70, 70, 10), 'side')
    ];
    const polys = nestRings(rings, 1e-9).map((p) => [p.shell.id, p.holes.map((h) => h.id)]);
    expect(polys).toEqual([
      ['big', ['mid', 'side']],
      ['small', []]
    ]);
  });

  it('many side-by-side parcels stay shells; nothing for no rings', () => {
    const rings = Array.from({ length: 30 }, (_, k) => nest(square((k % 6) * 10, Math.floor(k / 6) * 10, 9), `p${k}`));
    const polys = nestRings(rings, 1e-9);
    expect(polys).toHaveLength(30);
    expect(polys.every((p) => p.holes.length === 0)).toBe(true);
    expect(nestRings([], 1e-9)).toEqual([]);
  });

  it('holes are found through the grid wherever they lie in a field of parcels', () => {
    const rings = Array.from({ length: 16 }, (_, k) => nest(square((k % 4) * 10, Math.floor(k / 4) * 10, 9), `p${k}`));
    rings.push(nest(square(31, 31, 2), 'h15'), nest(square(1, 1, 2), 'h0'), nest(square(21, 11, 2), 'h6'));
    const withHoles = nestRings(rings, 1e-9)
      .filter((p) => p.holes.length)
      .map((p) => [p.shell.id, p.holes.map((h) => h.id)]);
    expect(withHoles.sort()).toEqual([
      ['p0', ['h0']],
      ['p15', ['h15']],
      ['p6', ['h6']]
    ]);
  });
});

describe('ring in ring (validation of holes)', () => {
  const shell = square(0, 0, 10);
  it('a hole touching its shell at a vertex is inside', () => {
    expect(
      ringInRing(
        [
          [0, 0],
          [4, 2],
          [2, 4]
        ],
        shell
      )
    ).toBe(true);
  });
  it('a ring outside, or only along the boundary, is not', () => {
    expect(ringInRing(square(20, 20, 2), shell)).toBe(false);
    expect(
      ringInRing(
        [
          [0, 0],
          [10, 0],
          [10, 10],
          [0, 10]
        ],
        shell
      )
    ).toBe(false);
  });
  it('an edge midpoint decides when every vertex is on the boundary', () => {
    expect(
      ringInRing(
        [
          [0, 0],
          [10, 10],
          [0, 10]
        ],
        shell
      )
    ).toBe(true); // the diagonal's midpoint is inside
  });
  it('works in degrees as in metres (tolerance relative to the coordinates)', () => {
    const deg: XY[] = [
      [121.4, 31.2],
      [121.5, 31.2],
      [121.5, 31.3],
      [121.4, 31.3]
    ];
    expect(
      ringInRing(
        [
          [121.4, 31.2],
          [121.45, 31.25],
          [121.42, 31.28]
        ],
        deg
      )
    ).toBe(true);
    expect(
      ringInRing(
        [
          [121.4, 31.2],
          [121.35, 31.25],
          [121.38, 31.28]
        ],
        deg
      )
    ).toBe(false);
  });
});

// What validation tells the clerk, word for word, and where: bad or missing coordinates, rings too short to be
// an area, holes that are dropped or cross their shell, units/CRS errors shown by absurd areas; and the
// segment-crossing rule the repairs rest on (touching counts, collinear overlap counts, a gap does not).
import { describe, expect, it } from 'vitest';
import type { Position } from 'geojson';
import { validateGeometry } from '../../../../src/lib/geo/validate.ts';
import { findCrossings, segmentIntersection } from '../../../../src/lib/geo/validate/intersections.ts';
import { cleanRing, orient } from '../../../../src/lib/geo/validate/rings.ts';

const OUTER = { zh: '外环', en: 'outer ring' };
const sq = (x: number, y: number, d: number): Position[] => [
  [x, y],
  [x + d, y],
  [x + d, y + d],
  [x, y + d],
  [x, y]
];

describe('ring hygiene', () => {
  it('a non-numeric coordinate, an empty ring or fewer than 4 positions is an error naming the ring', () => {
    expect(
      cleanRing(
        [
          [0, NaN],
          [1, 1]
        ],
        OUTER
      )
    ).toEqual({
      repairs: [],
      error: { code: 'ring-bad-coordinate', zh: '外环含无效坐标', en: 'outer ring has a non-numeric coordinate' }
    });
    expect(cleanRing([[Infinity, 0]], OUTER).error?.code).toBe('ring-bad-coordinate');
    expect(cleanRing([], OUTER)).toEqual({
      repairs: [],
      error: { code: 'ring-empty', zh: '外环为空', en: 'outer ring is empty' }
    });
    expect(cleanRing([[1, 1]], OUTER)).toEqual({
      repairs: [],
      error: {
        code: 'ring-too-few-positions',
        zh: '外环不足 4 个坐标（含闭合点），不能构成面',
        en: 'outer ring has fewer than 4 positions (with the closing one): not an area',
        at: [1, 1]
      }
    });
  });
  it('repeated vertices, also a repeated closing point, are removed one by one with their place', () => {
    const c = cleanRing(
      [
        [0, 0],
        [1, 0],
        [1, 0],
        [0, 1],
        [0, 0],
        [0, 0]
      ],
      OUTER
    );
    expect(c.ring).toEqual([
      [0, 0],
      [1, 0],
      [0, 1],
      [0, 0]
    ]);
    expect(c.repairs).toEqual([
      {
        code: 'duplicate-vertex-removed',
        zh: '删除重复顶点 (1.000000, 0.000000)',
        en: 'Repeated vertex removed at 1.000000, 0.000000',
        at: [1, 0]
      },
      {
        code: 'duplicate-vertex-removed',
        zh: '删除重复顶点 (0.000000, 0.000000)',
        en: 'Repeated vertex removed at 0.000000, 0.000000',
        at: [0, 0]
      }
    ]);
  });
  it('vertices within 1e-9° are the same vertex; 1e-8° apart are not', () => {
    expect(
      cleanRing(
        [
          [0, 0],
          [1, 0],
          [1 + 5e-10, 0],
          [0, 1],
          [0, 0]
        ],
        OUTER
      ).ring
    ).toHaveLength(4);
    expect(
      cleanRing(
        [
          [0, 0],
          [1, 0],
          [1 + 1e-8, 0],
          [0, 1],
          [0, 0]
        ],
        OUTER
      ).ring
    ).toHaveLength(5);
  });
  it('orientation: outer rings counter-clockwise, holes clockwise', () => {
    const ccw = [
      [0, 0],
      [1, 0],
      [0, 1],
      [0, 0]
    ] as [number, number][];
    expect(orient(ccw, true)).toEqual({ ring: ccw, flipped: false });
    expect(orient(ccw, false)).toEqual({ ring: [...ccw].reverse(), flipped: true });
  });
});

describe('repairs and errors of a polygon', () => {
  it('an invalid hole is dropped with the reason; the parcel stays valid', () => {
    const v = validateGeometry({
      type: 'Polygon',
      coordinates: [
        sq(121.4, 31.2, 0.002),
        [
          [121.5, 31.3],
          [121.5, 31.3],
          [121.5, 31.3]
        ]
      ]
    });
    expect(v.valid).toBe(true);
    expect(v.repairs.at(-1)).toEqual({
      code: 'hole-dropped',
      zh: '第 1 个内环（洞）无效，已删除：第 1 个内环（洞）不足 4 个坐标（含闭合点），不能构成面',
      en: 'hole 1 is not a ring and was dropped: hole 1 has fewer than 4 positions (with the closing one): not an area',
      at: [121.5, 31.3]
    });
    expect(v.geometry).toEqual({ type: 'Polygon', coordinates: [sq(121.4, 31.2, 0.002)] });
  });
  it('an invalid outer ring makes the parcel invalid, with no geometry', () => {
    const v = validateGeometry({
      type: 'Polygon',
      coordinates: [
        [
          [121.4, 31.2],
          [121.4, NaN],
          [121.5, 31.3],
          [121.4, 31.2]
        ]
      ]
    });
    expect(v).toMatchObject({
      valid: false,
      repairs: [],
      flags: [],
      errors: [{ code: 'ring-bad-coordinate' }],
      areaM2: 0
    });
    expect(v.geometry).toEqual({ type: 'MultiPolygon', coordinates: [] });
  });
  it('a hole crossing its shell is reported at each crossing and repaired', () => {
    const hole = [
      [121.401, 31.201],
      [121.401, 31.2015],
      [121.403, 31.2015],
      [121.403, 31.201],
      [121.401, 31.201]
    ];
    const v = validateGeometry({ type: 'Polygon', coordinates: [sq(121.4, 31.2, 0.002), hole] });
    expect(v.repairs.map((r) => [r.code, r.zh, r.en])).toEqual([
      [
        'self-intersection',
        '内环与外环（或内环之间）相交于 (121.402000, 31.201500)，已修复',
        'A hole crosses the shell or another hole at 121.402000, 31.201500: repaired'
      ],
      [
        'self-intersection',
        '内环与外环（或内环之间）相交于 (121.402000, 31.201000)，已修复',
        'A hole crosses the shell or another hole at 121.402000, 31.201000: repaired'
      ]
    ]);
    expect(v.geometry.type).toBe('Polygon');
    expect(v.valid).toBe(true);
  });
  it('separate parts of a MultiPolygon stay separate, without a repair', () => {
    const v = validateGeometry({
      type: 'MultiPolygon',
      coordinates: [[sq(121.4, 31.2, 0.002)], [sq(121.5, 31.2, 0.002)]]
    });
    expect(v.repairs).toEqual([]);
    expect(v.geometry.type).toBe('MultiPolygon');
  });
  it('areas that betray a units or CRS error say so with the figure', () => {
    expect(
      validateGeometry({ type: 'Polygon', coordinates: [sq(121.4, 31.2, 0.000005)] }).flags.map((f) => [
        f.code,
        f.zh,
        f.en
      ])
    ).toEqual([
      [
        'area-tiny',
        '面积仅 0.264 m²，几乎肯定是单位或坐标系错误',
        'Area is only 0.264 m²: almost certainly a units/CRS error'
      ]
    ]);
    expect(
      validateGeometry({ type: 'Polygon', coordinates: [sq(121.0, 31.0, 0.1)] }).flags.map((f) => [f.code, f.zh, f.en])
    ).toEqual([
      [
        'area-absurd',
        '面积 105.9 km²，远超单个地块，几乎肯定是单位或坐标系错误',
        'Area is 105.9 km², far larger than a parcel: almost certainly a units/CRS error'
      ]
    ]);
  });
});

describe('where two segments meet', () => {
  it('a proper crossing at its point; a touching end; a collinear overlap; nothing across a gap', () => {
    expect(segmentIntersection([0, 0], [2, 2], [0, 2], [2, 0])).toEqual([1, 1]);
    expect(segmentIntersection([0, 0], [1, 0], [1, 0], [1, 1])).toEqual([1, 0]);
    expect(segmentIntersection([1, 0], [1, 1], [0, 0], [1, 0])).toEqual([1, 0]);
    expect(segmentIntersection([0, 0], [2, 0], [1, 0], [3, 0])).toEqual([2, 0]);
    expect(segmentIntersection([1, 0], [3, 0], [0, 0], [2, 0])).toEqual([1, 0]);
    expect(segmentIntersection([0, 0], [1, 0], [2, 0], [3, 0])).toBeUndefined();
    expect(segmentIntersection([0, 0], [1, 1], [0, 1], [0.4, 0.6])).toBeUndefined();
    expect(segmentIntersection([0, 0], [1, 0], [0.5, 0.1], [0.5, 1])).toBeUndefined();
  });
  it('a bow-tie crosses once, in its own ring; neighbouring edges (also the closing pair) are not crossings', () => {
    expect(
      findCrossings([
        [
          [0, 0],
          [2, 0],
          [0, 2],
          [2, 2],
          [0, 0]
        ]
      ])
    ).toEqual([{ at: [1, 1], rings: [0, 0] }]);
    expect(
      findCrossings([
        [
          [0, 0],
          [2, 0],
          [2, 2],
          [0, 2],
          [0, 0]
        ]
      ])
    ).toEqual([]);
  });
  it('a hole touching its shell is a crossing between rings 0 and 1, reported once', () => {
    const c = findCrossings([
      [
        [0, 0],
        [4, 0],
        [4, 4],
        [0, 4],
        [0, 0]
      ],
      [
        [0, 2],
        [1, 1],
        [2, 2],
        [0, 2]
      ]
    ]);
    expect(c).toEqual([{ at: [0, 2], rings: [0, 1] }]);
  });
});

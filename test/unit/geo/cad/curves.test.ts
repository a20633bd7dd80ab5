// Curves to vertices (arcs, bulges, ellipses, B-splines) and the CAD placement transforms (OCS, INSERT),
// stated directly: chords within the survey tolerance, the exact area of circles and arcs, bulge direction,
// the ends kept bit-for-bit, and where a block lands after scale, rotation, mirroring and array offsets.
import { describe, expect, it } from 'vitest';
import {
  arcPoints,
  arcSegments,
  bulgePolyline,
  ccwSweep,
  ellipsePoints,
  pushBulgeArc,
  splinePoints,
  CHORD_TOLERANCE_M,
  MAX_SEGMENTS_PER_TURN,
  MIN_SEGMENTS_PER_TURN,
  SPLINE_SAMPLES_PER_SPAN
} from '../../../../src/lib/geo/cad/curves.ts';
import {
  apply,
  applyAll,
  compose,
  IDENTITY,
  insertTransform,
  isDefaultExtrusion,
  maxScale,
  ocsAxes,
  ocsPointToWcs,
  ocsToWcs
} from '../../../../src/lib/geo/cad/transform.ts';
import type { Vec2 } from '../../../../src/lib/geo/cad/model.ts';
import { signedArea } from '../../../../src/lib/geo/planar.ts';

const TAU = 2 * Math.PI;
const dist = (p: Vec2, c: Vec2) => Math.hypot(p[0] - c[0], p[1] - c[1]);
/** Largest distance from the true circle to any chord of the points (sagitta) or vertex. */
function worstDeviation(pts: Vec2[], c: Vec2, r: number) {
  let worst = 0;
  for (let i = 0; i < pts.length; i++) {
    worst = Math.max(worst, Math.abs(dist(pts[i], c) - r));
    if (i > 0) {
      const m: Vec2 = [(pts[i][0] + pts[i - 1][0]) / 2, (pts[i][1] + pts[i - 1][1]) / 2];
      worst = Math.max(worst, Math.abs(dist(m, c) - r));
    }
  }
  return worst;
}

describe('how many chords an arc gets', () => {
  it('enough that the sagitta stays within the tolerance', () => {
    const n = arcSegments(100, TAU, 0.05);
    const step = TAU / n;
    expect(100 * (1 - Math.cos(step / 2))).toBeLessThanOrEqual(0.05);
    expect(100 * (1 - Math.cos(TAU / (n - 1) / 2))).toBeGreaterThan(0.05); // and no more than needed
  });
  it('at least 32 and at most 4096 per turn, proportionally for part of a turn', () => {
    expect([MIN_SEGMENTS_PER_TURN, MAX_SEGMENTS_PER_TURN]).toEqual([32, 4096]);
    expect(arcSegments(0.5, TAU, 0.05)).toBe(32);
    expect(arcSegments(0.01, TAU, 0.05)).toBe(32); // tolerance above the radius
    expect(arcSegments(1e7, TAU, 0.05)).toBe(4096);
    expect(arcSegments(0.5, Math.PI / 2, 0.05)).toBe(8);
    expect(arcSegments(0.5, -Math.PI / 2, 0.05)).toBe(8);
  });
  it('one chord for a degenerate arc', () => {
    expect(arcSegments(0, TAU, 0.05)).toBe(1);
    expect(arcSegments(-1, TAU, 0.05)).toBe(1);
    expect(arcSegments(10, 0, 0.05)).toBe(1);
    expect(arcSegments(NaN, 1, 0.05)).toBe(1);
  });
});

describe('arc points', () => {
  it("a full circle has exactly the circle's area, every vertex within the tolerance", () => {
    const pts = arcPoints(5, -3, 60, 0, TAU, CHORD_TOLERANCE_M);
    expect(signedArea(pts) / (Math.PI * 3600)).toBeCloseTo(1, 12);
    expect(worstDeviation(pts, [5, -3], 60)).toBeLessThanOrEqual(CHORD_TOLERANCE_M);
    // full turn: no fixed ends, every vertex on the same (slightly larger) radius
    expect(dist(pts[0], [5, -3])).toBeGreaterThan(60);
    expect(dist(pts[7], [5, -3])).toBeCloseTo(dist(pts[0], [5, -3]), 9);
  });

  it("an arc keeps its ends on the circle and has the sector's area (fan from the centre)", () => {
    for (const sweep of [Math.PI / 3, Math.PI / 2, -2.5]) {
      const pts = arcPoints(0, 0, 40, 0.3, sweep, CHORD_TOLERANCE_M);
      expect(dist(pts[0], [0, 0])).toBeCloseTo(40, 12);
      expect(dist(pts[pts.length - 1], [0, 0])).toBeCloseTo(40, 12);
      expect(Math.atan2(pts[pts.length - 1][1], pts[pts.length - 1][0])).toBeCloseTo(0.3 + sweep, 12);
      expect(signedArea([[0, 0], ...pts]) / ((40 * 40 * sweep) / 2)).toBeCloseTo(1, 12);
      expect(worstDeviation(pts, [0, 0], 40)).toBeLessThanOrEqual(CHORD_TOLERANCE_M);
    }
  });

  it("a tiny arc still gets a middle vertex that carries its segment's area", () => {
    const pts = arcPoints(0, 0, 10, 0, 0.01, CHORD_TOLERANCE_M);
    expect(pts).toHaveLength(3);
    expect(signedArea([[0, 0], ...pts]) / ((100 * 0.01) / 2)).toBeCloseTo(1, 9);
    expect(dist(pts[1], [0, 0])).toBeGreaterThan(10);
  });

  it('a degenerate arc is its two ends', () => {
    expect(arcPoints(1, 2, 3, 0, 0, 0.05)).toEqual([
      [4, 2],
      [4, 2]
    ]);
  });
});

describe('DXF sweep from start and end angles', () => {
  it('counter-clockwise, equal angles a full turn', () => {
    expect(ccwSweep(0, Math.PI / 2)).toBeCloseTo(Math.PI / 2, 15);
    expect(ccwSweep(Math.PI / 2, 0)).toBeCloseTo(1.5 * Math.PI, 15);
    expect(ccwSweep(1, 1)).toBe(TAU);
    expect(ccwSweep(0, TAU)).toBe(TAU);
    expect(ccwSweep(-Math.PI, 0)).toBeCloseTo(Math.PI, 15);
  });
});

describe('bulges', () => {
  it('positive turns counter-clockwise (the arc right of p→q), negative clockwise', () => {
    const ccw: Vec2[] = [];
    pushBulgeArc(ccw, [0, 0], [2, 0], 1, CHORD_TOLERANCE_M);
    expect(Math.min(...ccw.map((p) => p[1]))).toBeCloseTo(-1, 2);
    expect(Math.max(...ccw.map((p) => p[1]))).toBe(0);
    const cw: Vec2[] = [];
    pushBulgeArc(cw, [0, 0], [2, 0], -1, CHORD_TOLERANCE_M);
    expect(Math.max(...cw.map((p) => p[1]))).toBeCloseTo(1, 2);
    // a half circle of radius 1 on the chord, both directions
    expect(signedArea([[0, 0], ...ccw])).toBeCloseTo(Math.PI / 2, 12);
    expect(signedArea([[0, 0], ...cw])).toBeCloseTo(-Math.PI / 2, 12);
  });

  it('a small bulge gives the circular segment of its angle, on a vertical chord too', () => {
    const b = 0.25;
    const t = 4 * Math.atan(b);
    const r = 10 / (2 * Math.sin(t / 2));
    const out: Vec2[] = [];
    pushBulgeArc(out, [3, 0], [3, 10], b, CHORD_TOLERANCE_M);
    expect(signedArea([[3, 0], ...out])).toBeCloseTo((r * r * (t - Math.sin(t))) / 2, 10);
    // sagitta = c/2·b, to the right (east); the middle vertices sit a little outside the arc (area-exact)
    const east = Math.max(...out.map((p) => p[0])) - (3 + 5 * b);
    expect(east).toBeGreaterThanOrEqual(0);
    expect(east).toBeLessThanOrEqual(CHORD_TOLERANCE_M);
  });

  it('excludes p, includes q as given (surveyed coordinates kept bit-for-bit)', () => {
    const q: Vec2 = [0.1 + 0.2, 7];
    const out: Vec2[] = [];
    pushBulgeArc(out, [0, 0], q, 0.5, CHORD_TOLERANCE_M);
    expect(out[out.length - 1]).toBe(q);
    expect(out.some((p) => p[0] === 0 && p[1] === 0)).toBe(false);
  });

  it('no bulge, or a zero-length chord, is a straight vertex', () => {
    for (const [p, q, b] of [
      [[0, 0], [5, 5], 0],
      [[0, 0], [5, 5], 1e-13],
      [[1, 1], [1, 1], 1]
    ] as [Vec2, Vec2, number][]) {
      const out: Vec2[] = [];
      pushBulgeArc(out, p, q, b, 0.05);
      expect(out).toEqual([q]);
    }
  });

  it("a closed polyline honours the closing segment's bulge; an open one ignores the last bulge", () => {
    const vs = [
      { x: 0, y: 0, bulge: 0 },
      { x: 10, y: 0, bulge: 0 },
      { x: 10, y: 10, bulge: 0 },
      { x: 0, y: 10, bulge: 1 }
    ];
    const ring = bulgePolyline(vs, true, CHORD_TOLERANCE_M);
    expect(ring[0]).toEqual([0, 0]);
    expect(ring[ring.length - 1]).toEqual([0, 0]);
    expect(signedArea(ring)).toBeCloseTo(100 + (Math.PI * 25) / 2, 9); // the west edge bulges out by a half circle
    expect(bulgePolyline(vs, false, CHORD_TOLERANCE_M)).toEqual([
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10]
    ]);
    expect(bulgePolyline([], true, 0.05)).toEqual([]);
  });
});

describe('ellipses', () => {
  it("the minor axis is ratio × major turned +90°; the ends are the parameters' points", () => {
    const pts = ellipsePoints([1, 1], [0, 4], 0.5, 0, Math.PI / 2, CHORD_TOLERANCE_M);
    expect(pts[0]).toEqual([1, 5]);
    expect(pts[pts.length - 1][0]).toBeCloseTo(-1, 12);
    expect(pts[pts.length - 1][1]).toBeCloseTo(1, 12);
  });
  it("a full ellipse has exactly the ellipse's area, every vertex within the tolerance of the curve", () => {
    const pts = ellipsePoints([0, 0], [30, 0], 0.5, 0, TAU, CHORD_TOLERANCE_M);
    expect(signedArea(pts) / (Math.PI * 30 * 15)).toBeCloseTo(1, 9); // inscribed chords read ~0.2 % small
    expect(pts.length - 1).toBe(arcSegments(1, TAU, (CHORD_TOLERANCE_M * 0.75) / 30));
    // on the ellipse scaled by the arc's radial factor (≤ 4/3 of the sagitta out): within the tolerance
    for (const p of pts)
      expect(Math.abs(Math.sqrt((p[0] / 30) ** 2 + (p[1] / 15) ** 2) - 1) * 30).toBeLessThanOrEqual(CHORD_TOLERANCE_M);
  });
  it("an elliptic arc has the sector's area (the affine image of the circular sector, fan from the centre)", () => {
    const pts = ellipsePoints([5, -3], [0, 40], 0.25, 0.3, 2.1, CHORD_TOLERANCE_M);
    // sector of the unit circle 1.8 rad → area 0.9, times the map's determinant |major × minor| = 40 · 10
    expect(signedArea([[5, -3], ...pts]) / (0.9 * 400)).toBeCloseTo(1, 9);
  });
});

describe('B-splines', () => {
  it('degree 1 is the control polyline; a clamped spline starts and ends on its end control points', () => {
    const ctrl: Vec2[] = [
      [0, 0],
      [10, 0],
      [10, 10]
    ];
    const pts = splinePoints(1, [0, 0, 1, 2, 2], ctrl);
    expect(pts[0]).toEqual([0, 0]);
    expect(pts[pts.length - 1]).toEqual([10, 10]);
    expect(pts).toHaveLength(Math.max(3 * SPLINE_SAMPLES_PER_SPAN, 32) + 1);
    expect(pts.every(([x, y]) => (y === 0 && x >= 0 && x <= 10) || (x === 10 && y >= 0 && y <= 10))).toBe(true);
    expect(pts[24]).toEqual([10, 0]); // half way: the corner
  });

  it('a quadratic Bézier (clamped, three control points): B(½) = ¼P0 + ½P1 + ¼P2', () => {
    const pts = splinePoints(
      2,
      [0, 0, 0, 1, 1, 1],
      [
        [0, 0],
        [4, 8],
        [8, 0]
      ]
    );
    const mid = pts[(pts.length - 1) / 2];
    expect(mid[0]).toBeCloseTo(4, 12);
    expect(mid[1]).toBeCloseTo(4, 12);
  });

  it('rational weights draw an exact quarter circle', () => {
    const pts = splinePoints(
      2,
      [0, 0, 0, 1, 1, 1],
      [
        [1, 0],
        [1, 1],
        [0, 1]
      ],
      [1, Math.SQRT1_2, 1]
    );
    for (const p of pts) expect(Math.hypot(p[0], p[1])).toBeCloseTo(1, 12);
    // weights of the wrong length are ignored (a parabola then, off the circle)
    const plain = splinePoints(
      2,
      [0, 0, 0, 1, 1, 1],
      [
        [1, 0],
        [1, 1],
        [0, 1]
      ],
      [1, 1]
    );
    expect(Math.hypot(...plain[(plain.length - 1) / 2])).not.toBeCloseTo(1, 3);
  });

  it('missing or wrong knots get a clamped uniform vector (as GDAL and ezdxf)', () => {
    const ctrl: Vec2[] = [
      [0, 0],
      [4, 8],
      [8, 0],
      [12, 8]
    ];
    const a = splinePoints(2, [], ctrl);
    const b = splinePoints(2, [0, 0, 0, 1, 2, 2, 2], ctrl);
    expect(a).toEqual(b);
    expect(a[0]).toEqual([0, 0]);
    expect(a[a.length - 1]).toEqual([12, 8]);
  });

  it('an unevaluable spline keeps its control points', () => {
    expect(
      splinePoints(
        3,
        [],
        [
          [0, 0],
          [1, 1],
          [2, 0]
        ]
      )
    ).toEqual([
      [0, 0],
      [1, 1],
      [2, 0]
    ]);
    expect(
      splinePoints(
        0,
        [],
        [
          [0, 0],
          [1, 1]
        ]
      )
    ).toEqual([
      [0, 0],
      [1, 1]
    ]);
    expect(splinePoints(1, [], [[0, 0]])).toEqual([[0, 0]]);
  });

  it('long splines are sampled 16 per control point, at most 8192 samples', () => {
    const ctrl: Vec2[] = Array.from({ length: 600 }, (_, i) => [i, i % 2]);
    expect(splinePoints(1, [], ctrl)).toHaveLength(8193);
    expect(splinePoints(1, [], ctrl.slice(0, 100))).toHaveLength(1601);
  });
});

describe('CAD placement transforms', () => {
  const rot90 = { a: 0, b: 1, c: -1, d: 0, e: 0, f: 0 };
  const shift = { a: 1, b: 0, c: 0, d: 1, e: 10, f: 0 };
  it('compose(m, n) applies n first, then m', () => {
    expect(apply(compose(shift, rot90), [1, 0])).toEqual([10, 1]);
    expect(apply(compose(rot90, shift), [1, 0])).toEqual([0, 11]);
    expect(applyAll(compose(rot90, { a: 2, b: 0, c: 0, d: 3, e: 1, f: 2 }), [[1, 1]])).toEqual([[-5, 3]]);
    const pts: Vec2[] = [[1, 2]];
    expect(applyAll(IDENTITY, pts)).toBe(pts);
  });

  it('the largest stretch divides chord tolerances; a degenerate transform counts as 1', () => {
    expect(maxScale({ a: 2, b: 0, c: 0, d: 3, e: 5, f: 5 })).toBe(3);
    expect(maxScale({ a: 0, b: 4, c: 1, d: 0, e: 0, f: 0 })).toBe(4);
    expect(maxScale({ a: 0, b: 0, c: 0, d: 0, e: 0, f: 0 })).toBe(1);
  });

  it('the default extrusion (absent, zero or +Z) leaves coordinates alone', () => {
    expect(isDefaultExtrusion(undefined)).toBe(true);
    expect(isDefaultExtrusion([0, 0, 0])).toBe(true);
    expect(isDefaultExtrusion([0, 0, 1])).toBe(true);
    expect(isDefaultExtrusion([0, 0, -1])).toBe(false);
    expect(isDefaultExtrusion([0.1, 0, 1])).toBe(false);
    expect(isDefaultExtrusion([0, 0.1, 1])).toBe(false);
    expect(ocsToWcs([0, 0, 1], 5)).toBe(IDENTITY);
    expect(ocsPointToWcs(undefined, [3, 4, 9])).toEqual([3, 4]);
  });

  it("extrusion (0,0,−1), the mirrored case: x' = −x, y' = y", () => {
    const m = ocsToWcs([0, 0, -1], 7);
    expect(apply(m, [3, 4])).toEqual([-3, 4]);
    expect(ocsPointToWcs([0, 0, -1], [3, 4, 7])).toEqual([-3, 4]);
  });

  it('the arbitrary axis algorithm for a tilted extrusion (DXF Reference)', () => {
    const [ax, ay, n] = ocsAxes([1, 0, 0]);
    expect(ax.map((v) => Math.round(v * 1e12) / 1e12)).toEqual([0, 1, 0]); // Wz × N
    expect(ay.map((v) => Math.round(v * 1e12) / 1e12)).toEqual([0, 0, 1]);
    expect(n).toEqual([1, 0, 0]);
    // near the Z axis (|Nx|, |Ny| < 1/64): Wy × N
    const [bx] = ocsAxes([0.01, 0, 2]);
    expect(bx[0]).toBeGreaterThan(0.99);
    // a point in the OCS of N = (1,0,0): x along WY, y along WZ, z (elevation) along WX
    expect(ocsPointToWcs([1, 0, 0], [2, 3, 5]).map((v) => Math.round(v * 1e12) / 1e12)).toEqual([5, 2]);
    const m = ocsToWcs([1, 0, 0], 5);
    expect([m.e, m.f]).toEqual([5, 0]);
  });

  it('an INSERT scales about the block base, rotates, moves to its point and adds the array offset', () => {
    const m = insertTransform([1, 1, 0], [100, 200, 0], 2, 3, Math.PI / 2, undefined);
    const p = apply(m, [2, 1]); // 1 east of the base → scaled 2 → rotated north
    expect(p[0]).toBeCloseTo(100, 12);
    expect(p[1]).toBeCloseTo(202, 12);
    const q = apply(m, [1, 2]); // 1 north of the base → scaled 3 → rotated west
    expect(q[0]).toBeCloseTo(97, 12);
    expect(q[1]).toBeCloseTo(200, 12);
    const withOffset = apply(insertTransform([0, 0, 0], [100, 200, 0], 1, 1, Math.PI / 2, undefined, [10, 0]), [0, 0]);
    expect(withOffset[0]).toBeCloseTo(100, 12);
    expect(withOffset[1]).toBeCloseTo(210, 12); // the column offset turns with the block
  });

  it('a mirrored INSERT (extrusion 0,0,−1) lands mirrored, its insertion point included', () => {
    const m = insertTransform([0, 0, 0], [10, 5, 0], 1, 1, 0, [0, 0, -1]);
    expect(apply(m, [0, 0])).toEqual([-10, 5]);
    expect(apply(m, [1, 1])).toEqual([-11, 6]);
  });
});

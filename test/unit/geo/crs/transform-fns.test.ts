// From a resolved coordinate system to EPSG:4490 lon/lat and back: obfuscated web-map coordinates, a local
// grid fitted by control points (similarity), a proj4 plane; what cannot be transformed is NaN, not a throw.
// And the least-squares fit behind local grids: an exact similarity is recovered, degenerate points refused.
import { describe, expect, it } from 'vitest';
import {
  fromLocalSystem,
  fromLonLatFn,
  fromObfuscated,
  fromRegistry,
  planeConverter,
  proj4Accepts,
  toLonLatFn
} from '../../../../src/lib/geo/crs/transform.ts';
import {
  applySimilarity,
  fitSimilarity,
  invertSimilarity,
  leastSquares
} from '../../../../src/lib/geo/crs/local-fit.ts';
import { gcj02ToWgs84, wgs84ToGcj02 } from '../../../../src/lib/geo/crs/gcj02.ts';

const SH: [number, number] = [121.4737, 31.2304];

describe('resolved systems', () => {
  it('registry entries carry their definition; an unknown code is an error', () => {
    expect(fromRegistry('EPSG:4549')).toMatchObject({ code: 'EPSG:4549', kind: 'projected' });
    expect(fromRegistry('EPSG:4549').proj4).toContain('+lon_0=120');
    expect(() => fromRegistry('EPSG:99999')).toThrow('unknown registry code EPSG:99999');
  });
  it('a local system keeps a registry code, otherwise is named LOCAL:<id>', () => {
    const name = { zh: '某区独立坐标', en: 'District grid' };
    expect(fromLocalSystem({ id: 'SH2000', name, proj4: '+proj=longlat +datum=WGS84' }).code).toBe('SH2000');
    const sim = fromLocalSystem({ id: 'jd', name, similarity: { a: 1, b: 0, tx: 1, ty: 2 }, plane: 'EPSG:4549' });
    expect(sim).toEqual({
      code: 'LOCAL:jd',
      name,
      kind: 'projected',
      similarity: { a: 1, b: 0, tx: 1, ty: 2, plane: 'EPSG:4549' },
      approximate: undefined
    });
  });
  it('proj4 accepts a real definition and refuses nonsense', () => {
    expect(proj4Accepts('+proj=tmerc +lon_0=120 +ellps=GRS80 +units=m')).toBe(true);
    expect(proj4Accepts('+proj=nonsense')).toBe(false);
  });
});

describe('to lon/lat and back', () => {
  it('GCJ-02 and BD-09 coordinates are taken back to the true position; forward obfuscation is not offered', () => {
    const g = wgs84ToGcj02(SH);
    const back = toLonLatFn(fromObfuscated('GCJ-02'))(g);
    expect(back[0]).toBeCloseTo(SH[0], 8);
    expect(back[1]).toBeCloseTo(SH[1], 8);
    expect(toLonLatFn(fromObfuscated('BD-09'))(SH)).not.toEqual(toLonLatFn(fromObfuscated('GCJ-02'))(SH));
    expect(() => fromLonLatFn(fromObfuscated('GCJ-02'))).toThrow('forward obfuscation is not offered');
    expect(gcj02ToWgs84(g)[0]).toBeCloseTo(SH[0], 8);
  });
  it('CGCS2000 and WGS84 lon/lat pass through unchanged, both ways', () => {
    for (const code of ['EPSG:4490', 'EPSG:4326']) {
      expect(toLonLatFn(fromRegistry(code))(SH)).toEqual(SH);
      expect(fromLonLatFn(fromRegistry(code))(SH)).toEqual(SH);
    }
  });
  it('a projected plane round-trips to the millimetre', () => {
    const crs = fromRegistry('EPSG:4549');
    const xy = fromLonLatFn(crs)(SH);
    expect(xy[0]).toBeGreaterThan(500_000); // east of 120°E
    const ll = toLonLatFn(crs)(xy);
    expect(Math.abs(ll[0] - SH[0]) * 95_000).toBeLessThan(0.001);
    expect(Math.abs(ll[1] - SH[1]) * 111_000).toBeLessThan(0.001);
    expect(planeConverter('EPSG:4549').forward(SH)[0]).toBeCloseTo(xy[0], 6);
  });
  it('a local grid: similarity onto the plane, then to lon/lat; the inverse takes lon/lat back to the grid', () => {
    const plane = fromLonLatFn(fromRegistry('EPSG:4549'))(SH);
    // local grid: origin at the point, axes turned by 90°, unit scale: E = −y + pE, N = x + pN
    const local = fromLocalSystem({
      id: 'g',
      name: { zh: 'g', en: 'g' },
      similarity: { a: 0, b: 1, tx: plane[0], ty: plane[1] },
      plane: 'EPSG:4549'
    });
    const ll = toLonLatFn(local)([0, 0]);
    expect(ll[0]).toBeCloseTo(SH[0], 9);
    expect(ll[1]).toBeCloseTo(SH[1], 9);
    const north100 = toLonLatFn(local)([100, 0]); // local x → plane north
    expect((north100[1] - SH[1]) * 111_000).toBeGreaterThan(99);
    const back = fromLonLatFn(local)(north100);
    expect(back[0]).toBeCloseTo(100, 6);
    expect(back[1]).toBeCloseTo(0, 6);
  });
  it('a point proj4 refuses (a non-numeric coordinate from a bad row) comes out as NaN instead of failing the file', () => {
    const to = toLonLatFn(fromRegistry('EPSG:4549'));
    expect(to([NaN, 3_456_000]).every(Number.isNaN)).toBe(true);
    expect(to([Infinity, 3_456_000]).every(Number.isNaN)).toBe(true);
  });
});

describe('control-point fits', () => {
  it('recover an exact similarity (scale, rotation, shift) with zero residuals', () => {
    const truth = { a: 1.0002 * Math.cos(0.01), b: 1.0002 * Math.sin(0.01), tx: 600_000, ty: 3_456_000 };
    const local: [number, number][] = [
      [0, 0],
      [500, 0],
      [500, 400],
      [0, 400],
      [250, 200]
    ];
    const fit = fitSimilarity(local.map((l) => ({ local: l, target: applySimilarity(truth, l) })));
    expect(fit.a).toBeCloseTo(truth.a, 9);
    expect(fit.b).toBeCloseTo(truth.b, 9);
    expect(fit.tx).toBeCloseTo(truth.tx, 4);
    expect(fit.ty).toBeCloseTo(truth.ty, 4);
    expect(fit.scale).toBeCloseTo(1.0002, 9);
    expect(fit.rotationDeg).toBeCloseTo((0.01 * 180) / Math.PI, 7);
    expect(fit.rmsM).toBeLessThan(1e-6);
    expect(fit.residuals).toHaveLength(5);
    const back = invertSimilarity(fit, applySimilarity(fit, [123, 456]));
    expect(back[0]).toBeCloseTo(123, 6);
    expect(back[1]).toBeCloseTo(456, 6);
  });
  it('report the misfit of a bad control point as the root mean square', () => {
    const pairs = [
      [0, 0],
      [100, 0],
      [100, 100],
      [0, 100]
    ].map(([x, y]) => ({ local: [x, y] as [number, number], target: [x + 1000, y + 2000] as [number, number] }));
    pairs[2].target = [1100 + 4, 2100];
    const fit = fitSimilarity(pairs);
    expect(fit.rmsM).toBeGreaterThan(1);
    expect(fit.rmsM).toBeCloseTo(Math.sqrt(fit.residuals.reduce((s, r) => s + r * r, 0) / 4), 12);
  });
  it('refuse fewer than two points or collinear duplicates', () => {
    expect(() => fitSimilarity([{ local: [0, 0], target: [0, 0] }])).toThrow('at least 2 control points');
    expect(() =>
      fitSimilarity([
        { local: [5, 5], target: [1, 1] },
        { local: [5, 5], target: [1, 1] }
      ])
    ).toThrow('degenerate');
  });
  it('least squares: the exact solution of a square system, the best fit of an overdetermined one', () => {
    expect(
      leastSquares(
        [
          [2, 1],
          [1, 3]
        ],
        [5, 10]
      ).map((v) => Math.round(v * 1e9) / 1e9)
    ).toEqual([1, 3]);
    // a pivot is needed: the first column starts with 0
    expect(
      leastSquares(
        [
          [0, 1],
          [1, 0]
        ],
        [2, 3]
      ).map((v) => Math.round(v * 1e9) / 1e9)
    ).toEqual([3, 2]);
    // y = 2x + 1 through (0,1), (1,3), (2,5) and a noisy (3, 7.3): slope and intercept of the regression
    const [m, c] = leastSquares(
      [
        [0, 1],
        [1, 1],
        [2, 1],
        [3, 1]
      ],
      [1, 3, 5, 7.3]
    );
    expect(m).toBeCloseTo(2.09, 9);
    expect(c).toBeCloseTo(0.94, 9);
  });
});

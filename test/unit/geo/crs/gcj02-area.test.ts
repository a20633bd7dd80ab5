// GCJ-02 / BD-09 against the published vectors of the reference implementation (wandergis/coordtransform
// README: Tiananmen, 116.404 E 39.915 N), and parcel areas in the area plane (EPSG:4549) on squares whose
// true size is known: a square of 100 m in the plane, taken to lon/lat and measured back.
import { describe, expect, it } from 'vitest';
import type { Position } from 'geojson';
import {
  bd09ToGcj02,
  bd09ToWgs84,
  gcj02ToBd09,
  gcj02ToWgs84,
  outOfChina,
  wgs84ToBd09,
  wgs84ToGcj02
} from '../../../../src/lib/geo/crs/gcj02.ts';
import { AREA_PLANE, areaM2, M2_PER_MU, polygonMeasures, projectRing, toMu } from '../../../../src/lib/geo/area.ts';
import { planeConverter } from '../../../../src/lib/geo/crs/transform.ts';

const P: [number, number] = [116.404, 39.915];

describe('GCJ-02 and BD-09 (published vectors)', () => {
  it('WGS84 → GCJ-02', () => {
    const [lon, lat] = wgs84ToGcj02(P);
    expect(lon).toBeCloseTo(116.41024449916938, 11);
    expect(lat).toBeCloseTo(39.91640428150164, 11);
  });
  it('GCJ-02 → BD-09 and back', () => {
    const [lon, lat] = gcj02ToBd09(P);
    expect(lon).toBeCloseTo(116.41036949371029, 11);
    expect(lat).toBeCloseTo(39.92133699351021, 11);
    const [blon, blat] = bd09ToGcj02(P);
    expect(blon).toBeCloseTo(116.39762729119315, 11);
    expect(blat).toBeCloseTo(39.90865673957631, 11);
  });
  it('the inverse is exact to the iteration tolerance (1e-8°), in Shanghai too', () => {
    for (const p of [P, [121.4737, 31.2304] as [number, number], [121.9, 30.9] as [number, number]]) {
      const back = gcj02ToWgs84(wgs84ToGcj02(p));
      expect(Math.abs(back[0] - p[0])).toBeLessThan(1e-8);
      expect(Math.abs(back[1] - p[1])).toBeLessThan(1e-8);
      const viaBaidu = bd09ToWgs84(wgs84ToBd09(p));
      // BD-09's published inverse is itself approximate: within 2e-6° (about 20 cm)
      expect(Math.abs(viaBaidu[0] - p[0])).toBeLessThan(2e-6);
      expect(Math.abs(viaBaidu[1] - p[1])).toBeLessThan(2e-6);
    }
  });
  it('the offset is a few hundred metres in Shanghai, and nothing outside China', () => {
    const sh: [number, number] = [121.4737, 31.2304];
    const g = wgs84ToGcj02(sh);
    const dx = (g[0] - sh[0]) * 111320 * Math.cos((31.23 * Math.PI) / 180);
    const dy = (g[1] - sh[1]) * 110570;
    expect(Math.hypot(dx, dy)).toBeGreaterThan(100);
    expect(Math.hypot(dx, dy)).toBeLessThan(1000);
    for (const p of [
      [-0.1246, 51.5007],
      [139.7, 35.7],
      [72.0, 30],
      [100, 0.8],
      [100, 55.9]
    ] as [number, number][]) {
      expect(outOfChina(p)).toBe(true);
      expect(wgs84ToGcj02(p)).toEqual(p);
      expect(gcj02ToWgs84(p)).toEqual(p);
    }
    for (const p of [
      [72.01, 30],
      [137.83, 40],
      [100, 0.83],
      [100, 55.82]
    ] as [number, number][])
      expect(outOfChina(p)).toBe(false);
  });
});

describe('parcel area in the area plane (EPSG:4549)', () => {
  const plane = planeConverter(AREA_PLANE);
  /** A square of `s` metres at (x, y) in EPSG:4549, as EPSG:4490 lon/lat, counter-clockwise and closed. */
  const square = (x: number, y: number, s: number): Position[] =>
    [
      [x, y],
      [x + s, y],
      [x + s, y + s],
      [x, y + s],
      [x, y]
    ].map((p) => plane.inverse(p) as Position);
  const X = 600_000,
    Y = 3_456_000; // near 121.05 E 31.2 N (central meridian 120 E, false easting 500 km)

  it('projects lon/lat to the plane and back', () => {
    const ring = projectRing(square(X, Y, 100));
    expect(ring[2][0]).toBeCloseTo(X + 100, 6);
    expect(ring[2][1]).toBeCloseTo(Y + 100, 6);
  });

  it('a 100 m square measures 10 000 m² and 400 m, whichever way it is drawn', () => {
    const m = polygonMeasures([square(X, Y, 100)]);
    expect(m.areaM2).toBeCloseTo(10_000, 2);
    expect(m.perimeterM).toBeCloseTo(400, 6);
    expect(polygonMeasures([square(X, Y, 100).reverse()]).areaM2).toBeCloseTo(10_000, 2);
  });

  it('holes are subtracted (whatever their orientation); their edges count in the perimeter', () => {
    const m = polygonMeasures([square(X, Y, 100), square(X + 10, Y + 10, 20)]);
    expect(m.areaM2).toBeCloseTo(10_000 - 400, 2);
    expect(m.perimeterM).toBeCloseTo(480, 6);
    expect(polygonMeasures([square(X, Y, 100), square(X + 10, Y + 10, 20).reverse()]).areaM2).toBeCloseTo(9_600, 2);
  });

  it('a MultiPolygon is the sum of its parts', () => {
    expect(areaM2({ type: 'Polygon', coordinates: [square(X, Y, 100)] })).toBeCloseTo(10_000, 2);
    expect(
      areaM2({
        type: 'MultiPolygon',
        coordinates: [[square(X, Y, 100)], [square(X + 500, Y, 50), square(X + 510, Y + 10, 10)]]
      })
    ).toBeCloseTo(10_000 + 2_500 - 100, 2);
  });

  it('1 公顷 = 15 亩', () => {
    expect(M2_PER_MU * 15).toBeCloseTo(10_000, 9);
    expect(toMu(10_000)).toBeCloseTo(15, 12);
  });
});

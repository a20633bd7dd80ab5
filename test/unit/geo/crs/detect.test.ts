import { describe, expect, it } from 'vitest';
import proj4 from 'proj4';
import { detectCrs, wgs84ToGcj02 } from '../../../../src/lib/geo/crs.ts';

type XY = [number, number];
const WGS84 = '+proj=longlat +datum=WGS84 +no_defs';
const tm = (lon0: number, x0: number) =>
  `+proj=tmerc +lat_0=0 +lon_0=${lon0} +k=1 +x_0=${x0} +y_0=0 +ellps=GRS80 +units=m`;
/** A small parcel (≈ 100 m) around a lon/lat, written with `def`. */
const parcel = (ll: XY, def: string): XY[] =>
  (
    [
      [0, 0],
      [0.001, 0],
      [0.001, 0.001],
      [0, 0.001]
    ] as XY[]
  ).map(([dx, dy]) => proj4(WGS84, def, [ll[0] + dx, ll[1] + dy]) as XY);
const swap = (pts: XY[]) => pts.map(([x, y]): XY => [y, x]);

describe('detectCrs', () => {
  it('lon/lat in Shanghai → EPSG:4490 with EPSG:4326 as the alternative, never GCJ-02', () => {
    const d = detectCrs(parcel([121.47, 31.23], WGS84))!;
    expect(d.crs.code).toBe('EPSG:4490');
    expect(d.rule).toBe('lonlat-in-shanghai');
    expect(d.alternatives.map((a) => a.code)).toContain('EPSG:4326');
    expect(d.alternatives.map((a) => a.code)).not.toContain('GCJ-02');
  });

  it('GCJ-02-offset lon/lat is still reported as plain lon/lat (the offset is never guessed)', () => {
    const d = detectCrs(parcel([121.47, 31.23], WGS84).map((p) => wgs84ToGcj02(p)))!;
    expect(d.crs.code).toBe('EPSG:4490');
  });

  it('lat/lon order is detected as swapped', () => {
    const d = detectCrs(swap(parcel([121.47, 31.23], WGS84)))!;
    expect(d.crs.code).toBe('EPSG:4490');
    expect(d.swapped).toBe(true);
    expect(d.rule).toContain('swapped');
  });

  it('40xxxxxx eastings → EPSG:4528 (Beijing 54 / Xian 80 same zone listed, lower confidence)', () => {
    const d = detectCrs(parcel([121.2, 31.0], tm(120, 40500000)))!;
    expect(d.crs.code).toBe('EPSG:4528');
    expect(d.rule).toBe('gk3-zone-prefix');
    expect(d.swapped).toBe(false);
    const alt = d.alternatives.map((a) => a.code);
    expect(alt).toEqual(expect.arrayContaining(['EPSG:2416', 'EPSG:2364']));
    expect(d.alternatives.every((a) => a.confidence < d.confidence)).toBe(true);
  });

  it('41xxxxxx eastings → EPSG:4529', () => {
    expect(detectCrs(parcel([121.8, 31.2], tm(123, 41500000)))!.crs.code).toBe('EPSG:4529');
  });

  it('northing in the X slot (surveyors\u2019 X/Y) → EPSG:4528 swapped, lower confidence', () => {
    const d = detectCrs(swap(parcel([121.2, 31.0], tm(120, 40500000))))!;
    expect(d.crs.code).toBe('EPSG:4528');
    expect(d.swapped).toBe(true);
    expect(d.confidence).toBeLessThan(0.85);
  });

  it('no prefix: 4549 vs 4550 decided by which puts the parcel in Shanghai', () => {
    const west = parcel([121.2, 31.0], tm(120, 500000));
    const east = parcel([121.8, 31.3], tm(123, 500000));
    expect(west[0][0]).toBeGreaterThan(500000); // east of CM 120
    expect(east[0][0]).toBeLessThan(500000); // west of CM 123
    expect(detectCrs(west)!.crs.code).toBe('EPSG:4549');
    expect(detectCrs(east)!.crs.code).toBe('EPSG:4550');
    expect(detectCrs(west)!.alternatives.map((a) => a.code)).not.toContain('EPSG:4550');
  });

  it('Web Mercator metres (~1.35e7, 3.6e6) → EPSG:3857', () => {
    const pts = parcel(
      [121.47, 31.23],
      '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null'
    );
    expect(pts[0][0]).toBeGreaterThan(1.3e7);
    expect(detectCrs(pts)!.crs.code).toBe('EPSG:3857');
  });

  it('small local values → 上海2000 (approximate) with low confidence', () => {
    const d = detectCrs([
      [1200, -3400],
      [1300, -3400],
      [1300, -3300],
      [1200, -3300]
    ])!;
    expect(d.crs.code).toBe('SH2000');
    expect(d.confidence).toBeLessThan(0.5);
    expect(d.crs.approximate?.en).toMatch(/approximat/);
    expect(d.alternatives.map((a) => a.code)).toContain('SHCITY');
  });

  it('millimetre drawing of a zone-40 parcel → EPSG:4528 at 0.001 m/unit', () => {
    const mm = parcel([121.2, 31.0], tm(120, 40500000)).map(([x, y]): XY => [x * 1000, y * 1000]);
    const d = detectCrs(mm)!;
    expect(d.crs.code).toBe('EPSG:4528');
    expect(d.unitsToMetres).toBe(0.001);
    expect(d.rule).toContain('units-mm');
  });

  it('coordinates of another country → no detection', () => {
    expect(
      detectCrs([
        [530000, 180000],
        [530100, 180000],
        [530100, 180100]
      ])
    ).toBeUndefined();
    expect(
      detectCrs([
        [-0.12, 51.5],
        [-0.11, 51.5],
        [-0.11, 51.51]
      ])
    ).toBeUndefined();
  });
});

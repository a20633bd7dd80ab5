import { describe, expect, it } from 'vitest';
import proj4 from 'proj4';
import {
  applyHelmert,
  applySimilarity,
  bd09ToWgs84,
  fitHelmert7,
  fitSimilarity,
  gcj02ToWgs84,
  geodeticToGeocentric,
  wgs84ToBd09,
  wgs84ToGcj02
} from '../../../../src/lib/geo/crs.ts';
import { processReadResult } from '../../../../src/lib/geo/ingest.ts';
import { metresBetween } from './helpers.ts';

type XY = [number, number];

describe('4-parameter similarity from control points', () => {
  // A known transform: scale 1.000025, rotation 0.35°, shift onto EPSG:4549 northings/eastings.
  const truth = { scale: 1.000025, rot: (0.35 * Math.PI) / 180, tx: 647_300.25, ty: 3_457_120.5 };
  const fwd = ([x, y]: XY): XY => {
    const a = truth.scale * Math.cos(truth.rot),
      b = truth.scale * Math.sin(truth.rot);
    return [a * x - b * y + truth.tx, b * x + a * y + truth.ty];
  };
  const locals: XY[] = [
    [-12000, 3000],
    [8000, -15000],
    [20000, 9000],
    [-5000, -7000],
    [1500, 22000]
  ];

  it('recovers scale, rotation and shift with residual ~0', () => {
    const fit = fitSimilarity(locals.map((l) => ({ local: l, target: fwd(l) })));
    expect(fit.scale).toBeCloseTo(truth.scale, 9);
    expect(fit.rotationDeg).toBeCloseTo(0.35, 8);
    expect(fit.rmsM).toBeLessThan(1e-6);
    const p = applySimilarity(fit, [100, 200]);
    const q = fwd([100, 200]);
    expect(Math.hypot(p[0] - q[0], p[1] - q[1])).toBeLessThan(1e-6);
  });

  it('reports the noise as RMS when the control points are noisy', () => {
    const noise = [0.02, -0.03, 0.01, 0.03, -0.02];
    const fit = fitSimilarity(
      locals.map((l, i) => ({ local: l, target: [fwd(l)[0] + noise[i], fwd(l)[1] - noise[i]] as XY }))
    );
    expect(fit.rmsM).toBeGreaterThan(0.005);
    expect(fit.rmsM).toBeLessThan(0.05);
  });

  it('a fitted local grid is usable by ingest: a parcel lands where the control points say', () => {
    const fit = fitSimilarity(locals.map((l) => ({ local: l, target: fwd(l) })));
    const ring: XY[] = [
      [0, 0],
      [200, 0],
      [200, 150],
      [0, 150],
      [0, 0]
    ];
    const r = processReadResult(
      {
        format: 'dxf',
        features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } }],
        decisions: [],
        warnings: []
      },
      {
        crs: 'city-grid',
        localSystems: [{ id: 'city-grid', name: { zh: '测试', en: 'test' }, similarity: fit, plane: 'EPSG:4549' }]
      }
    );
    const expected = proj4(
      '+proj=tmerc +lat_0=0 +lon_0=120 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m',
      'WGS84',
      fwd([0, 0])
    ) as XY;
    const out = (r.features[0].geometry.coordinates as XY[][])[0];
    expect(Math.min(...out.map((o) => metresBetween(o, expected)))).toBeLessThan(0.01);
    expect(r.source.crs).toBe('LOCAL:city-grid');
    // 200 × 150 local metres scaled by 1.000025 and measured in EPSG:4549
    expect(Math.abs(r.features[0].areaM2 - 30000 * truth.scale ** 2)).toBeLessThan(0.1);
  });
});

describe('7-parameter Helmert', () => {
  it('recovers known +towgs84 parameters from geocentric control points', () => {
    const truth: [number, number, number, number, number, number, number] = [15.8, -154.4, -82.3, 0.6, -0.35, 1.2, 2.5];
    const src = (
      [
        [121.1, 30.9, 10],
        [121.9, 31.1, 5],
        [121.4, 31.7, 20],
        [121.6, 31.3, 0]
      ] as [number, number, number][]
    ).map((p) => geodeticToGeocentric(p, 6378245, 298.3));
    const fit = fitHelmert7(src.map((s) => ({ source: s, target: applyHelmert(truth, s) })));
    fit.towgs84.forEach((v, i) => expect(v).toBeCloseTo(truth[i], 3));
    expect(fit.rmsM).toBeLessThan(0.001);
  });

  // IOGP Geomatics Guidance Note 7-2, Position Vector transformation (EPSG method 9606), worked example
  // WGS 72 → WGS 84: tX = tY = 0, tZ = +4.5 m, rX = rY = 0, rZ = +0.554″, dS = +0.219 ppm;
  // (3 657 660.66, 255 768.55, 5 201 382.11) → (3 657 660.78, 255 778.43, 5 201 387.75).
  const GN72: [number, number, number, number, number, number, number] = [0, 0, 4.5, 0, 0, 0.554, 0.219];
  const GN72_SOURCE: [number, number, number] = [3657660.66, 255768.55, 5201382.11];
  const GN72_TARGET: [number, number, number] = [3657660.78, 255778.43, 5201387.75];

  it('applies the published GN 7-2 parameters to the published point (within the published 1 cm)', () => {
    applyHelmert(GN72, GN72_SOURCE).forEach((v, i) => expect(Math.abs(v - GN72_TARGET[i])).toBeLessThan(0.01));
  });

  it('fits the published GN 7-2 parameters back from points moved by the formula as GN 7-2 writes it', () => {
    // The matrix form of GN 7-2 (small-angle position vector), written out here independently of applyHelmert.
    const sec = Math.PI / 648000;
    const [, , tz, , , rzSec, ppm] = GN72;
    const rz = rzSec * sec,
      m = 1 + ppm * 1e-6;
    const gn = ([x, y, z]: [number, number, number]): [number, number, number] => [
      m * (x - rz * y),
      m * (rz * x + y),
      m * z + tz
    ];
    gn(GN72_SOURCE).forEach((v, i) => expect(Math.abs(v - GN72_TARGET[i])).toBeLessThan(0.01));
    const src = (
      [
        [0, 0, 0],
        [90, 30, 100],
        [-120, -45, 50],
        [10, 60, 0],
        [170, 5, 2000]
      ] as [number, number, number][]
    ).map(
      (p) => geodeticToGeocentric(p, 6378135, 298.26) // WGS 72 ellipsoid
    );
    const fit = fitHelmert7([
      { source: GN72_SOURCE, target: gn(GN72_SOURCE) },
      ...src.map((s) => ({ source: s, target: gn(s) }))
    ]);
    fit.towgs84.forEach((v, i) => expect(v).toBeCloseTo(GN72[i], 3));
    expect(fit.rmsM).toBeLessThan(0.001);
  });
});

describe('GCJ-02 / BD-09', () => {
  const p: XY = [121.4737, 31.2304];
  it('the GCJ-02 offset in Shanghai is hundreds of metres, and the inverse round-trips within 1 cm', () => {
    const g = wgs84ToGcj02(p);
    const off = metresBetween(g, p);
    expect(off).toBeGreaterThan(100);
    expect(off).toBeLessThan(1000);
    expect(metresBetween(gcj02ToWgs84(g), p)).toBeLessThan(0.01);
  });
  it('BD-09 round-trips within a metre', () => {
    expect(metresBetween(bd09ToWgs84(wgs84ToBd09(p)), p)).toBeLessThan(1);
  });
  it('ingest with --crs GCJ-02 converts the data back to WGS84/CGCS2000', () => {
    const ring = (
      [
        [0, 0],
        [0.002, 0],
        [0.002, 0.0015],
        [0, 0.0015],
        [0, 0]
      ] as XY[]
    ).map(([dx, dy]) => wgs84ToGcj02([p[0] + dx, p[1] + dy]));
    const r = processReadResult(
      {
        format: 'geojson',
        features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } }],
        decisions: [],
        warnings: []
      },
      { crs: 'GCJ-02' }
    );
    const out = (r.features[0].geometry.coordinates as XY[][])[0];
    expect(Math.min(...out.map((o) => metresBetween(o, p)))).toBeLessThan(0.05);
    expect(r.source.crs).toBe('GCJ-02');
  });
});

// A 200 m × 150 m ground square written in each CRS must come back at the right place (< 0.5 m) with the
// right area (< 0.1 %). Expected positions come from proj4 with definitions written here from the EPSG
// parameters (not from the app's registry), anchored by PostGIS's published ST_Transform value.
import { describe, expect, it } from 'vitest';
import proj4 from 'proj4';
import { processReadResult } from '../../../../src/lib/geo/ingest.ts';
import type { ReadResult } from '../../../../src/lib/geo/types.ts';
import { metresBetween } from './helpers.ts';

type XY = [number, number];
const WGS84 = '+proj=longlat +datum=WGS84 +no_defs';
const DEFS: Record<string, string> = {
  'EPSG:4326': WGS84,
  'EPSG:4490': '+proj=longlat +ellps=GRS80 +no_defs',
  'EPSG:4528': '+proj=tmerc +lat_0=0 +lon_0=120 +k=1 +x_0=40500000 +y_0=0 +ellps=GRS80 +units=m +no_defs',
  'EPSG:4529': '+proj=tmerc +lat_0=0 +lon_0=123 +k=1 +x_0=41500000 +y_0=0 +ellps=GRS80 +units=m +no_defs',
  'EPSG:4549': '+proj=tmerc +lat_0=0 +lon_0=120 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs',
  'EPSG:4550': '+proj=tmerc +lat_0=0 +lon_0=123 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs',
  'EPSG:3857':
    '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs',
  // DOMAIN.md's approximate 上海2000坐标系
  SH2000:
    '+proj=tmerc +lat_0=0 +lon_0=121.4644444444 +k=1.0000025616 +x_0=-238.173 +y_0=-3457068.779 +ellps=GRS80 +units=m'
};

/** Corners (lon/lat) of a true-ground 200 × 150 m square with its SW corner at `sw`, via a local TM. */
function groundSquare(sw: XY): XY[] {
  const local = `+proj=tmerc +lat_0=${sw[1]} +lon_0=${sw[0]} +k=1 +x_0=0 +y_0=0 +ellps=GRS80 +units=m`;
  return (
    [
      [0, 0],
      [200, 0],
      [200, 150],
      [0, 150]
    ] as XY[]
  ).map((p) => proj4(local, WGS84, p) as XY);
}

function readResult(ring: XY[]): ReadResult {
  return {
    format: 'dxf',
    features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]]] } }],
    decisions: [],
    warnings: []
  };
}

const PLACES: Record<string, XY> = { '松江 Songjiang': [121.22, 31.03], '浦东 Pudong': [121.55, 31.22] };

describe('PostGIS anchor', () => {
  it('121.5E 31.2N → EPSG:4528 matches ST_Transform (40642964.1598, 3454118.1322) within 1 mm', () => {
    const [x, y] = proj4(WGS84, DEFS['EPSG:4528'], [121.5, 31.2]);
    expect(Math.abs(x - 40642964.1598)).toBeLessThan(0.001);
    expect(Math.abs(y - 3454118.1322)).toBeLessThan(0.001);
  });
  it("上海2000 (0,0) is DOMAIN.md's origin 121°28′01″E 31°14′07″N within 0.5 m", () => {
    const ll = proj4(DEFS.SH2000, WGS84, [0, 0]) as XY;
    expect(metresBetween(ll, [121 + 28 / 60 + 1 / 3600, 31 + 14 / 60 + 7 / 3600])).toBeLessThan(0.5);
  });
});

describe.each(Object.entries(PLACES))('square at %s', (_place, sw) => {
  const corners = groundSquare(sw);
  it.each(Object.keys(DEFS))('%s: detected, placed within 0.5 m, area within 0.1 percent', (code) => {
    const ring = corners.map((c) => proj4(WGS84, DEFS[code], c) as XY);
    // Zone 40 / 41 only exist on their own side of 121.5°E in practice, but the math works on both.
    const user =
      code === 'EPSG:4490' || code === 'EPSG:4326' || code === 'EPSG:4549' || code === 'EPSG:4550' ? code : undefined;
    const r = processReadResult(readResult(ring), { crs: code === 'SH2000' ? 'SH2000' : user });
    const f = r.features[0];
    expect(f.valid).toBe(true);
    expect(Math.abs(f.areaM2 - 30000) / 30000).toBeLessThan(0.001);
    const out = (f.geometry.type === 'Polygon' ? f.geometry.coordinates[0] : []) as XY[];
    for (const c of corners) {
      const nearest = Math.min(...out.map((o) => metresBetween(o, c)));
      expect(nearest).toBeLessThan(0.5);
    }
    expect(f.sourceGeometry).toEqual(readResult(ring).features[0].geometry);
  });

  it.each(['EPSG:4528', 'EPSG:4529', 'EPSG:3857'])('%s is detected without a hint', (code) => {
    const ring = corners.map((c) => proj4(WGS84, DEFS[code], c) as XY);
    const r = processReadResult(readResult(ring));
    expect(r.source.crs).toBe(code);
    expect(r.source.crsDetected).toBe(true);
    expect(Math.abs(r.features[0].areaM2 - 30000) / 30000).toBeLessThan(0.001);
  });
});

describe('area in 亩', () => {
  it('30 000 m² is 45 亩 (1 亩 = 10000/15 m²)', () => {
    const ring = groundSquare([121.22, 31.03]).map((c) => proj4(WGS84, DEFS['EPSG:4549'], c) as XY);
    const r = processReadResult(readResult(ring), { crs: 'EPSG:4549' });
    expect(r.features[0].areaMu).toBeCloseTo(45, 1);
  });
});

// Every sample layer parses, is valid RFC 7946 GeoJSON in EPSG:4490 lon/lat, and says it is schematic.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { DIR, FILES, load, polygonsOf } from './helpers.ts';

describe.each(FILES)('%s.geojson', (name) => {
  it('is a FeatureCollection labelled as schematic sample data at the top and on every feature', () => {
    const fc = load(name);
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.length).toBeGreaterThan(0);
    expect(fc.properties?.sample).toBe(true);
    expect(String(fc.properties?.notice_zh)).toContain('示意数据，非官方数据');
    expect(String(fc.properties?.notice_en)).toContain('schematic sample, not official data');
    for (const f of fc.features) {
      expect(f.type).toBe('Feature');
      expect(f.properties.sample).toBe(true);
    }
  });

  it('has only valid polygons: closed rings of ≥4 positions, no self-intersection, CCW outer / CW holes', () => {
    for (const f of load(name).features) {
      expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
      for (const rings of polygonsOf(f)) {
        rings.forEach((ring, i) => {
          expect(ring.length).toBeGreaterThanOrEqual(4);
          expect(ring[0]).toEqual(ring[ring.length - 1]);
          // RFC 7946 §3.1.6: exterior rings counterclockwise, holes clockwise.
          expect(turf.booleanClockwise(ring)).toBe(i > 0);
        });
      }
      expect(
        turf.kinks(f as never).features,
        `${String(f.properties.code ?? f.properties.id)} self-intersects`
      ).toHaveLength(0);
      expect(turf.booleanValid(f), `${String(f.properties.code ?? f.properties.id)} invalid`).toBe(true);
    }
  });

  it('uses lon/lat inside the Shanghai region, rounded to at most 6 decimals', () => {
    for (const f of load(name).features) {
      for (const rings of polygonsOf(f))
        for (const ring of rings)
          for (const [lon, lat] of ring) {
            expect(lon).toBeGreaterThan(120.7);
            expect(lon).toBeLessThan(122.3);
            expect(lat).toBeGreaterThan(30.5);
            expect(lat).toBeLessThan(32.0);
            expect(Math.abs(lon * 1e6 - Math.round(lon * 1e6))).toBeLessThan(1e-3);
            expect(Math.abs(lat * 1e6 - Math.round(lat * 1e6))).toBeLessThan(1e-3);
          }
    }
  });
});

describe('README', () => {
  it('documents the schematic nature, the generator and the one-step replacement', () => {
    const readme = readFileSync(join(DIR, 'README.md'), 'utf8');
    expect(readme).toContain('示意数据，非官方数据');
    expect(readme).toContain('npx tsx scripts/sample-layers/generate.ts');
    expect(readme).toContain('npx zeroland layers import');
    for (const name of FILES) expect(readme).toContain(`${name}.geojson`);
  });
});

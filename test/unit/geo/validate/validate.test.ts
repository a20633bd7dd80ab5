// Validation and repair on EPSG:4490 geometry built around a point in 松江 from metre offsets.
import { describe, expect, it } from 'vitest';
import proj4 from 'proj4';
import type { Polygon } from 'geojson';
import { validateGeometry } from '../../../../src/lib/geo/validate.ts';

type XY = [number, number];
const ORIGIN: XY = [121.22, 31.03];
const LOCAL = `+proj=tmerc +lat_0=${ORIGIN[1]} +lon_0=${ORIGIN[0]} +k=1 +x_0=0 +y_0=0 +ellps=GRS80 +units=m`;
/** Metre offsets east/north of ORIGIN → lon/lat. */
const ll = (p: XY): XY => proj4(LOCAL, 'WGS84', p) as XY;
const poly = (...rings: XY[][]): Polygon => ({ type: 'Polygon', coordinates: rings.map((r) => r.map(ll)) });
const toM = (p: number[]): XY => proj4('WGS84', LOCAL, [p[0], p[1]]) as XY;
const codes = (ms: { code: string }[]) => ms.map((m) => m.code);

describe('validateGeometry', () => {
  it('a clean square needs no repair and measures 30 000 m² (±0.1 %)', () => {
    const v = validateGeometry(
      poly([
        [0, 0],
        [200, 0],
        [200, 150],
        [0, 150],
        [0, 0]
      ])
    );
    expect(v.valid).toBe(true);
    expect(v.repairs).toEqual([]);
    expect(v.flags).toEqual([]);
    expect(Math.abs(v.areaM2 - 30000) / 30000).toBeLessThan(0.001);
  });

  it('a bow-tie is split into two triangles, the crossing reported at its lon/lat', () => {
    // (0,0)→(100,100)→(100,0)→(0,100): the edges cross at (50,50); each triangle is 100·50/2 = 2500 m².
    const v = validateGeometry(
      poly([
        [0, 0],
        [100, 100],
        [100, 0],
        [0, 100],
        [0, 0]
      ])
    );
    expect(v.valid).toBe(true);
    expect(v.geometry.type).toBe('MultiPolygon');
    expect(v.geometry.coordinates).toHaveLength(2);
    const cross = v.repairs.find((m) => m.code === 'self-intersection')!;
    expect(cross).toBeDefined();
    const at = toM(cross.at!);
    expect(Math.hypot(at[0] - 50, at[1] - 50)).toBeLessThan(0.05);
    expect(codes(v.repairs)).toContain('polygon-split');
    expect(Math.abs(v.areaM2 - 5000) / 5000).toBeLessThan(0.001);
  });

  it('a figure-eight whose lobes differ keeps both lobes', () => {
    // Lobes: 200×100 (east-north) and 50×50 (west-south) meeting at (0,0) by a crossing edge pair.
    const v = validateGeometry(
      poly([
        [-50, -50],
        [0, -50],
        [0, 100],
        [200, 100],
        [200, 0],
        [-50, 0],
        [-50, -50]
      ])
    );
    expect(v.valid).toBe(true);
    expect(Math.abs(v.areaM2 - (200 * 100 + 50 * 50)) / 22500).toBeLessThan(0.001);
  });

  it('repeated consecutive vertices are removed, each reported', () => {
    const v = validateGeometry(
      poly([
        [0, 0],
        [200, 0],
        [200, 0],
        [200, 150],
        [0, 150],
        [0, 150],
        [0, 0]
      ])
    );
    expect(codes(v.repairs).filter((c) => c === 'duplicate-vertex-removed')).toHaveLength(2);
    expect((v.geometry as Polygon).coordinates[0]).toHaveLength(5);
  });

  it('an unclosed ring is closed with a note', () => {
    const v = validateGeometry(
      poly([
        [0, 0],
        [200, 0],
        [200, 150],
        [0, 150]
      ])
    );
    expect(codes(v.repairs)).toContain('ring-closed');
    const r = (v.geometry as Polygon).coordinates[0];
    expect(r[0]).toEqual(r[r.length - 1]);
    expect(v.valid).toBe(true);
  });

  it('fewer than 4 positions is an error, not a polygon', () => {
    const v = validateGeometry(
      poly([
        [0, 0],
        [200, 0],
        [0, 0]
      ])
    );
    expect(v.valid).toBe(false);
    expect(codes(v.errors)).toContain('ring-too-few-positions');
  });

  it('a clockwise outer ring is turned counter-clockwise (RFC 7946) without calling it a repair', () => {
    const v = validateGeometry(
      poly([
        [0, 0],
        [0, 150],
        [200, 150],
        [200, 0],
        [0, 0]
      ])
    );
    // Normal for a Shapefile (outer rings clockwise by its spec): nothing for the clerk to worry about.
    expect(v.repairs).toEqual([]);
    expect(v.valid).toBe(true);
    const r = (v.geometry as Polygon).coordinates[0].map(toM);
    let s = 0;
    for (let i = 0; i < r.length - 1; i++) s += r[i][0] * r[i + 1][1] - r[i + 1][0] * r[i][1];
    expect(s).toBeGreaterThan(0);
  });

  it('a hole is subtracted; a hole outside its shell is dropped and reported', () => {
    const shell: XY[] = [
      [0, 0],
      [200, 0],
      [200, 150],
      [0, 150],
      [0, 0]
    ];
    const inside: XY[] = [
      [50, 50],
      [50, 100],
      [100, 100],
      [100, 50],
      [50, 50]
    ];
    const outside: XY[] = [
      [300, 0],
      [300, 50],
      [350, 50],
      [350, 0],
      [300, 0]
    ];
    const v = validateGeometry(poly(shell, inside));
    expect(Math.abs(v.areaM2 - 27500) / 27500).toBeLessThan(0.001);
    const w = validateGeometry(poly(shell, outside));
    expect(codes(w.repairs)).toContain('hole-outside-shell');
    expect(Math.abs(w.areaM2 - 30000) / 30000).toBeLessThan(0.001);
  });

  it('tiny (< 1 m²) and absurd (> 50 km²) areas are flagged as units/CRS errors', () => {
    const tiny = validateGeometry(
      poly([
        [0, 0],
        [0.5, 0],
        [0.5, 0.5],
        [0, 0.5],
        [0, 0]
      ])
    );
    expect(codes(tiny.flags)).toContain('area-tiny');
    expect(tiny.flags.find((f) => f.code === 'area-tiny')!.en).toMatch(/units\/CRS/);
    const huge = validateGeometry(
      poly([
        [0, 0],
        [10000, 0],
        [10000, 10000],
        [0, 10000],
        [0, 0]
      ])
    );
    expect(codes(huge.flags)).toContain('area-absurd');
  });

  it('a sliver (500 m × 0.5 m) and a spike are flagged with their location', () => {
    expect(
      codes(
        validateGeometry(
          poly([
            [0, 0],
            [500, 0],
            [500, 0.5],
            [0, 0.5],
            [0, 0]
          ])
        ).flags
      )
    ).toContain('sliver');
    // A 100 m spike out of the top edge, 0.5 m wide at its base.
    const v = validateGeometry(
      poly([
        [0, 0],
        [200, 0],
        [200, 150],
        [100.25, 150],
        [100, 250],
        [99.75, 150],
        [0, 150],
        [0, 0]
      ])
    );
    const spike = v.flags.find((f) => f.code === 'spike')!;
    expect(spike).toBeDefined();
    const at = toM(spike.at!);
    expect(Math.hypot(at[0] - 100, at[1] - 250)).toBeLessThan(0.05);
  });

  it('overlapping parts of a MultiPolygon are merged', () => {
    const a = poly([
      [0, 0],
      [100, 0],
      [100, 100],
      [0, 100],
      [0, 0]
    ]).coordinates;
    const b = poly([
      [50, 0],
      [150, 0],
      [150, 100],
      [50, 100],
      [50, 0]
    ]).coordinates;
    const v = validateGeometry({ type: 'MultiPolygon', coordinates: [a, b] });
    expect(codes(v.repairs)).toContain('parts-merged');
    expect(Math.abs(v.areaM2 - 15000) / 15000).toBeLessThan(0.001);
  });
});

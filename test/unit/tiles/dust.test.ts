// Tiny-polygon reduction: zones of a pixel or two become one square per two-pixel cell with their summed
// area and count; larger zones pass unchanged; zones whose centre lies in the buffer are left to the
// neighbouring tile; the z8 tile of a big layer stays small while the deepest zoom keeps every zone.
import { describe, expect, it } from 'vitest';
import { PIXEL, reduceTinyPolygons } from '../../../src/lib/server/tiles/dust.ts';
import type { TileFeature } from '../../../src/lib/server/tiles/mvt.ts';
import { buildPyramid, PYRAMID_MAX_ZOOM } from '../../../src/lib/server/tiles/pyramid.ts';
import { decodeTile } from '../../../src/lib/server/tiles/overzoom.ts';
import { farmlandPatches } from '../../../bench/tiles/farmland.ts';

const square = (id: number, x: number, y: number, side: number): TileFeature => ({
  id,
  polygons: [
    [
      [
        [x, y],
        [x + side, y],
        [x + side, y + side],
        [x, y + side]
      ]
    ]
  ],
  properties: { name: `zone ${id}` }
});

describe('reduceTinyPolygons', () => {
  it('keeps a zone wider than two pixels as it is, with its id and name', () => {
    const big = square(1, 100, 100, 2 * PIXEL + 1);
    expect(reduceTinyPolygons([big], 4096)).toEqual([big]);
  });

  it('gathers tiny zones of one cell into one square with their count and summed area', () => {
    // Three 3×3 zones inside the cell [0,16)×[0,16): 27 units² → a square of side √27 ≈ 5.2, no id or name.
    const out = reduceTinyPolygons([square(1, 1, 1, 3), square(2, 6, 6, 3), square(3, 10, 2, 3)], 4096);
    expect(out).toHaveLength(1);
    expect(out[0].id).toBeUndefined();
    expect(out[0].properties).toEqual({ dust: 3 });
    const ring = out[0].polygons[0][0];
    const side = Math.max(...ring.map((p) => p[0])) - Math.min(...ring.map((p) => p[0]));
    expect(side).toBeGreaterThanOrEqual(5);
    expect(side).toBeLessThanOrEqual(6);
  });

  it('draws a lone speck at least half a pixel wide, and one per cell', () => {
    const out = reduceTinyPolygons([square(1, 1, 1, 1), square(2, 40, 40, 1)], 4096);
    expect(out).toHaveLength(2);
    for (const f of out)
      expect(Math.max(...f.polygons[0][0].map((p) => p[0])) - Math.min(...f.polygons[0][0].map((p) => p[0]))).toBe(
        PIXEL / 2
      );
  });

  it('leaves a tiny zone in the buffer to the neighbouring tile', () => {
    expect(reduceTinyPolygons([square(1, -20, 100, 3), square(2, 4100, 100, 3)], 4096)).toEqual([]);
  });
});

describe('the pyramid of a 10,000-patch layer', () => {
  it('keeps low-zoom tiles under 256 KB and every patch whole at the deepest zoom', { timeout: 60_000 }, () => {
    const fc = farmlandPatches(10_000);
    const rows = fc.features.map((f, i) => ({
      id: i + 1,
      name: String(f.properties?.name),
      code: null,
      props: {},
      geojson: JSON.stringify(f.geometry)
    }));
    let largestLow = 0;
    const ids = new Set<number>();
    buildPyramid('basic_farmland', rows, (t) => {
      if (t.z < PYRAMID_MAX_ZOOM) largestLow = Math.max(largestLow, t.data.length);
      else for (const f of decodeTile(t.data)[0].features) ids.add(f.id!);
    });
    expect(largestLow).toBeLessThan(256 * 1024); // 637 KB at z8 before tiny zones were gathered
    expect(ids.size).toBe(10_000);
  });
});

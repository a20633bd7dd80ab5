// A declared CRS is checked on 64 positions spread over the file; they are picked without listing every position
// first, and must be the very positions the list would give.
import { describe, expect, it } from 'vitest';
import type { MultiPolygon, Polygon } from 'geojson';
import { allPositions, samplePositions } from '../../../../src/lib/geo/crs.ts';
import { samplePoints } from '../../../../src/lib/geo/crs/extent.ts';

const ring = (n: number, o: number) => Array.from({ length: n }, (_, i) => [o + i, o - i]);

describe('samplePositions', () => {
  it('picks what samplePoints(allPositions(…)) picks, the same arrays, for small and large inputs', () => {
    for (const sizes of [[4], [5, 7], [10, 20, 30], [64], [65], [100, 3, 250, 9], Array(500).fill(11)]) {
      const geoms: (Polygon | MultiPolygon)[] = sizes.map((n, i) =>
        i % 2
          ? { type: 'MultiPolygon', coordinates: [[ring(n, i)], [ring(3, -i)]] }
          : { type: 'Polygon', coordinates: [ring(n, i)] }
      );
      const want = samplePoints(allPositions(geoms), 64);
      const got = samplePositions(geoms, 64);
      expect(got.length).toBe(want.length);
      got.forEach((p, i) => expect(p).toBe(want[i]));
    }
  });

  it('reads no coordinates of a geometry that holds no sampled position when its reader gives the count', () => {
    const reads: number[] = [];
    const counted = (i: number, n: number): Polygon =>
      Object.defineProperty(
        {
          type: 'Polygon' as const,
          get coordinates() {
            reads.push(i);
            return [ring(n, i)];
          }
        },
        'positionCount',
        { value: n }
      );
    const sizes = Array(500).fill(11);
    const lazy = sizes.map((n, i) => counted(i, n));
    const plain: Polygon[] = sizes.map((n, i) => ({ type: 'Polygon', coordinates: [ring(n, i)] }));
    expect(samplePositions(lazy, 64)).toEqual(samplePositions(plain, 64));
    expect(reads.length).toBe(64); // 5,500 positions: 64 samples in 64 different geometries, only those read
  });
});

// Small polygons are first checked pair by pair for crossings; whatever that says must be what the sweep finds:
// random rings (crossing a lot), rings on a coarse grid (vertices touching edges, collinear overlaps), with holes.
import { describe, expect, it } from 'vitest';
import { findCrossings, sweepCrossings } from '../../../../src/lib/geo/validate/intersections.ts';
import type { XY } from '../../../../src/lib/geo/validate/rings.ts';

function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

function ring(rand: () => number, n: number, grid: boolean, convex: boolean): XY[] {
  const pts: XY[] = [];
  for (let i = 0; i < n; i++) {
    if (convex) {
      const t = (2 * Math.PI * i) / n;
      pts.push([121 + 0.001 * Math.cos(t), 31 + 0.001 * Math.sin(t)]);
    } else if (grid) pts.push([Math.floor(rand() * 4), Math.floor(rand() * 4)]);
    else pts.push([121 + rand() * 0.01, 31 + rand() * 0.01]);
  }
  pts.push(pts[0]);
  return pts;
}

describe('crossings of small polygons', () => {
  it('are those of the sweep, crossing or not', () => {
    const rand = rng(11);
    let none = 0;
    for (let k = 0; k < 3000; k++) {
      const grid = k % 3 === 0;
      const convex = k % 3 === 2;
      const rings = [ring(rand, 3 + Math.floor(rand() * 12), grid, convex)];
      if (k % 4 === 0) rings.push(ring(rand, 3 + Math.floor(rand() * 5), grid, false));
      const want = sweepCrossings(rings);
      expect(findCrossings(rings)).toEqual(want);
      if (!want.length) none++;
    }
    expect(none).toBeGreaterThan(500); // both answers were exercised
  });
});

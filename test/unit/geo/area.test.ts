// Areas must be the database's ST_Area(ST_Transform(geom, 4549)) to the bit. polygonMeasures sums each position
// as it is projected, without the projected ring: it must give the numbers of the projected ring's shoelace sum
// and length (signedArea, ringLength's hypot2 sum), in the same order, on any ring.
import { describe, expect, it } from 'vitest';
import type { Position } from 'geojson';
import { polygonMeasures, projectRing } from '../../../src/lib/geo/area.ts';
import { hypot2, signedArea } from '../../../src/lib/geo/planar.ts';

function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

/** The measures computed from the whole projected ring, as before. */
function reference(rings: Position[][]) {
  let area = 0;
  let perimeter = 0;
  rings.forEach((r, i) => {
    const p = projectRing(r);
    const a = Math.abs(signedArea(p));
    area += i === 0 ? a : -a;
    let length = 0;
    for (let k = 1; k < p.length; k++) length += hypot2(p[k][0] - p[k - 1][0], p[k][1] - p[k - 1][1]);
    perimeter += length;
  });
  return { areaM2: area, perimeterM: perimeter };
}

describe('polygonMeasures', () => {
  it('equals the projected ring’s area and perimeter bit for bit: closed, open, tiny, with holes, with a Z', () => {
    const rand = rng(11);
    const ring = (n: number, cx: number, cy: number, size: number, closed: boolean): Position[] => {
      const r = Array.from({ length: n }, (_, k) => {
        const t = (k / n) * 2 * Math.PI;
        const d = size * (0.5 + rand());
        return [cx + d * Math.cos(t), cy + d * Math.sin(t)];
      });
      return closed && n > 0 ? [...r, r[0]] : r;
    };
    let checked = 0;
    for (let i = 0; i < 2_000; i++) {
      const cx = 120.9 + rand() * 1.0,
        cy = 30.7 + rand() * 1.0;
      const n = [0, 1, 2, 3, 4, 5, 12, 60][i % 8];
      const rings = [ring(n, cx, cy, 0.002, i % 3 !== 0)];
      if (i % 4 === 0) rings.push(ring(6, cx, cy, 0.0005, true));
      if (i % 7 === 0) rings[0] = rings[0].map((p) => [p[0], p[1], 4.5]);
      const got = polygonMeasures(rings);
      const want = reference(rings);
      if (!Object.is(got.areaM2, want.areaM2) || !Object.is(got.perimeterM, want.perimeterM))
        expect({ i, got }).toEqual({ i, got: want });
      checked++;
    }
    expect(checked).toBe(2_000);
  });
});

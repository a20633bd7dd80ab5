// Bulge direction on a DXF kept in the repository (test/fixtures/cad/bulge-directions.dxf), so the rule is
// tested without the shared corpus. DXF Reference, LWPOLYLINE group 42: bulge = tan(θ/4), positive means
// the arc turns counter-clockwise from the vertex to the next one, negative clockwise.
// The fixture holds a 10 × 10 square twice: on layer CCW drawn counter-clockwise, the bottom edge bulges
// out (south) by a half circle (bulge 1) and the top edge dips in (south) by bulge −0.5; on layer CW the
// same outline is drawn clockwise, 100 m further east, so every bulge has the opposite sign.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDxf } from '../../../../src/lib/geo/formats/dxf.ts';
import { CHORD_TOLERANCE_M } from '../../../../src/lib/geo/cad/curves.ts';

const file = new Uint8Array(readFileSync(new URL('../../../fixtures/cad/bulge-directions.dxf', import.meta.url)));
// One layer is read per upload: the user picks it (or it is picked by name).
const read = (layer: string) => readDxf(file, { layer });

/** Circular segment of chord c and bulge b: θ = 4·atan|b|, r = c / (2 sin(θ/2)), area r²/2 (θ − sin θ). */
function segment(c: number, b: number) {
  const t = 4 * Math.atan(Math.abs(b));
  const r = c / (2 * Math.sin(t / 2));
  return { area: (r * r * (t - Math.sin(t))) / 2, sagitta: (c / 2) * Math.abs(b) };
}
const EXPECTED_AREA = 100 + segment(10, 1).area - segment(10, 0.5).area; // 100 + 12.5π − 17.47…

function outline(layer: string) {
  const r = read(layer);
  expect(r.sourceLayer).toBe(layer);
  expect(r.features).toHaveLength(1);
  const f = r.features[0];
  if (!f || f.geometry.type !== 'Polygon') throw new Error(`no polygon on layer ${layer}`);
  const ring = f.geometry.coordinates[0];
  let a = 0;
  for (let i = 0; i < ring.length - 1; i++) a += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  return { ring, area: Math.abs(a / 2), minX: Math.min(...xs), maxY: Math.max(...ys), minY: Math.min(...ys) };
}

describe('DXF bulge direction (fixture in the repo)', () => {
  it('lists both layers', () =>
    expect(
      read('CCW')
        .layers?.map((l) => l.name)
        .sort()
    ).toEqual(['CCW', 'CW']));

  for (const [layer, x0] of [
    ['CCW', 0],
    ['CW', 100]
  ] as const) {
    it(`${layer}: the positive-turning arc bulges out to the south by the radius, the other dips in`, () => {
      const o = outline(layer);
      // Half circle of radius 5 below the bottom edge. Densified arcs keep their area exact, so vertices may sit
      // up to the chord tolerance outside the true circle, never inside-out.
      expect(Math.abs(o.minY + 5)).toBeLessThanOrEqual(CHORD_TOLERANCE_M);
      expect(o.maxY).toBe(10); // nothing above the top edge: the top arc goes inward
      // The deepest point of the inward arc: the sagitta 2.5 m below the top edge, at the edge's middle.
      const dip = o.ring.filter((p) => Math.abs(p[0] - (x0 + 5)) < 0.5 && p[1] > 0).map((p) => p[1]);
      expect(Math.abs(Math.min(...dip) - (10 - segment(10, 0.5).sagitta))).toBeLessThanOrEqual(CHORD_TOLERANCE_M);
    });

    it(`${layer}: area is the square plus the outer segment minus the inner one`, () => {
      const perimeter = Math.PI * 5 + 6.25 * 4 * Math.atan(0.5);
      expect(Math.abs(outline(layer).area - EXPECTED_AREA)).toBeLessThanOrEqual(perimeter * CHORD_TOLERANCE_M);
    });
  }
});

// Reading budgets (issue #11.1/11.2) and area-exact curves (#15.4): hostile files are refused quickly with
// the limit stated, legal curves keep their analytic areas.
import { describe, expect, it } from 'vitest';
import { readBoundaryFiles } from '../../../src/lib/geo/formats/index.ts';
import { readDxf } from '../../../src/lib/geo/formats/dxf.ts';
import { ingestBoundary } from '../../../src/lib/geo/ingest.ts';
import { UploadBudget } from '../../../src/lib/geo/budget.ts';
import { type InputFile } from '../../../src/lib/geo/types.ts';
import { arc, circle, dxf, line, lwpolyline } from './cad/dxf-writer.ts';
import {
  deepKml,
  ellipseBomb,
  manyFeaturesGeoJson,
  minsertBomb,
  nestedInsertBomb,
  splineBomb,
  zipOfZips
} from '../../helpers/hostile-files.ts';
import { UserError } from '../../../src/lib/errors.ts';

const enc = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

async function refusal(files: InputFile[], budget = new UploadBudget()): Promise<{ e: UserError; ms: number }> {
  const t0 = performance.now();
  try {
    await readBoundaryFiles(files, { budget });
  } catch (e) {
    if (e instanceof UserError) return { e, ms: performance.now() - t0 };
    throw e;
  }
  throw new Error('expected a refusal');
}

function ringArea(r: number[][]): number {
  let s = 0;
  for (let i = 0; i < r.length - 1; i++) s += r[i][0] * r[i + 1][1] - r[i + 1][0] * r[i][1];
  return Math.abs(s / 2);
}

describe('budgets: hostile files are refused in well under a second, with the limit in both languages', () => {
  it('MINSERT 40,000 × 40,000 (a 210-byte file): block expansion budget, before the first copy', async () => {
    const { e, ms } = await refusal([{ name: 'minsert.dxf', bytes: minsertBomb() }]);
    expect(e).toBeInstanceOf(UserError);
    expect(e.code).toBe('limit-block-expansion');
    expect(e.zh).toMatch(/^图块嵌套展开超过 500,000 个实体/);
    expect(e.en).toMatch(/exceeds 500,000 entities/);
    expect(ms).toBeLessThan(1000);
  });

  it('8 levels × 10 nested INSERTs: the same budget, counted across nesting', async () => {
    const { e, ms } = await refusal([{ name: 'nested.dxf', bytes: nestedInsertBomb() }]);
    expect(e.code).toBe('limit-block-expansion');
    expect(ms).toBeLessThan(1000);
  });

  it('a degree-2000 SPLINE is refused (CAD allows degree ≤ 11)', async () => {
    const { e } = await refusal([{ name: 'spline.dxf', bytes: splineBomb() }]);
    expect(e.code).toBe('limit-spline-degree');
    expect(e.en).toMatch(/degree 2000, above the CAD maximum of 11/);
  });

  it('an ELLIPSE with end parameter 1e7 is one turn: read as a full ellipse of area πab', () => {
    const t0 = performance.now();
    const r = readDxf(ellipseBomb(), {});
    expect(performance.now() - t0).toBeLessThan(1000);
    const ring = (r.features[0].geometry.coordinates as number[][][])[0];
    expect(ring.length).toBeLessThan(5000);
    expect(ringArea(ring) / (Math.PI * 100 * 50) - 1).toBeCloseTo(0, 9);
  });

  it('KML nested 100,000 deep: nesting budget, not a stack overflow', async () => {
    const { e } = await refusal([{ name: 'deep.kml', bytes: deepKml() }]);
    expect(e.code).toBe('limit-depth');
    expect(e.zh).toMatch(/嵌套超过 64 层/);
  });

  it('GeoJSON GeometryCollections nested past the limit are refused', async () => {
    const depth = 200;
    const text = '{"type":"GeometryCollection","geometries":['.repeat(depth) + ']}'.repeat(depth);
    const { e } = await refusal([{ name: 'deep.geojson', bytes: enc(text) }]);
    expect(e.code).toBe('limit-depth');
  });

  it('a GeoJSON of a million features is refused by a byte scan, before parsing', async () => {
    const { e, ms } = await refusal([{ name: 'many.geojson', bytes: manyFeaturesGeoJson(1_000_000) }]);
    expect(e.code).toBe('limit-features');
    expect(e.en).toMatch(/more than 200,000 features/);
    expect(ms).toBeLessThan(5000);
  });

  // (Budgets scaled down to 30 MB here to keep the test fast; the HTTP test sends the 200 MB case.)
  it('a zip of zips shares one expansion budget: the second inner zip is refused, never more than the budget inflated', async () => {
    const budget = new UploadBudget({ unzippedBytes: 30 * 1024 * 1024 });
    const { e } = await refusal([{ name: 'zips.zip', bytes: zipOfZips(4, 20) }], budget);
    expect(e).toBeInstanceOf(UserError);
    expect(e.code).toBe('zip-too-large');
    expect(e.en).toMatch(/left of the upload's/);
    expect(budget.unzipped).toBeLessThanOrEqual(30 * 1024 * 1024);
  });

  it('several files of one upload share the budget too', async () => {
    const budget = new UploadBudget({ unzippedBytes: 30 * 1024 * 1024 });
    const z = zipOfZips(1, 20); // one inner zip of 20 MB
    const { e } = await refusal(
      [
        { name: 'a.zip', bytes: z },
        { name: 'b.zip', bytes: z }
      ],
      budget
    );
    expect(e.code).toBe('zip-too-large');
    expect(budget.unzipped).toBeLessThanOrEqual(30 * 1024 * 1024);
  });

  it('the vertex budget covers densified curves: a tight budget refuses many circles', async () => {
    const circles = Array.from({ length: 50 }, (_, i) => circle('C', [i * 300, 0], 100));
    const { e } = await refusal(
      [{ name: 'c.dxf', bytes: enc(dxf({ entities: circles })) }],
      new UploadBudget({ vertices: 5000 })
    );
    expect(e.code).toBe('limit-vertices');
    expect(e.zh).toMatch(/顶点超过 5,000 个/);
  });
});

describe('curves keep their analytic area (issue #15: a 60 m circle read 0.11 % small)', () => {
  const rel = (a: number, exact: number) => Math.abs(a / exact - 1);

  it('a 60 m CIRCLE: within 0.01 % of πr² (in fact to rounding), also through reprojection and the area plane', async () => {
    const r = readDxf(enc(dxf({ entities: [circle('红线', [500100, 3450100], 60)] })), {});
    const ring = (r.features[0].geometry.coordinates as number[][][])[0];
    expect(rel(ringArea(ring), Math.PI * 3600)).toBeLessThan(1e-6); // shoelace rounding at 3.45e6 m coordinates
    // End to end: EPSG:4549 in, EPSG:4549 is also the area plane, so the measured area is the drawn one.
    const res = await ingestBoundary(
      [{ name: 'c.dxf', bytes: enc(dxf({ entities: [circle('红线', [630100, 3450100], 60)] })) }],
      { crs: 'EPSG:4549' }
    );
    expect(rel(res.features[0].areaM2, Math.PI * 3600)).toBeLessThan(1e-4);
  });

  it('circles from 0.5 m to 5 km: every one within 0.01 %', () => {
    for (const rad of [0.5, 3, 60, 250, 5000]) {
      const r = readDxf(enc(dxf({ entities: [circle('0', [0, 0], rad)] })), {});
      expect(rel(ringArea((r.features[0].geometry.coordinates as number[][][])[0]), Math.PI * rad * rad)).toBeLessThan(
        1e-4
      );
    }
  });

  it('an ARC closed by a line (half disc) and a bulge arc: analytic areas within 0.01 %', () => {
    const half = readDxf(enc(dxf({ entities: [arc('A', [0, 0], 60, 0, 180), line('A', [-60, 0], [60, 0])] })), {});
    expect(
      rel(ringArea((half.features[0].geometry.coordinates as number[][][])[0]), (Math.PI * 3600) / 2)
    ).toBeLessThan(1e-4);
    // A quarter-turn bulge (θ = 90°, bulge = tan 22.5°) from (0,0) to (100,0), counter-clockwise about the
    // centre (50, 50): it dips below the 100 × 50 rectangle above it, adding one circular segment.
    const b = Math.tan(Math.PI / 8);
    const d = readDxf(
      enc(
        dxf({
          entities: [
            lwpolyline(
              'B',
              [
                [0, 0, b],
                [100, 0],
                [100, 50],
                [0, 50]
              ],
              true
            )
          ]
        })
      ),
      {}
    );
    const rad = 50 / Math.sin(Math.PI / 4);
    const segment = ((rad * rad) / 2) * (Math.PI / 2 - 1);
    expect(rel(ringArea((d.features[0].geometry.coordinates as number[][][])[0]), 5000 + segment)).toBeLessThan(1e-4);
  });
});

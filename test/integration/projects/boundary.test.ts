// Boundary upload on a project: real ingest (in-process and in the worker thread), stored file,
// current parcel, classification and authority in one transaction; bad files refused with reasons.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { Db } from '../../../src/lib/server/db/index.ts';
import { attachBoundary } from '../../../src/lib/server/projects/boundary.service.ts';
import { createProject, getFileForDownload, getProject } from '../../../src/lib/server/projects/projects.service.ts';
import { runIngest, OFFLOAD_BYTES } from '../../../src/lib/server/projects/ingest-runner.ts';
import { blobPath, sha256Hex } from '../../../src/lib/server/storage/storage.ts';
import { objectStore } from '../../../src/lib/server/storage/object-store.ts';
import { dxf, line, lwpolyline } from '../../unit/geo/cad/dxf-writer.ts';
import { getDb, user } from '../workflow/harness.ts';
import { UserError } from '../../../src/lib/errors.ts';

let db: Db;
beforeAll(async () => {
  db = await getDb();
});

// A 100 m × 80 m rectangle in CGCS2000 / 3° Gauss-Krüger CM 120°E (EPSG:4549) metres, in Pudong:
// its area on that plane is exactly 8000 m², which is how the platform measures areas.
const X0 = 652_000;
const Y0 = 3_453_000;
const RECT: [number, number][] = [
  [X0, Y0],
  [X0 + 100, Y0],
  [X0 + 100, Y0 + 80],
  [X0, Y0 + 80]
];
const enc = (s: string) => new TextEncoder().encode(s);
const geojson4549 = () =>
  enc(
    JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[...RECT, RECT[0]]] } }]
    })
  );

/** A DXF of the rectangle on 红线 plus `padLines` unrelated LINEs on another layer (to make it big). */
function bigDxf(padLines: number): Uint8Array {
  const pad: string[] = [];
  for (let i = 0; i < padLines; i++)
    pad.push(line('DIM', [X0 - 500 + (i % 300), Y0 - 500], [X0 - 500 + (i % 300), Y0 - 400]));
  return enc(dxf({ layers: ['红线', 'DIM'], entities: [lwpolyline('红线', RECT, true), ...pad] }));
}

async function refusal(p: Promise<unknown>): Promise<UserError> {
  const e = await p.then(
    () => null,
    (x) => x
  );
  if (!(e instanceof UserError)) throw new Error(`expected UserError, got ${String(e)}`);
  return e;
}

describe('attachBoundary', () => {
  it('stores a GeoJSON parcel with its area, source CRS, file and classification', async () => {
    const ent = await user(db, 'enterprise');
    const { id } = await createProject(db, ent, { form: { authorityCode: 'pudong' } });
    const r = await attachBoundary(db, ent, id, [{ name: '四至.geojson', bytes: geojson4549() }], { crs: 'EPSG:4549' });
    expect(r.parcel.areaM2).toBeCloseTo(8000, 0);
    expect(r.parcel.sourceCrs).toBe('EPSG:4549');
    expect(r.version).toBe(1);
    const p = await getProject(db, ent, id);
    expect(p.parcel?.areaM2).toBeCloseTo(8000, 0);
    expect(p.parcel?.geometry.type).toBe('MultiPolygon');
    const [lon, lat] = p.parcel!.geometry.coordinates[0][0][0];
    expect(lon).toBeGreaterThan(121.5);
    expect(lon).toBeLessThan(121.7);
    expect(lat).toBeGreaterThan(31.1);
    expect(lat).toBeLessThan(31.3);
    // The classification stored by the classifier is what the project shows, and it set the land type.
    expect((p.classification as { landType: string }).landType).toBe(r.classification.landType);
    expect(p.landType).toBe(r.classification.landType);
    expect(p.files.boundary?.map((f) => f.name)).toEqual(['四至.geojson']);
    expect(p.events.at(-1)!.action).toBe('attach_boundary');
    // Content-addressed storage: the download returns the same bytes.
    const dl = await getFileForDownload(db, ent, p.files.boundary![0].id);
    expect(Buffer.from(dl.bytes).equals(Buffer.from(geojson4549()))).toBe(true);
    expect((await readFile(blobPath(dl.sha256))).byteLength).toBe(dl.bytes.byteLength);
  });

  it('replacing the boundary keeps one current parcel', async () => {
    const ent = await user(db, 'enterprise');
    const { id } = await createProject(db, ent, {});
    await attachBoundary(db, ent, id, [{ name: 'a.geojson', bytes: geojson4549() }], { crs: 'EPSG:4549' });
    const big = bigDxf(0);
    const r = await attachBoundary(db, ent, id, [{ name: 'b.dxf', bytes: big }], { crs: 'EPSG:4549' });
    expect(r.parcel.areaM2).toBeCloseTo(8000, 0);
    const n = await db.query<{ n: number }>(
      'select count(*)::int as n from parcels where project_id = $1 and is_current',
      [id]
    );
    expect(n.rows[0].n).toBe(1);
    expect((await getProject(db, ent, id)).parcel?.sourceName).toBe('b.dxf');
  });

  it("a bad file is refused with the reader's reason and changes nothing", async () => {
    const ent = await user(db, 'enterprise');
    const { id } = await createProject(db, ent, {});
    const bad = enc(`{"type": "FeatureCollection", "features": [ /* ${Date.now()} */`);
    const e = await refusal(attachBoundary(db, ent, id, [{ name: 'x.geojson', bytes: bad }]));
    expect(e.status).toBe(400);
    expect(e.text.zh.length).toBeGreaterThan(4);
    const p = await getProject(db, ent, id);
    expect(p.parcel).toBeNull();
    expect(p.version).toBe(0);
    // Nothing kept either: a refused file is not stored (hostile uploads must not fill the disk or database).
    expect(await objectStore().get(`files/${sha256Hex(bad)}`)).toBeNull();
  });

  it('someone else cannot attach a boundary (404), and a submitted application cannot be changed (409)', async () => {
    const ent = await user(db, 'enterprise');
    const other = await user(db, 'enterprise');
    const { id } = await createProject(db, ent, {});
    expect(
      (
        await refusal(
          attachBoundary(db, other, id, [{ name: 'a.geojson', bytes: geojson4549() }], { crs: 'EPSG:4549' })
        )
      ).status
    ).toBe(404);
    await db.query(`update projects set stage = 'submitted' where id = $1`, [id]);
    expect(
      (await refusal(attachBoundary(db, ent, id, [{ name: 'a.geojson', bytes: geojson4549() }], { crs: 'EPSG:4549' })))
        .status
    ).toBe(409);
  });
});

describe('ingest off the event loop', () => {
  it('a big DXF is parsed in a worker thread, with the same answer as in-process, while timers keep firing', async () => {
    const bytes = bigDxf(60_000);
    expect(bytes.byteLength).toBeGreaterThan(OFFLOAD_BYTES);
    const inline = await runIngest([{ name: 'big.dxf', bytes }], { crs: 'EPSG:4549' }, 'inline');
    // Count event-loop ticks while the worker parses: a blocked loop would not tick.
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const inWorker = await runIngest([{ name: 'big.dxf', bytes }], { crs: 'EPSG:4549' });
    clearInterval(timer);
    expect(inWorker.inWorker).toBe(true);
    expect(inWorker.result.features[0].areaM2).toBe(inline.result.features[0].areaM2);
    expect(inWorker.result.features[0].areaM2).toBeCloseTo(8000, 0);
    expect(ticks).toBeGreaterThan(inWorker.ms / 10 / 4);
    console.log(
      `big DXF ${(bytes.byteLength / 1048576).toFixed(1)} MB: inline ${inline.ms.toFixed(0)} ms, worker ${inWorker.ms.toFixed(0)} ms, ${ticks} timer ticks during the worker run`
    );
  });
});

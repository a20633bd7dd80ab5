// Exports of recognised parcels re-imported with the project's own readers (ingestBoundary): same areas.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { getDb, type Db } from '../../../src/lib/server/db/index.ts';
import { ingestBoundary } from '../../../src/lib/geo/ingest.ts';
import { exportRecognised } from '../../../src/lib/server/export/exports.service.ts';
import { supervisionFeatures } from '../../../src/lib/server/supervision/supervision.service.ts';
import { installWorld, ll, rect, WORLD } from '../classification/fixture.ts';
import { makeFixtureProject, sessionUser } from '../documents/fixture.ts';
import { uniqueName } from '../../helpers/fixtures.ts';

describe('exports of recognised parcels', () => {
  let db: Db;
  let restore: () => Promise<unknown>;
  beforeAll(async () => {
    db = await getDb();
    restore = (await installWorld(db, WORLD, 'export-test')).restore;
  });
  afterAll(async () => restore?.());

  it('GeoJSON, zipped Shapefile (.prj, .cpg) and KML read back with the same areas and Chinese names', async () => {
    const tag = uniqueName('导出');
    // A square and a square with a hole (the hole must survive every format).
    const withHole = {
      type: 'Polygon' as const,
      coordinates: [
        rect(4300, 4300, 4500, 4500).coordinates[0],
        [ll(4350, 4350), ll(4350, 4400), ll(4400, 4400), ll(4400, 4350), ll(4350, 4350)]
      ]
    };
    const ids = [];
    for (const [i, g] of [rect(4000, 4000, 4100, 4150), withHole].entries()) {
      const p = await makeFixtureProject(db, {
        stage: 'tracking',
        authority: 'minhang',
        title: `${tag}-${i}号地块`,
        geometry: g,
        events: [
          { action: 'recognise', at: '2025-10-14T10:00:00+08:00' },
          ...(i === 1
            ? [
                {
                  action: 'record_milestone',
                  at: '2025-11-01T10:00:00+08:00',
                  payload: { milestone: 'eia_filed', date: '2025-10-31' }
                }
              ]
            : [])
        ]
      });
      ids.push(p.id);
    }
    await makeFixtureProject(db, {
      stage: 'joint_review',
      authority: 'minhang',
      title: `${tag}-未认定`,
      geometry: rect(4600, 4600, 4700, 4700)
    });
    const planner = await sessionUser(db, 'city_planning');
    const mine = (await supervisionFeatures(db, planner, { authority: 'minhang' })).filter((f) =>
      f.properties.title.startsWith(tag)
    );
    expect(mine.map((f) => f.properties.title).sort()).toEqual([`${tag}-0号地块`, `${tag}-1号地块`]); // the unrecognised one is not exported
    expect(mine.find((f) => f.properties.title.endsWith('1号地块'))!.properties.status).toBe('eia');
    const areaOf = new Map(mine.map((f) => [f.properties.code, f.properties.areaM2]));
    expect([...areaOf.values()].every((a) => a > 10_000)).toBe(true);

    // Against PostGIS's area: the pipeline measures in its own code (proj4 → EPSG:4549), which agrees to a few
    // parts per million (0.07 m² on 2 ha). Between the formats the areas must be identical: same coordinates.
    const pipelineAreas: Record<string, Map<string, number>> = {};
    const check = async (files: { name: string; bytes: Uint8Array }[], label: string) => {
      const r = await ingestBoundary(files);
      pipelineAreas[label] = new Map(r.features.map((f) => [String(f.properties.CODE ?? ''), f.areaM2]));
      expect(r.errors, label).toEqual([]);
      // KML is WGS84 by definition (OGC 07-147r2 §6.2); the reader says so, and the frames agree to < 1 m here.
      expect(r.source.crs, label).toBe(label === 'kml' ? 'EPSG:4326' : 'EPSG:4490');
      let matched = 0;
      for (const f of r.features) {
        const code = String(f.properties.CODE ?? '');
        if (!areaOf.has(code)) continue;
        matched++;
        expect(Math.abs(f.areaM2 - areaOf.get(code)!) / areaOf.get(code)!, `${label} ${code}`).toBeLessThan(1e-5);
        expect(String(f.properties.NAME)).toMatch(new RegExp(`^${tag}-\\d号地块$`));
      }
      expect(matched, label).toBe(2);
    };

    const gj = await exportRecognised(db, planner, 'geojson', { authority: 'minhang' });
    await check([{ name: gj.name, bytes: gj.bytes }], 'geojson');

    const shp = await exportRecognised(db, planner, 'shp', { authority: 'minhang' });
    const entries = unzipSync(shp.bytes);
    const names = Object.keys(entries)
      .map((n) => n.split('.').pop())
      .sort();
    expect(names).toEqual(['cpg', 'dbf', 'prj', 'shp', 'shx']);
    expect(strFromU8(entries[Object.keys(entries).find((n) => n.endsWith('.cpg'))!])).toBe('UTF-8');
    expect(strFromU8(entries[Object.keys(entries).find((n) => n.endsWith('.prj'))!])).toContain('China_2000');
    await check([{ name: shp.name, bytes: shp.bytes }], 'shapefile');

    const kml = await exportRecognised(db, planner, 'kml', { authority: 'minhang' });
    await check([{ name: kml.name, bytes: kml.bytes }], 'kml');

    for (const label of ['shapefile', 'kml']) {
      for (const code of areaOf.keys())
        expect(pipelineAreas[label].get(code), `${label} ${code}`).toBeCloseTo(pipelineAreas.geojson.get(code)!, 6);
    }

    await expect(exportRecognised(db, planner, 'dwg')).rejects.toMatchObject({ status: 400 });
    await expect(exportRecognised(db, await sessionUser(db, 'enterprise'), 'geojson')).rejects.toMatchObject({
      status: 403
    });
  });
});

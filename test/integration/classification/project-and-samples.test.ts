// classifyProject stores its result and the land type; the seeded sample layers give the demo parcels the
// results their generator computed (seed/sample-layers/sample-parcels.geojson `expected`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { getDb, type Db } from '../../../src/lib/server/db/index.ts';
import { classifyGeometry, classifyProject } from '../../../src/lib/server/classification/classify.ts';
import { SAMPLE_LAYERS_DIR } from '../../../src/lib/server/seed/seed.ts';
import { createProjectAt } from '../../helpers/projects.ts';
import { makeUser } from '../../helpers/fixtures.ts';
import { installWorld, makeProjectWithParcel, rect, WORLD } from './fixture.ts';

let db: Db;
beforeAll(async () => {
  db = await getDb();
});

describe('classifyProject', () => {
  let world: Awaited<ReturnType<typeof installWorld>>;
  beforeAll(async () => {
    world = await installWorld(db, WORLD, 'hand-built-project');
  });
  afterAll(async () => world?.restore());

  it('classifies the current parcel, stores the result with the versions used, and sets the land type', async () => {
    const id = await makeProjectWithParcel(db, rect(3400, 1400, 3500, 1500));
    const c = await db.transaction((tx) => classifyProject(tx, id));
    expect(c.landType).toBe('reserve');
    const p = await db.query<{ land_type: string }>('select land_type from projects where id = $1', [id]);
    expect(p.rows[0].land_type).toBe('reserve');
    const stored = await db.query<{
      land_type: string;
      result: { rule: string };
      layer_versions: { kind: string; versionId: number }[];
    }>('select land_type, result, layer_versions from classifications where project_id = $1', [id]);
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0].result.rule).toBe('reserve_overlap');
    expect(stored.rows[0].layer_versions.find((v) => v.kind === 'strategic_reserve')?.versionId).toBe(
      world.ids.strategic_reserve
    );
  });

  it('stores nothing when the caller rolls back', async () => {
    const id = await makeProjectWithParcel(db, rect(500, 4000, 600, 4100));
    await expect(
      db.transaction(async (tx) => {
        await classifyProject(tx, id);
        throw new Error('caller failed');
      })
    ).rejects.toThrow('caller failed');
    const n = await db.query<{ n: number }>('select count(*)::int n from classifications where project_id = $1', [id]);
    expect(n.rows[0].n).toBe(0);
  });

  it('a project without a parcel: a user-facing error', async () => {
    const u = await makeUser(db, 'enterprise');
    const owner = {
      id: u.id,
      username: u.username,
      displayName: u.username,
      role: u.role,
      authorityCode: null,
      department: null,
      enterpriseName: null
    };
    const { id } = await createProjectAt(db, owner, { authority: 'minhang' });
    await expect(classifyProject(db, id)).rejects.toMatchObject({ code: 'no-parcel' });
  });
});

describe('the demo parcels against the seeded sample layers', () => {
  let world: Awaited<ReturnType<typeof installWorld>>;
  beforeAll(async () => {
    const files = (await readdir(SAMPLE_LAYERS_DIR)).filter(
      (f) => f.endsWith('.geojson') && f !== 'sample-parcels.geojson'
    );
    const layers: Record<string, never[]> = {};
    for (const f of files)
      layers[f.replace('.geojson', '')] = JSON.parse(await readFile(path.join(SAMPLE_LAYERS_DIR, f), 'utf8')).features;
    world = await installWorld(db, layers, 'sample-for-test');
  });
  afterAll(async () => world?.restore());

  it("every parcel gets the generator's land type, Lingang flag, straddle flag, conflicts and district", async () => {
    const fc = JSON.parse(await readFile(path.join(SAMPLE_LAYERS_DIR, 'sample-parcels.geojson'), 'utf8'));
    expect(fc.features).toHaveLength(12);
    for (const f of fc.features) {
      const e = f.properties.expected;
      const c = await classifyGeometry(db, f.geometry);
      const got = {
        id: f.properties.id,
        landType: c.landType,
        lingang: c.lingang,
        straddles: c.straddles,
        conflicts: [...new Set(c.conflicts.map((x) => x.kind))],
        district: c.district[0]?.code
      };
      expect(got).toEqual({
        id: f.properties.id,
        landType: e.landType,
        lingang: e.lingang,
        straddles: e.straddles ?? false,
        conflicts: e.conflicts ?? [],
        district: f.properties.district
      });
      expect(c.authorityCode).toBe(e.lingang ? 'lingang' : f.properties.district);
    }
  });
});

// Stored pyramids held in memory (tiles/resident.ts): a version's tiles served from memory are the bytes the
// database lookups give, need no query, and the memory budget (TILE_MEMORY_MB) is kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { getDb, type Db, type Queryable } from '../../../src/lib/server/db/index.ts';
import { importLayer } from '../../../src/lib/server/layers/layers.admin.ts';
import { SAMPLE_LAYERS_DIR } from '../../../src/lib/server/seed/seed.ts';
import { forgetTiles, renderTile, tileBody } from '../../../src/lib/server/tiles/tiles.service.ts';
import { makeResident, residentStats } from '../../../src/lib/server/tiles/resident.ts';
import { pyramidSize } from '../../../src/lib/server/tiles/tiles.repository.ts';
import { countingDb, tileOf } from '../../helpers/tiles.ts';

let db: Db;
const staged: Record<string, number> = {};

async function stage(kind: string, file: string) {
  const bytes = await readFile(path.join(SAMPLE_LAYERS_DIR, file));
  const r = await importLayer(db, { kind, files: [{ name: file, bytes }], importedBy: 'tester' });
  return r.version.id;
}

beforeAll(async () => {
  db = await getDb();
  // Staged, not made current: other test files see the current versions they expect.
  staged.district = await stage('district', 'district.geojson');
  staged.lingang = await stage('lingang', 'lingang.geojson');
});
afterAll(() => {
  delete process.env.TILE_MEMORY_MB;
  forgetTiles();
});

// People's Square, Minhang and the East China Sea (outside every district) from z8 to z16, over-zoomed past z14.
const TILES = [8, 10, 12, 14, 15, 16].flatMap((z) => [
  tileOf(121.475, 31.232, z),
  tileOf(121.38, 31.11, z),
  tileOf(123.5, 30.0, z)
]);

const districtTiles = (q: Queryable) =>
  Promise.all(TILES.map(async (t) => renderTile(q, { kind: 'district', ...t, versionId: staged.district })));

describe('stored pyramids in memory', () => {
  it('serve the same bytes as the database lookups, and after the version is known, without a query', async () => {
    process.env.TILE_MEMORY_MB = '0'; // nothing fits: every tile is read from the database
    forgetTiles();
    const fromDb = await districtTiles(db);
    expect(residentStats().versions).not.toContain(staged.district);

    delete process.env.TILE_MEMORY_MB;
    forgetTiles();
    await makeResident(db, staged.district);
    expect(residentStats().versions).toContain(staged.district);
    const c = countingDb(db);
    await renderTile(c.db, { kind: 'district', ...TILES[0], versionId: staged.district }); // learns the version
    const before = c.queries;
    const fromMemory = await districtTiles(c.db);
    expect(c.queries - before).toBe(0);

    const bytes = (r: Awaited<ReturnType<typeof renderTile>>) => (r.status === 'ok' ? Buffer.from(tileBody(r)) : null);
    expect(fromMemory.map(bytes)).toEqual(fromDb.map(bytes));
    // Land and sea: the districts over People's Square, nothing over the sea, at every zoom.
    const sizes = fromMemory.map((r) => bytes(r)!.length);
    expect(sizes.filter((_, i) => i % 3 === 0).every((n) => n > 0)).toBe(true);
    expect(sizes.filter((_, i) => i % 3 === 2).every((n) => n === 0)).toBe(true);
  });

  it('keep to TILE_MEMORY_MB: with room for one version, loading another drops the least recently used', async () => {
    const a = (await pyramidSize(db, staged.district))!.bytes;
    const b = (await pyramidSize(db, staged.lingang))!.bytes;
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    process.env.TILE_MEMORY_MB = String((Math.max(a, b) + Math.min(a, b) / 2) / 1024 / 1024);
    forgetTiles();
    await makeResident(db, staged.district);
    await makeResident(db, staged.lingang);
    expect(residentStats().versions).toEqual([staged.lingang]);
    expect(residentStats().bytes).toBe(b);

    process.env.TILE_MEMORY_MB = String(Math.min(a, b) / 2 / 1024 / 1024); // smaller than either pyramid
    forgetTiles();
    await makeResident(db, staged.district);
    expect(residentStats()).toMatchObject({ versions: [], bytes: 0 });
    // Still served, from the database.
    const r = await renderTile(db, { kind: 'district', ...TILES[0], versionId: staged.district });
    expect(r.status === 'ok' && tileBody(r).length).toBeGreaterThan(0);
  });
});

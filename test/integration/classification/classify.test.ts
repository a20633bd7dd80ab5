// Classification against hand-built layers with known answers (see fixture.ts for the map, in metres).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { getDb, type Db } from '../../../src/lib/server/db/index.ts';
import { classifyGeometry } from '../../../src/lib/server/classification/classify.ts';
import { installWorld, ll, rect, ring, WORLD } from './fixture.ts';

let db: Db;
let world: Awaited<ReturnType<typeof installWorld>>;

beforeAll(async () => {
  db = await getDb();
  world = await installWorld(db, WORLD, 'hand-built');
});
afterAll(async () => world?.restore());

const PARCEL_M2 = 100 * 100;
const classify = (g: Polygon, tolerances?: { sliverMinM2?: number; sliverMinShare?: number }) =>
  classifyGeometry(db, g, { tolerances });
const shareOf = (c: Awaited<ReturnType<typeof classify>>, kind: string) =>
  c.zones.filter((z) => z.kind === kind).reduce((s, z) => s + z.share, 0);

describe('a parcel wholly inside one zone', () => {
  it('inside an industrial block: not in scope, decided by the block majority', async () => {
    const c = await classify(rect(1400, 1400, 1500, 1500));
    expect(c.landType).toBe('industrial_block');
    expect(c.rule).toBe('industrial_block_majority');
    expect(c.straddles).toBe(false);
    expect(c.zones.find((z) => z.kind === 'industrial_block')).toMatchObject({ name: '测试产业区块', code: 'IB-T1' });
    expect(shareOf(c, 'industrial_block')).toBeCloseTo(1, 6);
    expect(c.authorityCode).toBe('minhang');
  });

  it('inside a strategic reserve', async () => {
    const c = await classify(rect(3400, 1400, 3500, 1500));
    expect([c.landType, c.rule, c.straddles]).toEqual(['reserve', 'reserve_overlap', false]);
    expect(shareOf(c, 'strategic_reserve')).toBeCloseTo(1, 6);
  });

  it('inside the development boundary, away from blocks and reserves', async () => {
    const c = await classify(rect(500, 4000, 600, 4100));
    expect([c.landType, c.rule, c.straddles]).toEqual(['inside_boundary', 'boundary_majority', false]);
    expect(c.zones.map((z) => z.kind)).toEqual(['development_boundary']);
    expect(c.conflicts).toEqual([]);
    // Area measured in EPSG:4549: the grid is built from an approximate metres-per-degree, so allow 0.5%.
    expect(c.areaM2).toBeGreaterThan(PARCEL_M2 * 0.995);
    expect(c.areaM2).toBeLessThan(PARCEL_M2 * 1.005);
  });

  it('outside the boundary', async () => {
    const c = await classify(rect(7000, 5000, 7100, 5100));
    expect([c.landType, c.rule]).toEqual(['outside_boundary', 'outside_boundary']);
    expect(c.zones).toEqual([]);
    expect(c.district).toMatchObject([{ code: 'songjiang', share: 1 }]);
    expect([c.lingang, c.authorityCode]).toEqual([false, 'songjiang']);
  });

  it('on basic farmland: a conflict with its area', async () => {
    const c = await classify(rect(7200, 7200, 7300, 7300));
    expect(c.landType).toBe('outside_boundary');
    expect(c.conflicts).toHaveLength(1);
    expect(c.conflicts[0]).toMatchObject({ kind: 'basic_farmland', name: '测试基本农田' });
    expect(c.conflicts[0].areaM2).toBeCloseTo(c.areaM2, 1);
  });

  it('inside Lingang, on the ecological red line: the Lingang committee is the authority', async () => {
    const c = await classify(rect(8600, 8600, 8700, 8700));
    expect(c.lingang).toBe(true);
    expect(c.lingangShare).toBeCloseTo(1, 6);
    expect(c.authorityCode).toBe('lingang');
    expect(c.district[0].code).toBe('songjiang');
    expect(c.conflicts.map((x) => x.kind)).toEqual(['eco_redline']);
  });

  it('constraint layers are listed with their kind', async () => {
    const c = await classify(rect(20, 9020, 80, 9080));
    expect(c.zones.map((z) => z.kind)).toEqual(['central_city']);
  });
});

describe('straddling', () => {
  it('across the boundary edge 60/40: inside by majority, straddles, shares sum to 100%', async () => {
    const c = await classify(rect(5940, 3000, 6040, 3100));
    expect([c.landType, c.rule, c.straddles]).toEqual(['inside_boundary', 'boundary_majority', true]);
    expect(c.classShares.inside_boundary).toBeCloseTo(0.6, 3);
    expect(c.classShares.outside_boundary).toBeCloseTo(0.4, 3);
    const sum = Object.values(c.classShares).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 4);
  });

  it('across two districts 30/70: both listed, the larger one is the authority', async () => {
    const c = await classify(rect(4970, 3000, 5070, 3100));
    expect(c.district.map((d) => d.code)).toEqual(['songjiang', 'minhang']);
    expect(c.district[0].share).toBeCloseTo(0.7, 3);
    expect(c.district[1].share).toBeCloseTo(0.3, 3);
    expect(c.district[0].share + c.district[1].share).toBeCloseTo(1, 4);
    expect(c.authorityCode).toBe('songjiang');
  });

  it('half in a reserve: reserve wins over the boundary majority and is flagged as straddling', async () => {
    const c = await classify(rect(3950, 1400, 4050, 1500));
    expect([c.landType, c.rule, c.straddles]).toEqual(['reserve', 'reserve_overlap', true]);
    expect(c.classShares.reserve).toBeCloseTo(0.5, 3);
    expect(c.classShares.inside_boundary).toBeCloseTo(0.5, 3);
  });

  it('30% in an industrial block is not a majority: inside the boundary, straddles', async () => {
    const c = await classify(rect(1970, 1400, 2070, 1500));
    expect([c.landType, c.straddles]).toEqual(['inside_boundary', true]);
    expect(c.classShares.industrial_block).toBeCloseTo(0.3, 3);
  });

  it('70% in an industrial block is a majority: not in scope', async () => {
    const c = await classify(rect(1930, 1400, 2030, 1500));
    expect([c.landType, c.straddles]).toEqual(['industrial_block', true]);
  });
});

describe('edges, slivers and holes', () => {
  it('touching a block along an edge only: no overlap and no sliver', async () => {
    const c = await classify(rect(2000, 1400, 2100, 1500));
    expect(c.zones.map((z) => z.kind)).toEqual(['development_boundary']);
    expect(c.ignoredSlivers).toBe(0);
    expect(c.straddles).toBe(false);
  });

  it('a 0.5 m² overlap is below the 1 m² tolerance: ignored and counted', async () => {
    const c = await classify(rect(1999.995, 1400, 2099.995, 1500));
    expect(c.zones.map((z) => z.kind)).toEqual(['development_boundary']);
    expect(c.ignoredSlivers).toBe(1);
    expect(c.landType).toBe('inside_boundary');
  });

  it('a 5 m² overlap is above 1 m² but below 0.1% of the parcel: ignored; with the share test off it counts', async () => {
    const g = rect(1999.95, 1400, 2099.95, 1500);
    const c = await classify(g);
    expect(c.ignoredSlivers).toBe(1);
    expect(c.zones.some((z) => z.kind === 'industrial_block')).toBe(false);
    const strict = await classify(g, { sliverMinShare: 0 });
    expect(strict.ignoredSlivers).toBe(0);
    const block = strict.zones.find((z) => z.kind === 'industrial_block')!;
    expect(block.areaM2).toBeGreaterThan(4.5);
    expect(block.areaM2).toBeLessThan(5.5);
    expect(strict.straddles).toBe(true);
    expect(strict.tolerances).toEqual({ sliverMinM2: 1, sliverMinShare: 0 });
  });

  it('a parcel with a hole around the farmland patch has no conflict; its area excludes the hole', async () => {
    const holed: Polygon = {
      type: 'Polygon',
      coordinates: [ring(6800, 6800, 7800, 7800), ring(6950, 6950, 7550, 7550).reverse()]
    };
    const c = await classify(holed);
    expect(c.conflicts).toEqual([]);
    expect(c.areaM2 / (1000 * 1000 - 600 * 600)).toBeCloseTo(1, 2);
    // The same outline without the hole does conflict: the hole is what keeps the farmland out.
    const filled = await classify({ type: 'Polygon', coordinates: [ring(6800, 6800, 7800, 7800)] });
    expect(filled.conflicts.map((x) => x.kind)).toEqual(['basic_farmland']);
  });

  it('a MultiPolygon: every part counts (one of three parts in a block: not a majority)', async () => {
    const parts = [rect(1400, 1400, 1500, 1500), rect(500, 4000, 600, 4100), rect(700, 4000, 800, 4100)];
    const c = await classifyGeometry(db, { type: 'MultiPolygon', coordinates: parts.map((p) => p.coordinates) });
    expect(c.classShares.industrial_block).toBeCloseTo(1 / 3, 2);
    expect(c.landType).toBe('inside_boundary');
  });

  it('records the layer versions used', async () => {
    const c = await classify(rect(500, 4000, 600, 4100));
    const used = Object.fromEntries(c.layerVersions.map((v) => [v.kind, v.versionId]));
    for (const [kind, id] of Object.entries(world.ids)) expect(used[kind]).toBe(id);
  });

  it('refuses a geometry with no area', async () => {
    await expect(
      classifyGeometry(db, { type: 'Polygon', coordinates: [[ll(0, 0), ll(10, 0), ll(20, 0), ll(0, 0)]] })
    ).rejects.toMatchObject({ code: 'empty-parcel' });
  });
});

// Classification benchmark: 1,000 parcels against synthetic layers of realistic size, our overlay (zone
// parts subdivided to ≤256 vertices, covers shortcut) versus a naive ST_Intersection over the whole zones.
//   npx tsx --import ./scripts/raw-import.js bench/classify/run.ts [--parcels 1000] [--naive 100]
// Embedded PGlite in memory by default; DATABASE_URL=postgres://…/zeroland_bench for a server (wiped: name must end in _bench).
import { performance } from 'node:perf_hooks';
import type { Polygon } from 'geojson';
import { getDb, closeDb, type Queryable } from '../../src/lib/server/db/index.ts';
import { insertLayerVersion } from '../../src/lib/server/layers/layers.repository.ts';
import { classifyGeometry } from '../../src/lib/server/classification/classify.ts';
import { developmentBoundary, farmland, industrialBlocks, parcels } from './layers.ts';

const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
if (!process.env.DATABASE_URL) process.env.PGLITE_DIR ??= 'memory://';
else if (!new URL(process.env.DATABASE_URL).pathname.endsWith('_bench'))
  throw new Error('bench database name must end in _bench');

// The naive overlay: every zone of every current version, whole, intersected with the parcel.
const NAIVE = `
with p as (select ST_SetSRID(ST_GeomFromGeoJSON($1), 4490) as g)
select v.kind, z.id, ST_Area(ST_Transform(ST_Intersection(z.geom, p.g), 4549)) as area
  from p, zones z join layer_versions v on v.id = z.version_id and v.is_current
 where ST_Intersects(z.geom, p.g)`;

const pct = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

async function time(list: Polygon[], fn: (g: Polygon) => Promise<unknown>) {
  const ms: number[] = [];
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (const g of list) {
    const s = performance.now();
    await fn(g);
    ms.push(performance.now() - s);
  }
  const total = performance.now() - t0;
  // CPU time of this process (PGlite runs in it; on a server only the client side): the figure to read when
  // other work loads the machine. On PGlite, cpuMeanMs / wall mean shows the share of the CPU we got.
  const c = process.cpuUsage(c0);
  const cpuMeanMs = +((c.user + c.system) / 1000 / list.length).toFixed(2);
  return {
    n: list.length,
    cpuMeanMs,
    perSecond: +(list.length / (total / 1000)).toFixed(1),
    meanMs: +(total / list.length).toFixed(2),
    p50Ms: +pct(ms, 0.5).toFixed(2),
    p95Ms: +pct(ms, 0.95).toFixed(2)
  };
}

async function main() {
  const db = await getDb();
  if (db.kind === 'postgres')
    await db.exec('truncate layer_switches, classifications, zone_parts, zones, layer_versions cascade');
  const t0 = performance.now();
  const layers = {
    development_boundary: [developmentBoundary()],
    industrial_block: industrialBlocks(),
    basic_farmland: farmland()
  };
  for (const [kind, features] of Object.entries(layers)) {
    const s = performance.now();
    await db.transaction((tx) =>
      insertLayerVersion(tx, {
        kind,
        label: 'bench',
        sourceName: 'synthetic',
        sourceSha256: 'bench',
        importedBy: 'bench',
        sample: false,
        features
      })
    );
    const parts = await db.query<{ n: number }>(
      `select count(*)::int n from zone_parts zp join layer_versions v on v.id = zp.version_id and v.is_current where v.kind = $1`,
      [kind]
    );
    console.log(
      `loaded ${kind}: ${features.length} features, ${parts.rows[0].n} parts, ${((performance.now() - s) / 1000).toFixed(1)} s`
    );
  }
  console.log(`layers loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const list = parcels(arg('parcels', 1000));
  const kinds: Record<string, number> = {};
  const ours = await time(list, async (g) => {
    const c = await classifyGeometry(db, g);
    kinds[c.landType] = (kinds[c.landType] ?? 0) + 1;
  });
  const naiveList = list.slice(0, arg('naive', 100));
  const naive = await time(naiveList, (g) => (db as Queryable).query(NAIVE, [JSON.stringify(g)]));
  // Like for like: ours and the naive overlay on the same parcels, alternating parcel by parcel, so that the
  // machine's load falls on both alike; CPU time of this process (PGlite runs in it) and wall time.
  const pair = { ours: { cpu: 0, wall: 0 }, naive: { cpu: 0, wall: 0 } };
  const measure = async (side: keyof typeof pair, fn: () => Promise<unknown>) => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    const c = process.cpuUsage(c0);
    pair[side].cpu += (c.user + c.system) / 1000;
    pair[side].wall += performance.now() - t0;
  };
  for (const g of naiveList) {
    await measure('ours', () => classifyGeometry(db, g));
    await measure('naive', () => (db as Queryable).query(NAIVE, [JSON.stringify(g)]));
  }
  const n = naiveList.length;
  const alternating = {
    parcels: n,
    oursCpuMs: +(pair.ours.cpu / n).toFixed(2),
    naiveCpuMs: +(pair.naive.cpu / n).toFixed(2),
    cpuRatio: +(pair.naive.cpu / pair.ours.cpu).toFixed(1),
    oursWallMs: +(pair.ours.wall / n).toFixed(2),
    naiveWallMs: +(pair.naive.wall / n).toFixed(2),
    wallRatio: +(pair.naive.wall / pair.ours.wall).toFixed(1)
  };
  const report = {
    engine: db.kind,
    ours,
    landTypes: kinds,
    naive,
    speedup: +(naive.meanMs / ours.meanMs).toFixed(1),
    cpuSpeedup: +(naive.cpuMeanMs / ours.cpuMeanMs).toFixed(1),
    alternating
  };
  console.log(JSON.stringify(report, null, 2));
  await closeDb();
}
await main();

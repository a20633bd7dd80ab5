// Where the import of a city-size layer spends its time, phase by phase, on the embedded database (or on
// DATABASE_URL=…_bench): store the 30,000 seeded farmland patches (made valid, cut into parts, projected),
// read them back for the pyramid, slice it, store the tiles. Wall and CPU time per phase (on a busy machine
// read the CPU time; PGlite and, here, the slicing run on this process's main thread; the app slices big layers in a worker).
//   npx tsx --import ./scripts/raw-import.js bench/tiles/import-phases.ts [--patches 30000]
import { performance } from 'node:perf_hooks';
import { closeDb, getDb } from '../../src/lib/server/db/index.ts';
import { insertLayerVersion } from '../../src/lib/server/layers/layers.repository.ts';
import { sliceLayer } from '../../src/lib/server/tiles/pyramid-runner.ts';
import { storePyramid, zonesForPyramid } from '../../src/lib/server/tiles/tiles.repository.ts';
import { PYRAMID_MAX_ZOOM } from '../../src/lib/server/tiles/pyramid.ts';
import { farmlandPatches } from './farmland.ts';

if (!process.env.DATABASE_URL) process.env.PGLITE_DIR ??= 'memory://';
else if (!new URL(process.env.DATABASE_URL).pathname.endsWith('_bench'))
  throw new Error('bench database name must end in _bench');
const i = process.argv.indexOf('--patches');
const n = i > 0 ? Number(process.argv[i + 1]) : 30_000;

const phases: { phase: string; wallS: number; cpuS: number }[] = [];
async function phase<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const [t0, c0] = [performance.now(), process.cpuUsage()];
  const out = await fn();
  const c = process.cpuUsage(c0);
  phases.push({
    phase: name,
    wallS: +((performance.now() - t0) / 1000).toFixed(1),
    cpuS: +((c.user + c.system) / 1e6).toFixed(1)
  });
  return out;
}

const db = await getDb();
const features = farmlandPatches(n).features;
const staged = await phase(`store ${n} zones (valid, parts, projected)`, () =>
  db.transaction((tx) =>
    insertLayerVersion(tx, {
      kind: 'basic_farmland',
      label: 'bench',
      sourceName: 'bench',
      sourceSha256: 'bench',
      importedBy: 'bench',
      sample: false,
      features,
      current: false
    })
  )
);
const { kind, rows } = await phase('read zones for the pyramid', () => zonesForPyramid(db, staged.id));
const tiles = await phase('slice the pyramid', () => sliceLayer(kind, rows, PYRAMID_MAX_ZOOM, 'inline'));
await phase(`store ${tiles.length} tiles (${(tiles.reduce((s, t) => s + t.data.length, 0) / 1e6).toFixed(1)} MB)`, () =>
  db.transaction((tx) => storePyramid(tx, staged.id, PYRAMID_MAX_ZOOM, tiles))
);
console.table(phases);
console.log(
  `total ${phases.reduce((s, p) => s + p.wallS, 0).toFixed(1)} s wall, ${phases.reduce((s, p) => s + p.cpuS, 0).toFixed(1)} s CPU (engine: ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`
);
await closeDb();

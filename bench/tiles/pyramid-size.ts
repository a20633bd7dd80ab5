// Size of the stored pyramid of the seeded 30,000-patch farmland layer, per zoom, and the time to slice it
// (pure: no database). `npx tsx bench/tiles/pyramid-size.ts [--patches 30000]`
import { performance } from 'node:perf_hooks';
import { buildPyramid, type ZoneRow } from '../../src/lib/server/tiles/pyramid.ts';
import { farmlandPatches } from './farmland.ts';

const i = process.argv.indexOf('--patches');
const n = i > 0 ? Number(process.argv[i + 1]) : 30_000;
const rows: ZoneRow[] = farmlandPatches(n).features.map((f, k) => ({
  id: k + 1,
  name: String(f.properties?.name),
  code: String(f.properties?.code),
  props: {},
  geojson: JSON.stringify(f.geometry)
}));
const perZoom = new Map<number, { tiles: number; bytes: number; max: number }>();
const t0 = performance.now();
const c0 = process.cpuUsage();
const total = buildPyramid('basic_farmland', rows, (t) => {
  const s = perZoom.get(t.z) ?? { tiles: 0, bytes: 0, max: 0 };
  s.tiles++;
  s.bytes += t.data.length;
  s.max = Math.max(s.max, t.data.length);
  perZoom.set(t.z, s);
});
const ms = performance.now() - t0;
const cpu = process.cpuUsage(c0);
console.log(
  `${n} patches: ${total.tiles} tiles, ${(total.bytes / 1e6).toFixed(2)} MB, sliced in ${(ms / 1000).toFixed(1)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s: on a busy machine read the CPU time)`
);
console.log('| zoom | tiles | MB | largest KB |\n|---|---|---|---|');
for (const [z, s] of [...perZoom].sort((a, b) => a[0] - b[0]))
  console.log(`| ${z} | ${s.tiles} | ${(s.bytes / 1e6).toFixed(2)} | ${(s.max / 1024).toFixed(0)} |`);

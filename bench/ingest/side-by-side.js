// Side by side, interleaved (run 1 of each command, then run 2 …), each under `nice -n 19` and GNU time: median
// wall and CPU (user + system) time, peak RSS (the largest seen), median minor page faults, × the command named
// ogr2ogr if there is one, and the 1-minute load before and after every run. Used for stops 13 and 14.
// Run: node bench/ingest/side-by-side.js RUNS name1 'shell command 1' name2 'shell command 2' …
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const runs = Number(process.argv[2]);
const args = process.argv.slice(3);
const cases = [];
for (let i = 0; i + 1 < args.length; i += 2) cases.push({ name: args[i], cmd: args[i + 1], seen: [] });
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
const loads = [load()];
for (let r = 0; r < runs; r++)
  for (const c of cases) {
    const t0 = process.hrtime.bigint();
    const p = spawnSync('nice', ['-n', '19', '/usr/bin/time', '-f', '%U %S %M %R', 'sh', '-c', c.cmd], {
      encoding: 'utf8',
      env: { ...process.env, TZ: 'Asia/Shanghai' }
    });
    const wall = Number(process.hrtime.bigint() - t0) / 1e6;
    const [u, s, kb, faults] = p.stderr.trim().split('\n').pop().split(' ').map(Number);
    if (p.status) console.log(`FAILED ${c.name}: ${p.stderr.slice(-300)}`);
    c.seen.push({ wall, cpu: (u + s) * 1000, rss: kb / 1024, faults });
    loads.push(load());
  }
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sum = (c) => ({
  wall: median(c.seen.map((x) => x.wall)),
  cpu: median(c.seen.map((x) => x.cpu)),
  rss: Math.max(...c.seen.map((x) => x.rss)),
  faults: median(c.seen.map((x) => x.faults))
});
const gdal = cases.find((c) => c.name === 'ogr2ogr');
const g = gdal && sum(gdal);
for (const c of cases) {
  const s = sum(c);
  const vs = g
    ? `  × GDAL wall ${(s.wall / g.wall).toFixed(2)} CPU ${(s.cpu / g.cpu).toFixed(2)} memory ${(s.rss / g.rss).toFixed(2)}`
    : '';
  console.log(
    `${c.name.padEnd(12)} wall ${s.wall.toFixed(0).padStart(5)} ms  CPU ${s.cpu.toFixed(0).padStart(5)} ms  ` +
      `peak RSS ${s.rss.toFixed(0).padStart(4)} MB  faults ${s.faults}${vs}  walls ${c.seen.map((x) => x.wall.toFixed(0)).join(',')}`
  );
}
console.log(`load ${loads.join(' ')}  ${new Date().toISOString()}`);

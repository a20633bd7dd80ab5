// bench/ingest: our readers and `zeroland inspect` against GDAL's ogr2ogr on the same files.
// Run: npx tsx bench/ingest/run.ts   (figures go to stdout; fixtures to $TMPDIR/zeroland-bench)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDxf, makeShapefile } from './fixtures.ts';
import { readDxf } from '../../src/lib/geo/formats/dxf.ts';

const dir = join(tmpdir(), 'zeroland-bench');
mkdirSync(dir, { recursive: true });
const root = join(import.meta.dirname, '..', '..');

const dxf = makeDxf();
const dxfPath = join(dir, 'parcels-100k.dxf');
writeFileSync(dxfPath, dxf.bytes);
const shp = makeShapefile(5000);
const shpFiles = (['shp', 'shx', 'dbf', 'prj', 'cpg'] as const).map((ext) => {
  const p = join(dir, `parcels-5000.${ext}`);
  writeFileSync(p, shp[ext]);
  return p;
});
console.log(`DXF ${(dxf.bytes.length / 1e6).toFixed(1)} MB, ${dxf.entities} entities (${dxf.parcels} closed parcels); shapefile 5000 polygons, .shp ${(shp.shp.length / 1e6).toFixed(1)} MB`);

function ms(t0: number) { return performance.now() - t0; }

/** Wall time and peak RSS (GNU time %M, kB) of a command, median of `runs`. */
function timed(cmd: string, args: string[], runs = 3): { ms: number; rssMb: number; ok: boolean; err?: string } {
  const times: number[] = [];
  let rss = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, TZ: 'Asia/Shanghai' } });
    times.push(ms(t0));
    const lines = r.stderr.trim().split('\n');
    rss = Math.max(rss, Number(lines[lines.length - 1]) / 1024);
    if (r.status !== 0) return { ms: times[0], rssMb: rss, ok: false, err: lines.slice(-3, -1).join(' | ') };
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], rssMb: rss, ok: true };
}

// 1. In-process: our DXF reader alone (parse + densify + rings + layer pick).
{
  readDxf(dxf.bytes, {}); // warm-up (JIT)
  const t0 = performance.now();
  const r = readDxf(dxf.bytes, {});
  console.log(`readDxf in-process: ${ms(t0).toFixed(0)} ms → ${r.features.length} polygons on ${r.sourceLayer}`);
  try {
    const { default: DxfParser } = await import('dxf-parser');
    const text = new TextDecoder('gbk').decode(dxf.bytes);
    const t1 = performance.now();
    new DxfParser().parseSync(text);
    console.log(`  for comparison, dxf-parser parseSync alone (no geometry): ${ms(t1).toFixed(0)} ms`);
  } catch (e) {
    console.log(`  dxf-parser comparison skipped: ${(e as Error).message}`);
  }
}

// 2. In-process: the shapefile through the dispatcher, if it exists.
if (existsSync(join(root, 'src/lib/geo/formats/index.ts'))) {
  const { readBoundaryFiles } = await import('../../src/lib/geo/formats/index.ts');
  const files = shpFiles.map((p, i) => ({ name: p.split('/').pop()!, bytes: new Uint8Array(Object.values(shp)[i]) }));
  await readBoundaryFiles(files, {});
  const t0 = performance.now();
  const r = await readBoundaryFiles(files, {});
  console.log(`readBoundaryFiles(shapefile) in-process: ${ms(t0).toFixed(0)} ms → ${r.features.length} features`);
} else console.log('readBoundaryFiles not found (src/lib/geo/formats/index.ts): shapefile in-process timing skipped');

// 3. End to end: `zeroland inspect --json` (parse + CRS + reproject + validate + JSON) vs ogr2ogr.
const hasOgr = spawnSync('which', ['ogr2ogr']).status === 0;
const cases = [
  { name: 'DXF 100k', ours: ['bin/zeroland', 'inspect', dxfPath, '--crs', 'EPSG:4549', '--json'], ogr: ['-s_srs', 'EPSG:4549', dxfPath] },
  { name: 'SHP 5000', ours: ['bin/zeroland', 'inspect', ...shpFiles, '--json'], ogr: [shpFiles[0]] }
];
for (const c of cases) {
  const ours = timed('node', c.ours);
  let line = `${c.name}: zeroland inspect ${ours.ok ? `${ours.ms.toFixed(0)} ms, peak RSS ${ours.rssMb.toFixed(0)} MB` : `FAILED (${ours.err})`}`;
  if (hasOgr) {
    const out = join(dir, `${c.name.replace(/\W+/g, '_')}.geojson`);
    // GeoJSON output cannot be overwritten in place: remove it before every run (sh adds ~1 ms).
    const q = (a: string) => `'${a}'`;
    const g = timed('sh', ['-c', `rm -f ${q(out)} && ogr2ogr -f GeoJSON -t_srs EPSG:4490 ${q(out)} ${c.ogr.map(q).join(' ')}`]);
    line += `; ogr2ogr ${g.ok ? `${g.ms.toFixed(0)} ms, peak RSS ${g.rssMb.toFixed(0)} MB` : `FAILED (${g.err})`}`;
    if (ours.ok && g.ok) line += `; ratio ours/GDAL = ${(ours.ms / g.ms).toFixed(2)}`;
  } else line += '; ogr2ogr not installed (apt-get install gdal-bin) — no baseline';
  console.log(line);
}
if (hasOgr) console.log(`(GDAL: ${execFileSync('ogr2ogr', ['--version'], { encoding: 'utf8' }).trim()}; DXF needs -s_srs since DXF carries no CRS)`);

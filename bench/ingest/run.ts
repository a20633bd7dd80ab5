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
console.log(
  `DXF ${(dxf.bytes.length / 1e6).toFixed(1)} MB, ${dxf.entities} entities (${dxf.parcels} closed parcels); shapefile 5000 polygons, .shp ${(shp.shp.length / 1e6).toFixed(1)} MB`
);

function ms(t0: number) {
  return performance.now() - t0;
}

interface Run {
  ms: number;
  cpuMs: number;
  rssMb: number;
  ok: boolean;
  err?: string;
}

/** One run of a shell command under GNU time: wall time, CPU time (user + system) and peak RSS. */
function timedOnce(script: string, env: Record<string, string> = {}): Run {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', 'sh', '-c', script], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, TZ: 'Asia/Shanghai', ...env }
  });
  const wall = ms(t0);
  const lines = r.stderr.trim().split('\n');
  const [u, sy, kb] = lines[lines.length - 1].split(' ').map(Number);
  return {
    ms: wall,
    cpuMs: (u + sy) * 1000,
    rssMb: kb / 1024,
    ok: r.status === 0,
    err: r.status === 0 ? undefined : lines.slice(-4, -1).join(' | ')
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

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

// 3. End to end: `zeroland inspect --json` (parse + CRS + reproject + validate + JSON to a file) vs ogr2ogr to
// GeoJSON in EPSG:4490, interleaved (run 1 of each contestant, then run 2 …) so that the machine's load
// falls on all alike; median wall and CPU time of `--runs` (3), peak RSS the largest seen.
// "zeroland (tsx)" is the CLI as it was: TypeScript transpiled at start (ZEROLAND_CLI_TSX=1).
const hasOgr = spawnSync('which', ['ogr2ogr']).status === 0;
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3;
const q = (a: string) => `'${a}'`;
const cases = [
  { name: 'DXF 100k', ours: [dxfPath, '--crs', 'EPSG:4549'], ogr: ['-s_srs', 'EPSG:4549', dxfPath] },
  { name: 'SHP 5000', ours: shpFiles, ogr: [shpFiles[0]] }
];
if (!hasOgr) console.log('ogr2ogr not installed (apt-get install gdal-bin): no GDAL baseline');
spawnSync('node', ['bin/zeroland', '--help'], { cwd: root }); // builds the compiled CLI if needed, outside the timings
for (const c of cases) {
  const out = join(dir, c.name.replace(/\W+/g, '_'));
  const ours = `node bin/zeroland inspect ${c.ours.map(q).join(' ')} --json > ${q(out + '.zeroland.json')}`;
  // GeoJSON output cannot be overwritten in place: remove it before every run.
  const contestants: [string, string, Record<string, string>][] = [
    ['zeroland (tsx, before)', ours, { ZEROLAND_CLI_TSX: '1' }],
    ['zeroland', ours, {}],
    ...(hasOgr
      ? [
          [
            'ogr2ogr',
            `rm -f ${q(out + '.geojson')} && ogr2ogr -f GeoJSON -t_srs EPSG:4490 ${q(out + '.geojson')} ${c.ogr.map(q).join(' ')}`,
            {}
          ] as [string, string, Record<string, string>]
        ]
      : [])
  ];
  const seen = new Map<string, Run[]>(contestants.map(([n]) => [n, []]));
  for (let i = 0; i < runs; i++) for (const [n, script, env] of contestants) seen.get(n)!.push(timedOnce(script, env));
  const summary = new Map(
    [...seen].map(([n, rs]) => [
      n,
      {
        ms: median(rs.map((r) => r.ms)),
        cpuMs: median(rs.map((r) => r.cpuMs)),
        rssMb: Math.max(...rs.map((r) => r.rssMb)),
        failed: rs.find((r) => !r.ok)?.err
      }
    ])
  );
  const gdal = summary.get('ogr2ogr');
  console.log(`${c.name} (median of ${runs}, interleaved):`);
  for (const [n, s] of summary) {
    const vs =
      gdal && n !== 'ogr2ogr'
        ? `  → ×GDAL wall ${(s.ms / gdal.ms).toFixed(2)}, CPU ${(s.cpuMs / gdal.cpuMs).toFixed(2)}, memory ${(s.rssMb / gdal.rssMb).toFixed(2)}`
        : '';
    console.log(
      `  ${n.padEnd(24)} wall ${s.ms.toFixed(0).padStart(6)} ms  CPU ${s.cpuMs.toFixed(0).padStart(6)} ms  peak RSS ${s.rssMb.toFixed(0).padStart(4)} MB${s.failed ? `  FAILED (${s.failed})` : ''}${vs}`
    );
  }
}
if (hasOgr)
  console.log(
    `(GDAL: ${execFileSync('ogr2ogr', ['--version'], { encoding: 'utf8' }).trim()}; DXF needs -s_srs since DXF carries no CRS)`
  );

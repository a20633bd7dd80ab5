// zeroland inspect <file…> [--crs auto|EPSG:nnnn|proj4] [--layer NAME] [--encoding X] [--json] [--anywhere]
// Several files are one upload (a loose .shp/.shx/.dbf/.prj/.cpg set). Contract in DESIGN.md.
import { cliError, parseArgs } from './run.ts';
import { loadInputFile } from './files.ts';
import { StreamedArray, writeJson } from './json-out.ts';
import { ingestBoundary, ingestBoundaryStream, type InspectResult } from '../lib/geo/ingest.ts';
import type { Message } from '../lib/geo/types.ts';

const USAGE =
  'usage: zeroland inspect <file…> [--crs auto|EPSG:nnnn|proj4] [--layer NAME] [--encoding X] [--json] [--anywhere]';

/** Up to this many positions, `--json` is written once the whole file has passed (~100 bytes of JSON each). */
const HOLD_POSITIONS = 100_000;

const fmtArea = (m2: number, mu: number) =>
  `${m2.toLocaleString('en-US', { maximumFractionDigits: 2 })} m² / ${mu.toFixed(3)} 亩`;
const line = (m: Message) => `  - ${m.zh} / ${m.en}`;

export function humanSummary(r: InspectResult): string {
  const s = r.source;
  const how = s.crsDetected
    ? `检测 detected (rule ${s.rule}, confidence ${s.confidence})`
    : s.rule === 'user'
      ? '用户指定 given by user'
      : `文件声明 declared by the file (${s.rule})`;
  const out = [
    `格式 format: ${s.format}`,
    `坐标系 CRS: ${s.crs} — ${s.crsName.zh} / ${s.crsName.en}; ${how}${s.axesSwapped ? '; X/Y 已交换 axes swapped' : ''}${s.unitsToMetres !== 1 ? `; ${s.unitsToMetres} m/unit` : ''}`
  ];
  if (s.approximate) out.push(`  ! ${s.approximate.zh} / ${s.approximate.en}`);
  if (s.alternatives.length)
    out.push(
      `  其他可能 alternatives: ${s.alternatives.map((a) => `${a.code}${a.swapped ? ' (swapped)' : ''} ${a.confidence}`).join(', ')}`
    );
  const total = r.features.reduce((a, f) => a + f.areaM2, 0);
  out.push(
    `要素 features: ${r.features.length} (valid ${r.features.filter((f) => f.valid).length}); 总面积 total area: ${fmtArea(total, (total * 15) / 10000)}`
  );
  r.features.forEach((f, i) => {
    out.push(
      `  #${i + 1}${f.sourceLayer ? ` [${f.sourceLayer}]` : ''}: ${fmtArea(f.areaM2, f.areaMu)}${f.valid ? '' : ' INVALID 无效'}${f.repairs.length ? `, ${f.repairs.length} repairs 修复` : ''}`
    );
    f.repairs.slice(0, 10).forEach((m) => out.push(`    ${line(m).trim()}`));
  });
  if (r.layers?.length)
    out.push(`图层 layers: ${r.layers.map((l) => `${l.name} (${l.closedRings}/${l.entityCount})`).join(', ')}`);
  if (r.warnings.length) out.push('警告 warnings:', ...r.warnings.map(line));
  if (r.errors.length) out.push('错误 errors:', ...r.errors.map(line));
  return out.join('\n') + '\n';
}

export default async function inspect(args: string[]): Promise<number> {
  const { flags, positional } = parseArgs(args, ['json', 'anywhere', 'help']);
  if (flags.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (positional.length === 0) throw cliError(USAGE);
  const files = await Promise.all(positional.map(loadInputFile));
  const opts = {
    crs: typeof flags.crs === 'string' ? flags.crs : undefined,
    layer: typeof flags.layer === 'string' ? flags.layer : undefined,
    encoding: typeof flags.encoding === 'string' ? flags.encoding : undefined,
    // --anywhere: skip the Shanghai-extent check (for checking files from elsewhere).
    requireShanghai: !flags.anywhere,
    // The files are handed over (no local name keeps them): their bytes are dropped once read.
    releaseFiles: true
  };
  if (!flags.json) {
    process.stdout.write(humanSummary(await ingestBoundary(files.splice(0), opts)));
    return 0;
  }
  // Each feature is written as soon as it is validated and then dropped, as GDAL streams features: no copy of
  // every feature's EPSG:4490 geometry is held (memory, and time in V8's collector). Nothing is sent before the
  // first valid feature, so a file without one still ends with an error and no output. A file of up to
  // HOLD_POSITIONS positions is checked against Shanghai feature by feature, not in a pass of its own ahead of the
  // rest, so its output is kept back until the end (up to ~10 MB).
  const { extentSettled, ...stream } = await ingestBoundaryStream(files.splice(0), {
    ...opts,
    checkFirst: true,
    checkFirstAbove: HOLD_POSITIONS
  });
  let sawValid = false;
  const features = (function* () {
    for (const f of stream.features) {
      sawValid ||= f.valid;
      yield f;
    }
  })();
  await writeJson(
    process.stdout,
    { ...stream, features: new StreamedArray(features) },
    { holdWhile: () => !extentSettled || !sawValid }
  );
  return 0;
}

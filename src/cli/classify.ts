// zeroland classify <file…> [--crs auto|EPSG:nnnn|proj4] [--layer NAME] [--encoding X] [--json]
// inspect + classification of each feature against the database's current layers (DESIGN.md).
import { cliError, parseArgs } from './run.ts';
import { closeDb, getDb } from '../lib/server/db/index.ts';
import { hasCurrentLayer } from '../lib/server/layers/layers.repository.ts';
import { ingestBoundary } from '../lib/geo/ingest.ts';
import { classifyGeometry } from '../lib/server/classification/classify.ts';
import { RULE_TEXT } from '../lib/domain/classification/land-type-rule.ts';
import type { Classification } from '../lib/domain/classification/types.ts';
import { LAND_TYPE_INFO } from '../lib/domain/land-types.ts';
import { loadInputFile } from './files.ts';

const USAGE =
  'usage: zeroland classify <file…> [--crs auto|EPSG:nnnn|proj4] [--layer NAME] [--encoding X] [--sliver-m2 N] [--sliver-share F] [--json]';
const MU_M2 = 10000 / 15; // 1 亩 = 666.67 m²

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function humanClassification(i: number, c: Classification): string {
  const lt = LAND_TYPE_INFO[c.landType];
  const out = [
    `#${i + 1}: ${lt.zh} / ${lt.en}${c.straddles ? ' (跨区 straddles)' : ''} — ${c.areaM2.toFixed(2)} m² / ${(c.areaM2 / MU_M2).toFixed(3)} 亩`,
    `  规则 rule: ${c.rule} — ${RULE_TEXT[c.rule].zh} / ${RULE_TEXT[c.rule].en}`,
    `  认定主体 authority: ${c.authorityCode ?? '—'}${c.lingang ? ' (临港新片区 Lingang)' : ''}; 行政区 district: ${c.district.map((d) => `${d.name} ${pct(d.share)}`).join(', ') || '—'}`
  ];
  for (const z of c.zones) out.push(`  ${z.kind} ${z.name}: ${z.areaM2.toFixed(2)} m² (${pct(z.share)})`);
  for (const x of c.conflicts) out.push(`  ! 冲突 conflict ${x.kind} ${x.name}: ${x.areaM2.toFixed(2)} m²`);
  if (c.ignoredSlivers)
    out.push(
      `  忽略碎片 ignored slivers: ${c.ignoredSlivers} (< ${c.tolerances.sliverMinM2} m² or < ${pct(c.tolerances.sliverMinShare)})`
    );
  const sample = c.layerVersions.filter((v) => v.sample).map((v) => v.kind);
  if (sample.length) out.push(`  注意 note: 示意数据，非官方数据 / schematic sample layers: ${sample.join(', ')}`);
  return out.join('\n');
}

const num = (v: string | boolean | undefined, name: string) => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (typeof v !== 'string' || !Number.isFinite(n) || n < 0) throw cliError(`--${name} needs a non-negative number`);
  return n;
};

export default async function classify(args: string[]): Promise<number> {
  const { flags, positional } = parseArgs(args, ['json', 'help']);
  if (flags.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (positional.length === 0) throw cliError(USAGE);
  const files = await Promise.all(positional.map(loadInputFile));
  const inspected = await ingestBoundary(files, {
    crs: typeof flags.crs === 'string' ? flags.crs : undefined,
    layer: typeof flags.layer === 'string' ? flags.layer : undefined,
    encoding: typeof flags.encoding === 'string' ? flags.encoding : undefined
  });
  const tolerances = {
    sliverMinM2: num(flags['sliver-m2'], 'sliver-m2'),
    sliverMinShare: num(flags['sliver-share'], 'sliver-share')
  };
  const db = await getDb();
  try {
    if (!(await hasCurrentLayer(db)))
      throw cliError(
        'no zoning layers in the database: run `zeroland db seed` or `zeroland layers import` first / 数据库中没有图层'
      );
    const results = [];
    for (const f of inspected.features) {
      if (!f.valid) continue;
      const t = Object.fromEntries(Object.entries(tolerances).filter(([, v]) => v !== undefined));
      results.push(await classifyGeometry(db, f.geometry, { tolerances: t }));
    }
    if (flags.json)
      process.stdout.write(
        JSON.stringify({ source: inspected.source, features: results, warnings: inspected.warnings }, null, 2) + '\n'
      );
    else
      process.stdout.write(
        `坐标系 CRS: ${inspected.source.crs}\n` + results.map((c, i) => humanClassification(i, c)).join('\n') + '\n'
      );
  } finally {
    await closeDb();
  }
  return 0;
}

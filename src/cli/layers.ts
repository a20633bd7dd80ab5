// zeroland layers list [kind] | import <kind> <file…> [--label L] [--crs C] [--layer NAME] [--stage] | use <kind> <version>
// Import makes the new version current and re-classifies open projects (what the README promises: one step
// replaces a layer); --stage only stores it, for a look first, and `use` switches later. `--use` is accepted
// as before and changes nothing. The web admin page stages with a map preview, then switches.
import { cliError, parseArgs } from './run.ts';
import { closeDb, getDb } from '../lib/server/db/index.ts';
import { importLayer, layerVersions, switchLayer, type SwitchReport } from '../lib/server/layers/layers.admin.ts';
import { loadInputFile } from './files.ts';
import { userInfo } from 'node:os';

const USAGE =
  'usage: zeroland layers list [kind] | import <kind> <file…> [--label L] [--crs C] [--layer NAME] [--stage] [--json] | use <kind> <version> [--json]';

function printSwitch(r: SwitchReport) {
  console.log(
    `${r.kind}: version ${r.fromVersion ?? '—'} → ${r.toVersion}; ${r.checked} open project(s) re-classified, ${r.changes.length} changed`
  );
  for (const c of r.changes)
    console.log(
      `  ${c.code} ${c.title} [${c.authorityCode ?? '—'}; owner ${c.ownerName}]: ` +
        c.changed.map((f) => `${f} ${JSON.stringify(c.before?.[f] ?? null)} → ${JSON.stringify(c.after[f])}`).join('; ')
    );
}

export default async function layers(args: string[]): Promise<number> {
  const { flags, positional } = parseArgs(args, ['json', 'use', 'stage', 'help']);
  const [sub, ...rest] = positional;
  if (flags.help || !sub || !['list', 'import', 'use'].includes(sub)) {
    if (flags.help) return (void process.stdout.write(USAGE + '\n'), 0);
    throw cliError(USAGE);
  }
  const by = process.env.ZEROLAND_USER ?? `cli:${userInfo().username}`;
  const db = await getDb();
  try {
    if (sub === 'list') {
      const versions = await layerVersions(db, rest[0]);
      if (flags.json) return (void console.log(JSON.stringify(versions, null, 2)), 0);
      for (const v of versions)
        console.log(
          `${v.isCurrent ? '*' : ' '} ${v.kind.padEnd(22)} v${String(v.version).padEnd(3)} ${String(v.featureCount).padStart(6)} features ${(v.totalAreaM2 / 1e6).toFixed(2).padStart(9)} km²  ${v.importedAt.slice(0, 16)} ${v.importedBy}  ${v.label}${v.sample ? ' (示意 sample)' : ''}`
        );
      console.log('(* = current)');
    } else if (sub === 'import') {
      const [kind, ...paths] = rest;
      if (!kind || paths.length === 0) throw cliError(USAGE);
      if (flags.stage && flags.use)
        throw cliError('--stage and --use contradict each other: choose one / 二者只能选其一');
      const files = await Promise.all(paths.map(loadInputFile));
      const r = await importLayer(db, {
        kind,
        files,
        importedBy: by,
        use: flags.stage !== true,
        label: typeof flags.label === 'string' ? flags.label : undefined,
        ingest: {
          crs: typeof flags.crs === 'string' ? flags.crs : undefined,
          layer: typeof flags.layer === 'string' ? flags.layer : undefined
        }
      });
      if (flags.json) return (void console.log(JSON.stringify(r, null, 2)), 0);
      console.log(
        `${kind}: imported version ${r.version.version} (${r.version.featureCount} features, ${(r.version.totalAreaM2 / 1e6).toFixed(2)} km², ${r.version.parts} parts; CRS ${r.crs})`
      );
      if (r.skipped) console.log(`  skipped ${r.skipped} invalid feature(s)`);
      for (const w of r.warnings.slice(0, 10)) console.log(`  warning: ${w.zh} / ${w.en}`);
      if (r.switched) printSwitch(r.switched);
      else console.log(`  staged, not current yet (--stage): zeroland layers use ${kind} ${r.version.version}`);
    } else {
      const [kind, v] = rest;
      const version = Number(v);
      if (!kind || !Number.isInteger(version)) throw cliError(USAGE);
      const r = await switchLayer(db, { kind, version, by });
      if (flags.json) return (void console.log(JSON.stringify(r, null, 2)), 0);
      printSwitch(r);
    }
  } finally {
    await closeDb();
  }
  return 0;
}

// Prints the mutation score of each group from Stryker's JSON reports (npm run test:mutation).
// Score = detected / (detected + undetected), detected = Killed + Timeout, undetected = Survived + NoCoverage
// (Stryker's own definition; compile errors and ignored mutants do not count).
// Each file's figures come from the newest report that has it (whole runs, MUTATION_GROUP runs and parts run
// with MUTATE=…, reports/mutation/*.json). A group is OK only when every one of its files is in some report
// and the sum reaches the goal; files no report covers are listed.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { DOMAIN, GEO } from '../stryker.config.mjs';

/** The .ts files a pattern of the Stryker config names ('dir/**\/*.ts', 'dir/*.ts' or one file). */
function expand(pattern) {
  const walk = (dir, deep) =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory()
        ? deep
          ? walk(`${dir}/${e.name}`, deep)
          : []
        : e.name.endsWith('.ts')
          ? [`${dir}/${e.name}`]
          : []
    );
  if (pattern.endsWith('/**/*.ts')) return walk(pattern.slice(0, -'/**/*.ts'.length), true);
  if (pattern.endsWith('/*.ts')) return walk(pattern.slice(0, -'/*.ts'.length), false);
  return existsSync(pattern) ? [pattern] : [];
}

const GROUPS = [
  { name: 'domain (src/lib/domain)', goal: 85, files: DOMAIN.flatMap(expand) },
  { name: 'geo core (curves, CRS transforms, planar maths, validation)', goal: 75, files: GEO.flatMap(expand) }
];

const DIR = 'reports/mutation';
const all = existsSync(DIR)
  ? readdirSync(DIR)
      .filter((f) => f.endsWith('.json') && !f.endsWith('-incremental.json'))
      .map((f) => `${DIR}/${f}`)
  : [];
const reports = (process.argv.length > 2 ? process.argv.slice(2) : all)
  .filter((f) => existsSync(f))
  .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
if (reports.length === 0) {
  console.error('no mutation report yet: run npm run test:mutation');
  process.exit(1);
}
const files = new Map();
for (const f of reports) {
  const report = JSON.parse(readFileSync(f, 'utf8'));
  // A file the run was asked to mutate but that has no mutant (types only, re-exports) is absent from `files`:
  // it counts as measured, with nothing to score.
  for (const path of (report.config?.mutate ?? []).flatMap(expand)) files.set(path, { mutants: [] });
  for (const [path, entry] of Object.entries(report.files))
    files.set(path.replace(/\\/g, '/').replace(/^.*?(src\/lib\/)/, '$1'), entry);
}
const tally = () => ({ detected: 0, undetected: 0 });
const perFile = new Map();
for (const [path, { mutants }] of files) {
  const t = tally();
  for (const m of mutants) {
    if (m.status === 'Killed' || m.status === 'Timeout') t.detected++;
    else if (m.status === 'Survived' || m.status === 'NoCoverage') t.undetected++;
  }
  perFile.set(path, t);
}
const pct = (t) => (t.detected + t.undetected ? (100 * t.detected) / (t.detected + t.undetected) : 100);
let failed = false;
for (const g of GROUPS) {
  const measured = g.files.filter((f) => perFile.has(f)).map((f) => [f, perFile.get(f)]);
  const missing = g.files.filter((f) => !perFile.has(f));
  const t = measured.reduce(
    (s, [, x]) => ({ detected: s.detected + x.detected, undetected: s.undetected + x.undetected }),
    tally()
  );
  const ok = missing.length === 0 && pct(t) >= g.goal;
  if (!ok) failed = true;
  console.log(
    `${ok ? 'OK  ' : missing.length ? 'PART' : 'LOW '} ${g.name}: ${measured.length ? pct(t).toFixed(1) + '%' : 'no figure'} (${t.detected} detected of ${t.detected + t.undetected}; goal ≥ ${g.goal}%; ${measured.length} of ${g.files.length} files measured)`
  );
  if (missing.length) console.log(`       not in any report: ${missing.join(', ')}`);
  for (const [f, x] of measured.sort((a, b) => pct(a[1]) - pct(b[1])).slice(0, 5)) {
    if (x.undetected) console.log(`       weakest: ${f} ${pct(x).toFixed(1)}% (${x.undetected} undetected)`);
  }
}
process.exitCode = failed ? 1 : 0;

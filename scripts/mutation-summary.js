// Prints the mutation score of each group from Stryker's JSON report (npm run test:mutation).
// Score = detected / (detected + undetected), detected = Killed + Timeout, undetected = Survived + NoCoverage
// (Stryker's own definition; compile errors and ignored mutants do not count).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';

const GROUPS = [
  {
    name: 'domain (src/lib/domain + classification rule)',
    goal: 85,
    match: (f) => f.startsWith('src/lib/domain/') || false
  },
  {
    name: 'geo core (curves, CRS transforms, planar maths, validation)',
    goal: 75,
    match: (f) => f.startsWith('src/lib/geo/')
  }
];

// Reports of whole runs and of one-group runs (MUTATION_GROUP): each file's figures come from the newest report.
// Parts run with MUTATE=… have their own reports (reports/mutation/part-*.json).
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
for (const f of reports)
  for (const [path, entry] of Object.entries(JSON.parse(readFileSync(f, 'utf8')).files)) files.set(path, entry);
const tally = () => ({ detected: 0, undetected: 0 });
const perFile = new Map();
for (const [path, { mutants }] of files) {
  const t = tally();
  for (const m of mutants) {
    if (m.status === 'Killed' || m.status === 'Timeout') t.detected++;
    else if (m.status === 'Survived' || m.status === 'NoCoverage') t.undetected++;
  }
  perFile.set(path.replace(/\\/g, '/').replace(/^.*?(src\/lib\/)/, '$1'), t);
}
const pct = (t) => (t.detected + t.undetected ? (100 * t.detected) / (t.detected + t.undetected) : 100);
let failed = false;
for (const g of GROUPS) {
  const files = [...perFile].filter(([f]) => g.match(f));
  if (files.length === 0) continue;
  const t = files.reduce(
    (s, [, x]) => ({ detected: s.detected + x.detected, undetected: s.undetected + x.undetected }),
    tally()
  );
  const ok = pct(t) >= g.goal;
  if (!ok) failed = true;
  console.log(
    `${ok ? 'OK  ' : 'LOW '} ${g.name}: ${pct(t).toFixed(1)}% (${t.detected} detected of ${t.detected + t.undetected}; goal ≥ ${g.goal}%)`
  );
  for (const [f, x] of files.sort((a, b) => pct(a[1]) - pct(b[1])).slice(0, 5)) {
    if (x.undetected) console.log(`       weakest: ${f} ${pct(x).toFixed(1)}% (${x.undetected} undetected)`);
  }
}
process.exitCode = failed ? 1 : 0;

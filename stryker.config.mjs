// Mutation testing (issue #19): npm run test:mutation, then scripts/mutation-summary.js prints the score of
// each group (domain, geo core). Run one group with MUTATION_GROUP=domain or MUTATION_GROUP=geo npm run test:mutation.
// Concurrency is kept low on purpose: CI and the dev machines have 2 cores.
// MUTATION_GROUP=domain or MUTATION_GROUP=geo runs one group (its own report and incremental file).
export const DOMAIN = ['src/lib/domain/**/*.ts'];
export const GEO = [
  'src/lib/geo/cad/curves.ts',
  'src/lib/geo/cad/transform.ts',
  'src/lib/geo/crs/transform.ts',
  'src/lib/geo/crs/gcj02.ts',
  'src/lib/geo/crs/local-fit.ts',
  'src/lib/geo/area.ts',
  'src/lib/geo/planar.ts',
  'src/lib/geo/validate.ts',
  'src/lib/geo/validate/*.ts'
];
// MUTATE='src/lib/domain/tracking.ts,src/lib/domain/paths.ts' runs a few files with their own report and
// incremental file (reports/mutation/part-<files>.json), so that parts measured one by one add up
// (scripts/mutation-summary.js takes each file's figures from its newest report).
const part = process.env.MUTATE?.split(',')
  .map((f) => f.trim())
  .filter(Boolean);
const group = part?.length
  ? 'part-' +
    part
      .map((f) =>
        f
          .replace(/^src\/lib\//, '')
          .replace(/\.ts$/, '')
          .replace(/[^a-z0-9]+/gi, '-')
      )
      .join('+')
      .slice(0, 120)
  : (process.env.MUTATION_GROUP ?? 'all');
const mutate = part?.length ? part : group === 'domain' ? DOMAIN : group === 'geo' ? GEO : [...DOMAIN, ...GEO];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner'],
  coverageAnalysis: 'perTest',
  // Static mutants (module-level tables such as bilingual labels) need the whole suite per mutant: skipped,
  // which keeps a run within reach of a 2-core machine. Their rules are tested through the functions that read them.
  ignoreStatic: true,
  // Domain rules (pure functions) and the land-type rule of the classification; the geometry core
  // (curves, CRS transforms, planar maths, validation).
  mutate,
  // .svelte-kit is git-ignored but tsconfig.json extends its tsconfig.json.
  ignorePatterns: ['!.svelte-kit/tsconfig.json', 'bench', 'build', 'data', 'test-results', 'reports', '.tmp'],
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 1),
  timeoutMS: 20_000,
  incremental: true,
  incrementalFile: `reports/mutation/${group}-incremental.json`,
  reporters: ['clear-text', 'json', 'progress-append-only'],
  jsonReporter: { fileName: `reports/mutation/${group}.json` },
  thresholds: { high: 85, low: 75, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always'
};

// Vitest config for mutation testing (npm run test:mutation): only the fast unit tests that exercise
// src/lib/domain, the classification rule and the geometry core. Plain Vitest (no SvelteKit plugin):
// these modules import nothing from $lib or the server. tsconfig.json extends .svelte-kit/tsconfig.json,
// so scripts/mutation.js runs `svelte-kit sync` first.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // A few tests of domain rules (test/unit/auth) also import server modules that use $lib.
  resolve: { alias: { $lib: new URL('./src/lib', import.meta.url).pathname } },
  test: {
    // MUTATION_TESTS='test/unit/domain/aftercare/**' narrows the tests of a partial run (a shorter dry run).
    include: process.env.MUTATION_TESTS
      ? process.env.MUTATION_TESTS.split(',')
      : [
          'test/unit/domain/**/*.test.ts',
          'test/unit/policy/**/*.test.ts',
          'test/unit/standard/**/*.test.ts',
          'test/unit/classification/**/*.test.ts',
          'test/unit/geo/**/*.test.ts',
          'test/unit/auth/**/*.test.ts'
        ],
    // The corpus tests read ../shared/corpus, which is not in the sandbox; the format readers are not in the mutated set.
    // The ingest tests spawn the CLI (seconds per run, time-outs on a loaded machine); the format readers are not mutated.
    exclude: ['test/unit/geo/**/corpus.test.ts', 'test/unit/geo/formats/**', 'test/unit/geo/ingest/**'],
    environment: 'node',
    testTimeout: 60_000
  }
});

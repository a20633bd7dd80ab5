import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

// TEST_SHUFFLE=1 runs the integration and API/browser files in a random order (CI's PostgreSQL pass), so a
// test that only passes after another file has run is found. TEST_SEED=<n> replays an order; the seed is
// printed at the start of the run.
const shuffle = process.env.TEST_SHUFFLE === '1';
const seed = Number(process.env.TEST_SEED) || Math.floor(Math.random() * 1e6);
const sequence = shuffle ? { shuffle: { files: true, tests: false }, seed } : {};
if (shuffle) console.log(`test files in shuffled order: TEST_SHUFFLE=1 TEST_SEED=${seed}`);

export default defineConfig({
  plugins: [sveltekit()],
  ssr: {
    external: [
      '@electric-sql/pglite',
      '@electric-sql/pglite-postgis',
      '@node-rs/argon2',
      'pdfkit',
      'exceljs',
      '@mlightcad/libredwg-web'
    ]
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'src/**/*.spec.ts'],
          environment: 'node',
          // Geometry checks over whole layers take seconds on a loaded 2-core CI machine.
          testTimeout: 60_000
        }
      },
      {
        // One process, one module cache: the embedded PostGIS (~10-20 s to load) opens once for all files.
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          sequence,
          globalSetup: ['test/helpers/integration.global.ts'],
          setupFiles: ['test/helpers/integration.setup.ts'],
          pool: 'forks',
          isolate: false,
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000
        }
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts', 'test/api/**/*.test.ts'],
          sequence,
          globalSetup: ['test/helpers/app-server.global.ts'],
          pool: 'forks',
          isolate: false,
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 400_000,
          // A page answers in well under a second, but CI's two cores also run the server, its database and
          // Chromium: give polled page state 15 s (vitest's default of 1 s failed a random browser test per run).
          expect: { poll: { timeout: 15_000 } }
        }
      }
    ]
  }
});

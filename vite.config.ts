import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [sveltekit()],
  ssr: { external: ['@electric-sql/pglite', '@electric-sql/pglite-postgis', '@node-rs/argon2', 'pdfkit', 'exceljs', '@mlightcad/libredwg-web'] },
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
          globalSetup: ['test/helpers/app-server.global.ts'],
          pool: 'forks',
          isolate: false,
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 400_000
        }
      }
    ]
  }
});

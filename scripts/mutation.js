// npm run test:mutation [-- stryker options, e.g. --mutate 'src/lib/domain/**']: runs Stryker (incremental,
// low concurrency, see stryker.config.mjs), then prints each group's score and the time taken.
import { spawnSync } from 'node:child_process';

const started = Date.now();
// tsconfig.json extends .svelte-kit/tsconfig.json, which `svelte-kit sync` writes.
spawnSync('npx', ['svelte-kit', 'sync'], { stdio: 'inherit' });
const run = spawnSync('npx', ['stryker', 'run', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, TZ: 'Asia/Shanghai' }
});
const minutes = ((Date.now() - started) / 60000).toFixed(1);
if (run.status !== 0) {
  console.error(`stryker failed (exit ${run.status}) after ${minutes} min`);
  process.exit(run.status ?? 1);
}
console.log(`\nmutation run: ${minutes} min, ${new Date().toISOString().slice(0, 10)}`);
const summary = spawnSync('node', ['scripts/mutation-summary.js'], { stdio: 'inherit' });
process.exit(summary.status ?? 1);

// zeroland CLI dispatcher. Contract in DESIGN.md: exit 0 on success, 2 on bad input with one line on stderr.
import { drained, runCommand } from './run.ts';

// Files are read in this process (no worker pool for one command), under the same budgets as the server.
process.env.ZEROLAND_INGEST_INLINE ??= '1';

const commands: Record<string, () => Promise<{ default: (args: string[]) => Promise<number | void> }>> = {
  db: () => import('./db.ts'),
  users: () => import('./users.ts'),
  inspect: () => import('./inspect.ts'),
  classify: () => import('./classify.ts'),
  layers: () => import('./layers.ts'),
  standard: () => import('./standard.ts'),
  audit: () => import('./audit.ts')
};

const [name, ...args] = process.argv.slice(2);
const load = name ? commands[name] : undefined;
if (!load) {
  process.stderr.write(`usage: zeroland <${Object.keys(commands).join('|')}> …\n`);
  await drained(process.stderr);
  process.exit(name ? 2 : 0);
}
await runCommand(async () => (await load()).default(args));

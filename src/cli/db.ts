// zeroland db migrate | seed | backup <file> | restore <file> [--force]
import { closeDb, getDb } from '../lib/server/db/index.ts';
import { seed } from '../lib/server/seed/seed.ts';
import { cliError, parseArgs } from './run.ts';

const USAGE = 'usage: zeroland db migrate | seed | backup <file.tar.gz> | restore <file.tar.gz> [--force]';
const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

export default async function db(args: string[]) {
  const [sub, ...rest] = args;
  if (sub === 'backup' || sub === 'restore') {
    const { flags, positional } = parseArgs(rest, ['force']);
    if (positional.length !== 1) throw cliError(USAGE);
    const { backup, restore } = await import('../lib/server/ops/backup/backup.ts');
    if (sub === 'backup') {
      const r = await backup(positional[0]);
      const c = r.header.counts;
      console.log(
        `backup written: ${r.file} (${mb(r.bytes)}, ${r.members} members, ${mb(r.manifest.totalBytes)} before compression, ${(r.ms / 1000).toFixed(1)} s) — ` +
          `${r.engine}, ${r.header.migrations.length} migrations, ${c.projects ?? 0} projects, ${c.events ?? 0} events, ${c.files ?? 0} files`
      );
    } else {
      const r = await restore(positional[0], { force: flags.force === true });
      const c = r.header.counts;
      console.log(
        `restored the backup of ${r.header.createdAt} (${r.engine}, ${r.members} members verified, ${(r.ms / 1000).toFixed(1)} s): ` +
          `${c.projects ?? 0} projects, ${c.events ?? 0} events, ${c.files ?? 0} files. Start the server to use it.`
      );
    }
    return;
  }
  if (sub !== 'migrate' && sub !== 'seed') throw cliError(USAGE);
  const database = await getDb(); // opening migrates
  console.log(`database: ${database.kind}; migrations applied`);
  if (sub === 'seed') await seed(database, (line) => console.log(line));
  await closeDb();
}

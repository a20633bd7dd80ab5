// zeroland db migrate | seed
import { closeDb, getDb } from '../lib/server/db/index.ts';
import { seed } from '../lib/server/seed/seed.ts';
import { UserError } from './run.ts';

export default async function db(args: string[]) {
  const [sub] = args;
  if (sub !== 'migrate' && sub !== 'seed') throw new UserError('usage: zeroland db migrate | seed');
  const database = await getDb(); // opening migrates
  console.log(`database: ${database.kind}; migrations applied`);
  if (sub === 'seed') await seed(database, (line) => console.log(line));
  await closeDb();
}

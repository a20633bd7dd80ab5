// zeroland standard load-codes <file.csv>   — replace the GB/T 4754-2017 table with the official one
// CSV lines: code,name_zh[,name_en]; codes with or without the section letter (3511 → C3511 after a "C" line).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { closeDb, getDb } from '../lib/server/db/index.ts';
import { loadOfficialCodes, parseCodeCsv } from '../lib/server/standard/industry-codes.service.ts';
import { cliError } from './run.ts';

export default async function standard(args: string[]) {
  const [sub, file] = args;
  if (sub !== 'load-codes' || !file) throw cliError('usage: zeroland standard load-codes <file.csv>');
  const text = await readFile(file, 'utf8').catch(() => {
    throw cliError(`cannot read ${file}`);
  });
  const { codes, errors } = parseCodeCsv(text);
  if (errors.length) throw cliError(`${errors.length} line(s) not understood, first: ${errors[0]}`);
  if (codes.filter((c) => c.code.length === 1).length !== 20) throw cliError('the table must have the 20 sections A–T');
  const db = await getDb();
  const r = await loadOfficialCodes(db, codes, `official: ${path.basename(file)}`);
  console.log(`loaded ${r.loaded} industry codes from ${file}`);
  await closeDb();
}

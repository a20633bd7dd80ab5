// Issue 10: SQL lives in repositories (src/lib/server/**/*.repository.ts) and the database layer (server/db/);
// services keep the rules and transactions and call those. A statement run anywhere else fails here, by file.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname, '../../../src');

/** Operator tooling that describes a database it opens itself (a bare PGlite, a second pg connection). */
const ALLOWED = new Set(['lib/server/ops/backup/backup.ts']);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.(ts|js|svelte)$/.test(e.name) ? [p] : [];
  });
}

describe('SQL only in repositories', () => {
  it('no service, route or component runs a statement itself', () => {
    const offenders = files(SRC)
      .map((f) => path.relative(SRC, f).split(path.sep).join('/'))
      .filter((rel) => !rel.endsWith('.repository.ts') && !rel.startsWith('lib/server/db/') && !ALLOWED.has(rel))
      .filter((rel) => /\.(query|prepared)\s*[<(]|\brunPrepared\(/.test(readFileSync(path.join(SRC, rel), 'utf8')));
    expect(offenders).toEqual([]);
  });
});

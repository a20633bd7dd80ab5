// Issue 11.6: file ids scoped to the project, attaching by role and stage, an act and its document in one
// transaction, per-kind size limits, leftover temporary files removed at start.
import { mkdir, utimes, writeFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/lib/server/db/index.ts';
import { inTransaction } from '../../../src/lib/server/db/in-transaction.ts';
import { addProjectFile, getProject } from '../../../src/lib/server/projects/projects.service.ts';
import { applyProjectAction } from '../../../src/lib/server/workflow/workflow.service.ts';
import { getProjectEvaluation, recordDeclaration } from '../../../src/lib/server/standard/index.ts';
import { cleanLeftoverTemp, filesRoot } from '../../../src/lib/server/storage/storage.ts';
import { act, district, getDb, readyDraft } from '../workflow/harness.ts';
import { UserError } from '../../../src/lib/errors.ts';

let db: Db;
beforeAll(async () => {
  db = await getDb();
});

const enc = (s: string) => new TextEncoder().encode(s);
async function refusal(p: Promise<unknown>): Promise<UserError> {
  const e = await p.then(
    () => null,
    (x) => x
  );
  if (!(e instanceof UserError)) throw new Error(`expected UserError, got ${String(e)}`);
  return e;
}
const addFileEvents = async (id: string) =>
  Number(
    (
      await db.query<{ n: number }>(
        `select count(*)::int as n from events where project_id = $1 and action = 'add_file'`,
        [id]
      )
    ).rows[0].n
  );

describe('file ids belong to their project', () => {
  it("a declaration cannot cite another project's file, and a legacy foreign citation does not show its name", async () => {
    const pd = await district(db, 'pudong');
    const jd = await district(db, 'jiading');
    const theirs = await readyDraft(db, pd.ent, { landType: 'inside_boundary', authority: 'pudong' });
    const mine = await readyDraft(db, jd.ent, { landType: 'inside_boundary', authority: 'jiading' });
    const foreign = (await getProject(db, pd.ent, theirs.id)).files.land_title![0];
    const e = await refusal(
      recordDeclaration(db, jd.ent, mine.id, { criterionId: 'N-CATALOGUE', affirmed: true, fileId: foreign.id })
    );
    expect(e.status).toBe(400);
    expect(e.code).toBe('unknown_file');
    expect(e.text.zh).toMatch(/不是本项目已上传的文件/);
    // Its own document is accepted.
    const own = (await getProject(db, jd.ent, mine.id)).files.land_title![0];
    await recordDeclaration(db, jd.ent, mine.id, { criterionId: 'N-CATALOGUE', affirmed: true, fileId: own.id });
    // A row written before the check existed: the name of the other district's file is not shown.
    await db.query(
      `insert into standard_declarations (project_id, criterion_id, affirmed, file_id, declared_by) values ($1, 'N-THREEHIGH', true, $2, $3)`,
      [mine.id, foreign.id, jd.ent.id]
    );
    const view = JSON.stringify(await getProjectEvaluation(db, jd.ent, mine.id));
    expect(view).not.toContain(foreign.id);
  });
});

describe('attaching by role and stage', () => {
  it('nothing can be attached to a withdrawn project; a district department cannot add application documents', async () => {
    const pd = await district(db, 'pudong');
    const p = await readyDraft(db, pd.ent, { landType: 'inside_boundary', authority: 'pudong' });
    const v = await act(db, pd.ent, p.id, p.version, 'submit');
    const dept = await refusal(addProjectFile(db, pd.ghzy, p.id, 'land_title', { name: 'x.pdf', bytes: enc('x') }));
    expect(dept.status).toBe(403);
    expect(dept.text.en).toMatch(/Your role cannot upload "Land title certificate"/);
    await act(db, pd.ent, p.id, v, 'withdraw', { comment: '不再申报' });
    const before = await addFileEvents(p.id);
    for (const [who, kind] of [
      [pd.ent, 'other'],
      [pd.industry, 'joint_review_material'],
      [pd.ent, 'commitment']
    ] as const) {
      const e = await refusal(addProjectFile(db, who, p.id, kind, { name: 'late.pdf', bytes: enc(`late ${kind}`) }));
      expect(e.status).toBe(409);
      expect(e.code).toBe('project_closed');
      expect(e.text.zh).toMatch(/“已撤回”阶段.*已办结/);
    }
    expect(await addFileEvents(p.id)).toBe(before);
  });

  it('per-kind size limit: a 21 MB land title is refused with the limit, nothing stored', async () => {
    const pd = await district(db, 'pudong');
    const p = await readyDraft(db, pd.ent, { landType: 'inside_boundary', authority: 'pudong' });
    const e = await refusal(
      addProjectFile(db, pd.ent, p.id, 'land_title', {
        name: 'big.pdf',
        bytes: new Uint8Array(21 * 1024 * 1024).fill(1)
      })
    );
    expect(e.status).toBe(413);
    expect(e.text.en).toMatch(/at most 20 MB/);
    expect((await getProject(db, pd.ent, p.id)).files.land_title).toHaveLength(1);
  });
});

describe('an act and its document are one transaction', () => {
  it('a refused action leaves its uploaded document unattached, with no event', async () => {
    const pd = await district(db, 'pudong');
    const p = await readyDraft(db, pd.ent, { landType: 'inside_boundary', authority: 'pudong' });
    const v = await act(db, pd.ent, p.id, p.version, 'submit');
    const before = await addFileEvents(p.id);
    // 'return' without its reason is refused after the document was stored inside the transaction.
    const e = await refusal(
      inTransaction(db, async (tx) => {
        const doc = await addProjectFile(tx, pd.industry, p.id, 'joint_review_material', {
          name: '退回说明.pdf',
          bytes: enc(`return ${p.id}`)
        });
        await applyProjectAction(tx, pd.industry, p.id, { action: 'return', expectedVersion: v, documentId: doc.id });
      })
    );
    expect(e.code).toBe('reason_missing');
    const after = await getProject(db, pd.industry, p.id);
    expect(after.files.joint_review_material).toBeUndefined();
    expect(await addFileEvents(p.id)).toBe(before);
    expect(after.version).toBe(v);
  });
});

describe('leftover temporary files', () => {
  it('are removed at start when older than an hour; a fresh one (another instance writing) is kept', async () => {
    const dir = path.join(filesRoot(), 'ab');
    await mkdir(dir, { recursive: true });
    const old = path.join(dir, `${'ab'.padEnd(64, '0')}.0123456789ab.tmp`);
    const fresh = path.join(dir, `${'ab'.padEnd(64, '1')}.0123456789ab.tmp`);
    const blob = path.join(dir, 'ab'.padEnd(64, '2'));
    for (const f of [old, fresh, blob]) await writeFile(f, 'x');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    await utimes(old, twoHoursAgo, twoHoursAgo);
    await utimes(blob, twoHoursAgo, twoHoursAgo);
    expect(await cleanLeftoverTemp()).toBe(1);
    await expect(stat(old)).rejects.toThrow();
    expect((await stat(fresh)).isFile()).toBe(true);
    expect((await stat(blob)).isFile()).toBe(true);
  });
});

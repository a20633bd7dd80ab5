// The SQL version guard (`update projects … where id = $1 and version = $2`) on every engine. The embedded
// database runs one transaction at a time, so two racing requests never reach the guard there; these tests
// make "someone else committed between our read and our write" happen explicitly instead.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db, Queryable } from '../../../src/lib/server/db/index.ts';
import { applyProjectAction } from '../../../src/lib/server/workflow/workflow.service.ts';
import { getProject } from '../../../src/lib/server/projects/projects.service.ts';
import {
  findProject,
  insertEvent,
  updateProjectGuarded
} from '../../../src/lib/server/projects/projects.repository.ts';
import { act, district, events, getDb, readyDraft } from './harness.ts';
import { UserError } from '../../../src/lib/errors.ts';

let db: Db;
beforeAll(async () => {
  db = await getDb();
});

/** A Db whose transactions see another writer bump the project's version just before their guarded UPDATE. */
function withInterloper(base: Db, projectId: string): Db {
  const wrap = (tx: Queryable): Queryable => ({
    exec: (sql) => tx.exec(sql),
    async query(sql, params) {
      if (/^\s*update projects set stage/.test(sql)) {
        await tx.query(
          `update projects set version = version + 1, workflow = jsonb_set(workflow, '{version}', to_jsonb(version + 1)) where id = $1`,
          [projectId]
        );
      }
      return tx.query(sql, params);
    }
  });
  return {
    ...base,
    kind: base.kind,
    query: base.query.bind(base),
    exec: base.exec.bind(base),
    close: base.close.bind(base),
    transaction: (fn) => base.transaction((tx) => fn(wrap(tx)))
  };
}

describe('the SQL version guard on workflow actions', () => {
  it('the guarded UPDATE matches no row for a stale version and changes nothing', async () => {
    const pd = await district(db, 'xuhui');
    const { id, version } = await readyDraft(db, pd.ent, { landType: 'inside_boundary', authority: 'xuhui' });
    const row = (await findProject(db, id))!;
    const stale = version - 1;
    const ok = await updateProjectGuarded(db, id, stale, {
      workflow: { ...row.workflow, stage: 'submitted', version: version + 1 }
    });
    expect(ok).toBe(false);
    const after = (await findProject(db, id))!;
    expect(after.stage).toBe('draft');
    expect(after.version).toBe(version);
    // The current version passes the same guard.
    expect(await updateProjectGuarded(db, id, version, { workflow: { ...row.workflow, version: version + 1 } })).toBe(
      true
    );
  });

  it('an action whose project changed after it was read: 409 version conflict, no event, no state change', async () => {
    const pd = await district(db, 'xuhui');
    const { id, version } = await readyDraft(db, pd.ent, { landType: 'inside_boundary', authority: 'xuhui' });
    const v = await act(db, pd.ent, id, version, 'submit');
    const before = await events(db, id);
    const err = await applyProjectAction(withInterloper(db, id), pd.industry, id, {
      action: 'accept',
      expectedVersion: v
    }).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).status).toBe(409);
    expect((err as UserError).code).toBe('version_conflict');
    // The whole transaction rolled back: the interloper's bump too, and no event was appended.
    expect(await events(db, id)).toEqual(before);
    const p = await getProject(db, pd.industry, id);
    expect(p.stage).toBe('submitted');
    expect(p.version).toBe(v);
  });

  it('a second event with the same version cannot be appended (the index behind the guard)', async () => {
    const pd = await district(db, 'xuhui');
    const { id, version } = await readyDraft(db, pd.ent, { landType: 'inside_boundary', authority: 'xuhui' });
    const v = await act(db, pd.ent, id, version, 'submit');
    await expect(
      insertEvent(db, {
        projectId: id,
        actorId: pd.ent.id,
        role: 'enterprise',
        action: 'submit',
        from: 'draft',
        to: 'submitted',
        comment: null,
        payload: {},
        version: v
      })
    ).rejects.toThrow();
  });
});

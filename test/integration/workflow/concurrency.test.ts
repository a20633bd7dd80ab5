// Two officers act on the same version at once: exactly one wins; a refused action writes nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/lib/server/db/index.ts';
import { applyProjectAction } from '../../../src/lib/server/workflow/workflow.service.ts';
import { getProject, saveDraft } from '../../../src/lib/server/projects/projects.service.ts';
import { act, district, events, getDb, readyDraft, user } from './harness.ts';
import { UserError } from '../../../src/lib/errors.ts';

let db: Db;
beforeAll(async () => {
  db = await getDb();
});

describe('optimistic concurrency', () => {
  it('two accepts with the same expected version: one succeeds, one gets 409, one event is written', async () => {
    const pd = await district(db, 'pudong');
    const second = await user(db, 'district_industry', 'pudong');
    const { id, version } = await readyDraft(db, pd.ent, { landType: 'inside_boundary', authority: 'pudong' });
    const v = await act(db, pd.ent, id, version, 'submit');
    const before = (await events(db, id)).length;
    const results = await Promise.allSettled([
      applyProjectAction(db, pd.industry, id, { action: 'accept', expectedVersion: v }),
      applyProjectAction(db, second, id, { action: 'return', expectedVersion: v, comment: '材料不全' })
    ]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(failed[0].reason).toBeInstanceOf(UserError);
    expect((failed[0].reason as UserError).status).toBe(409);
    expect((failed[0].reason as UserError).text.zh).toContain('已被他人更新');
    expect((await events(db, id)).length).toBe(before + 1);
    expect((await getProject(db, pd.industry, id)).version).toBe(v + 1);
  });

  it('two draft saves with the same version: one 409', async () => {
    const pd = await district(db, 'pudong');
    const { id, version } = await readyDraft(db, pd.ent, { landType: 'inside_boundary', authority: 'pudong' });
    const results = await Promise.allSettled([
      saveDraft(db, pd.ent, id, { landArea: 1 }, version),
      saveDraft(db, pd.industry, id, { landArea: 2 }, version)
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as UserError).status : 200)).sort()).toEqual([
      200, 409
    ]);
  });

  it('a refused action leaves no event and no state change', async () => {
    const pd = await district(db, 'pudong');
    const { id, version } = await readyDraft(db, pd.ent, { landType: 'inside_boundary', authority: 'pudong' });
    const before = await getProject(db, pd.ent, id);
    const n = (await events(db, id)).length;
    for (const [actor, body, status] of [
      [pd.industry, { action: 'accept', expectedVersion: version }, 409], // not submitted yet
      [pd.gov, { action: 'submit', expectedVersion: version }, 403], // wrong role
      [pd.ent, { action: 'submit', expectedVersion: version + 7 }, 409], // stale version
      [pd.ent, { action: 'fly', expectedVersion: version }, 400] // no such action
    ] as const) {
      const e = await applyProjectAction(db, actor, id, body).then(
        () => null,
        (x) => x as UserError
      );
      expect(e?.status).toBe(status);
    }
    const after = await getProject(db, pd.ent, id);
    expect((await events(db, id)).length).toBe(n);
    expect([after.stage, after.version, after.updatedAt]).toEqual([before.stage, before.version, before.updatedAt]);
  });

  it('an incomplete form is refused on submit with every missing field named', async () => {
    const pd = await district(db, 'pudong');
    const { id, version } = await readyDraft(db, pd.ent, {
      landType: 'inside_boundary',
      authority: 'pudong',
      form: { contactPhone: '', uscc: '91310000MA1FL4XG4X' }
    });
    const e = await applyProjectAction(db, pd.ent, id, { action: 'submit', expectedVersion: version }).then(
      () => null,
      (x) => x as UserError
    );
    expect(e?.status).toBe(400);
    expect(e?.code).toBe('form_incomplete');
    expect(e?.text.zh).toContain('请填写“联系电话”');
    expect(e?.text.zh).toContain('统一社会信用代码');
    const p = await getProject(db, pd.ent, id);
    expect(p.submitProblems.map((x) => x.field).sort()).toEqual(['contactPhone', 'uscc']);
  });
});

// The positive/negative list is part of the workflow: a negative-list hit stops recognition until the
// district records an override with a reason, which is then in the event log.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/lib/server/db/index.ts';
import { getProject } from '../../../src/lib/server/projects/projects.service.ts';
import { recordOverride } from '../../../src/lib/server/standard/index.ts';
import { JUSTIFIED, act, district, events, getDb, issueSheetFor, readyDraft, recognitionDoc } from './harness.ts';
import { UserError } from '../../../src/lib/errors.ts';

let db: Db;
beforeAll(async () => {
  db = await getDb();
});

describe('negative list at recognition', () => {
  it('a cement plant (C3011, on the sample negative list) cannot be recognised until the district overrides with a reason', async () => {
    const pd = await district(db, 'pudong');
    const { id, version: v0 } = await readyDraft(db, pd.ent, {
      landType: 'inside_boundary',
      authority: 'pudong',
      form: { industryCode: 'C3011' }
    });
    let v = await act(db, pd.ent, id, v0, 'submit');
    v = await act(db, pd.industry, id, v, 'accept');
    v = await act(db, pd.industry, id, v, 'start_joint_review', { departments: ['planning_resources'] });
    v = await act(db, pd.ghzy, id, v, 'record_opinion', { opinion: 'agree' });
    await issueSheetFor(db, pd.industry, id);
    v = await act(db, pd.industry, id, v, 'close_joint_review');
    const doc = await recognitionDoc(db, pd.gov, id);

    const refused = await act(db, pd.gov, id, v, 'recognise', { justification: JUSTIFIED, documentId: doc }).then(
      () => null,
      (e) => e
    );
    expect(refused).toBeInstanceOf(UserError);
    expect((refused as UserError).status).toBe(409);
    expect((refused as UserError).code).toBe('negative_list_hit');
    expect((await getProject(db, pd.gov, id)).stage).toBe('decision');

    await recordOverride(db, pd.industry, id, { reason: '该项目为水泥窑协同处置改造，经区联审认定符合本区产业导向' });
    v = await act(db, pd.gov, id, v, 'recognise', { justification: JUSTIFIED, documentId: doc });
    expect((await getProject(db, pd.gov, id)).stage).toBe('tracking');
    const log = (await events(db, id)).map((e) => e.action);
    expect(log.indexOf('standard_override')).toBeGreaterThan(-1);
    expect(log.indexOf('standard_override')).toBeLessThan(log.indexOf('recognise'));
  });
});

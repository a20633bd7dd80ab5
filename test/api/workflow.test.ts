// Full journeys through /api/v1/projects/:id/actions with the demo users, on the demo parcels.
import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client } from '../helpers/http.ts';
import { action, apply, doc, issueSheet, ok, type ProjectJson, REUSED_PARCEL } from './projects-helpers.ts';

let ent: Client, ind: Client, fgw: Client, ghzy: Client, gov: Client, jdInd: Client;
beforeAll(async () => {
  [ent, ind, fgw, ghzy, gov, jdInd] = await Promise.all(
    ['ent_pudong', 'pd_industry', 'pd_fgw', 'pd_ghzy', 'pd_gov', 'jd_industry'].map((u) => loginAs(u))
  );
});

const get = async (c: Client, id: string) => ok<ProjectJson>(await c.request('GET', `/api/v1/projects/${id}`));

describe('Pudong district path over HTTP', () => {
  it('enterprise applies with a DXF boundary → district reviews → two departments → government recognises → tracking', async () => {
    const p = await apply(ent, 'P03', 'dxf');
    expect(p.landType).toBe('inside_boundary');
    expect(p.authorityCode).toBe('pudong');
    expect(p.availableActions.map((a) => a.type)).toContain('submit');
    await ok(await action(ent, p.id, 'submit'));
    // Another district's officer cannot see it, nor act on it.
    expect((await jdInd.request('GET', `/api/v1/projects/${p.id}`)).status).toBe(404);
    const wrong = await jdInd.request('POST', `/api/v1/projects/${p.id}/actions`, {
      action: 'accept',
      expectedVersion: 0
    });
    expect(wrong.status).toBe(404);
    expect((await wrong.json()).error.message).toBe('项目不存在，或您无权查看。');
    // The inbox of the district officer lists it with "accept".
    const box = await ok<{ items: { project: { id: string }; actions: { type: string }[] }[] }>(
      await ind.request('GET', '/api/v1/inbox')
    );
    expect(box.items.find((i) => i.project.id === p.id)?.actions.map((a) => a.type)).toContain('accept');
    await ok(await action(ind, p.id, 'accept', REUSED_PARCEL));
    expect((await get(ind, p.id)).clock?.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await ok(
      await action(ind, p.id, 'start_joint_review', { departments: ['planning_resources', 'development_reform'] })
    );
    await ok(await action(fgw, p.id, 'record_opinion', { opinion: 'agree' }));
    const noComment = await action(ghzy, p.id, 'record_opinion', { opinion: 'disagree' });
    expect(noComment.status).toBe(400);
    await ok(await action(ghzy, p.id, 'record_opinion', { opinion: 'conditional', comment: '按控详规划落实退界' }));
    // The enterprise cannot decide; the government can.
    expect((await action(ent, p.id, 'recognise', { documentId: 'x' })).status).toBe(403);
    // 附件 二.1: one copy of the 项目信息表 goes to the district government, so it exists before 报请认定.
    const noSheet = await action(ind, p.id, 'close_joint_review');
    expect(noSheet.status).toBe(409);
    expect((await noSheet.json()).error.code).toBe('sheet_missing');
    await issueSheet(ind, p.id);
    await ok(await action(ind, p.id, 'close_joint_review'));
    const recognition = await doc(gov, p.id, 'recognition');
    await ok(
      await action(gov, p.id, 'recognise', { documentId: recognition, justification: '区政府常务会议研究同意（测试）' })
    );
    const done = await get(ent, p.id);
    expect(done.stage).toBe('tracking');
    expect(done.events.map((e) => e.action).slice(-2)).toEqual(['recognise', 'enter_tracking']);
    // The recognition document downloads for the enterprise, with its name.
    const dl = await ent.request('GET', `/api/v1/files/${recognition}`);
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-disposition')).toContain("filename*=UTF-8''recognition.pdf");
    expect((await jdInd.request('GET', `/api/v1/files/${recognition}`)).status).toBe(404);
  });

  it('a concurrent double action: one succeeds, one 409 with a message', async () => {
    const p = await apply(ent, 'P03');
    await ok(await action(ent, p.id, 'submit'));
    const cur = await get(ind, p.id);
    const ind2 = await loginAs('pd_industry');
    const [a, b] = await Promise.all([
      ind.request('POST', `/api/v1/projects/${p.id}/actions`, {
        action: 'accept',
        expectedVersion: cur.version,
        ...REUSED_PARCEL
      }),
      ind2.request('POST', `/api/v1/projects/${p.id}/actions`, {
        action: 'return',
        expectedVersion: cur.version,
        comment: '缺材料'
      })
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect((await loser.json()).error.code).toBe('version_conflict');
    expect((await get(ind, p.id)).version).toBe(cur.version + 1);
  });

  it('malformed JSON and unknown actions are 400 with a message, never a stack trace', async () => {
    const p = await apply(ent, 'P03');
    const bad = await ent.request('POST', `/api/v1/projects/${p.id}/actions`, '{"action": "submit", ');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('bad_json');
    const unknown = await ent.request('POST', `/api/v1/projects/${p.id}/actions`, {
      action: 'teleport',
      expectedVersion: p.version
    });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(await unknown.json())).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('Lingang path over HTTP', () => {
  it('the Lingang committee recognises a Lingang parcel; Pudong officers do not see it', async () => {
    const [lgEnt, lgInd, lgGhzy, lgCom] = await Promise.all(
      ['ent_lingang', 'lg_industry', 'lg_ghzy', 'lg_committee'].map((u) => loginAs(u))
    );
    const p = await apply(lgEnt, 'P07');
    expect(p.authorityCode).toBe('lingang');
    await ok(await action(lgEnt, p.id, 'submit'));
    expect((await ind.request('GET', `/api/v1/projects/${p.id}`)).status).toBe(404);
    await ok(await action(lgInd, p.id, 'accept', REUSED_PARCEL));
    await ok(await action(lgInd, p.id, 'start_joint_review', { departments: ['planning_resources'] }));
    await ok(await action(lgGhzy, p.id, 'record_opinion', { opinion: 'agree' }));
    await issueSheet(lgInd, p.id);
    await ok(await action(lgInd, p.id, 'close_joint_review'));
    expect(
      (
        await gov.request('POST', `/api/v1/projects/${p.id}/actions`, {
          action: 'recognise',
          expectedVersion: 0,
          documentId: 'x'
        })
      ).status
    ).toBe(404);
    await ok(
      await action(lgCom, p.id, 'recognise', {
        documentId: await doc(lgCom, p.id, 'recognition'),
        justification: '管委会主任办公会研究同意（测试）'
      })
    );
    expect((await get(lgEnt, p.id)).stage).toBe('tracking');
  });
});

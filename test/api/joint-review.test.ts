// Issue 13.1–13.2 over HTTP with the demo users: departments are data per district (admin only), the lead
// enters opinions on departments' behalf from their signed letters, a department answers itself and its
// to-do clears, the table and the log say who entered what for whom.
import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client } from '../helpers/http.ts';
import { action, apply, doc, issueSheet, ok, type ProjectJson, REUSED_PARCEL } from './projects-helpers.ts';

let ent: Client, ind: Client, fgw: Client, ghzy: Client, admin: Client;
beforeAll(async () => {
  [ent, ind, fgw, ghzy, admin] = await Promise.all(
    ['ent_pudong', 'pd_industry', 'pd_fgw', 'pd_ghzy', 'admin'].map((u) => loginAs(u))
  );
});

type Dept = { code: string; zh: string; defaultInvited: boolean; active: boolean };
type Project = Omit<ProjectJson, 'events'> & {
  workflow: {
    invitedDepartments: string[];
    invitations: Record<string, { zh: string; dueOn: string }>;
    jointOpinions: Record<
      string,
      { opinion: string; actorName?: string; onBehalf?: { documentId: string; via: string } }
    >;
  };
  events: { action: string; actionLabel: { zh: string }; actorName: string }[];
};
const get = async (c: Client, id: string) => ok<Project>(await c.request('GET', `/api/v1/projects/${id}`));
const inboxIds = async (c: Client) =>
  (await ok<{ items: { project: { id: string } }[] }>(await c.request('GET', '/api/v1/inbox'))).items.map(
    (i) => i.project.id
  );

describe('departments as data', () => {
  it('each district has its own directory with a default invitation set beyond planning; only the administrator edits it', async () => {
    const { departments } = await ok<{ departments: Dept[] }>(await ind.request('GET', '/api/v1/departments'));
    expect(departments.filter((d) => d.defaultInvited).map((d) => d.code)).toEqual([
      'town_government',
      'development_reform',
      'planning_resources',
      'ecology_environment'
    ]);
    expect(departments.map((d) => d.zh)).toContain('区科委');
    const town = {
      authorityCode: 'pudong',
      code: 'town_zhoupu',
      zh: '周浦镇人民政府',
      en: 'Zhoupu town government',
      defaultInvited: false
    };
    const refused = await ind.request('POST', '/api/v1/departments', town);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toContain('系统管理员');
    await ok(await admin.request('POST', '/api/v1/departments', town));
    const bad = await admin.request('POST', '/api/v1/departments', { ...town, code: '周浦镇' });
    expect(bad.status).toBe(400);
    const after = await ok<{ departments: Dept[] }>(await ghzy.request('GET', '/api/v1/departments'));
    expect(after.departments.find((d) => d.code === 'town_zhoupu')?.zh).toBe('周浦镇人民政府');
    // Jiading is not touched.
    const jd = await ok<{ departments: Dept[] }>(await admin.request('GET', '/api/v1/departments?authority=jiading'));
    expect(jd.departments.some((d) => d.code === 'town_zhoupu')).toBe(false);
  });

  it('an account is bound by code to a department of its own district, never to another district or an unknown code', async () => {
    const me = await ok<{ user: { id: string } }>(await fgw.request('GET', '/api/v1/session'));
    const unknown = await admin.request('PATCH', `/api/v1/users/${me.user.id}`, { departmentCode: 'no_such_dept' });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.message).toContain('no_such_dept');
    await ok(
      await admin.request('PATCH', `/api/v1/users/${me.user.id}`, {
        departmentCode: 'development_reform',
        email: 'pd_fgw@example.gov.cn'
      })
    );
    expect(
      (await fgw.request('PATCH', `/api/v1/users/${me.user.id}`, { departmentCode: 'planning_resources' })).status
    ).toBe(403);
  });
});

describe('joint review as 附件 二.2 describes it', () => {
  it('lead enters two departments from their letters, one department answers itself, the review closes', async () => {
    const p = await apply(ent, 'P03');
    await ok(await action(ent, p.id, 'submit'));
    await ok(await action(ind, p.id, 'accept', REUSED_PARCEL));
    // An unknown department is refused, naming the code; planning cannot be left out.
    const unknown = await action(ind, p.id, 'start_joint_review', {
      departments: ['planning_resources', 'no_such_dept']
    });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.message).toContain('no_such_dept');
    const noPlanning = await action(ind, p.id, 'start_joint_review', { departments: ['development_reform'] });
    expect((await noPlanning.json()).error.code).toBe('department_required');
    await ok(
      await action(ind, p.id, 'start_joint_review', {
        departments: ['town_government', 'development_reform', 'planning_resources']
      })
    );
    let cur = await get(ind, p.id);
    expect(cur.workflow.invitations.town_government.zh).toBe('镇政府（街道办事处）');
    expect(cur.workflow.invitations.planning_resources.dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // Only the lead enters on a department's behalf, and only with the signed letter.
    expect(
      (await action(fgw, p.id, 'enter_opinion', { department: 'town_government', opinion: 'agree', documentId: 'x' }))
        .status
    ).toBe(403);
    expect(
      (await action(ent, p.id, 'enter_opinion', { department: 'town_government', opinion: 'agree', documentId: 'x' }))
        .status
    ).toBe(403);
    const noLetter = await action(ind, p.id, 'enter_opinion', { department: 'town_government', opinion: 'agree' });
    expect([noLetter.status, (await noLetter.json()).error.code]).toEqual([400, 'opinion_document_missing']);
    // The enterprise cannot file a department letter.
    const entLetter = await ent.request(
      'POST',
      `/api/v1/projects/${p.id}/files`,
      (() => {
        const f = new FormData();
        f.append('file', new Blob(['x']), 'a.pdf');
        f.append('kind', 'joint_review_opinion');
        return f;
      })()
    );
    expect(entLetter.status).toBe(403);
    const townLetter = await doc(ind, p.id, 'joint_review_opinion');
    await ok(
      await action(ind, p.id, 'enter_opinion', {
        department: 'town_government',
        opinion: 'agree',
        documentId: townLetter,
        via: 'letter'
      })
    );
    const fgwLetter = await doc(ind, p.id, 'joint_review_opinion');
    await ok(
      await action(ind, p.id, 'enter_opinion', {
        department: 'development_reform',
        opinion: 'conditional',
        comment: '按节能审查意见落实',
        documentId: fgwLetter,
        via: 'meeting'
      })
    );

    // The planning department still has its to-do; it answers itself; the to-do is gone.
    expect(await inboxIds(ghzy)).toContain(p.id);
    await ok(await action(ghzy, p.id, 'record_opinion', { opinion: 'agree' }));
    expect(await inboxIds(ghzy)).not.toContain(p.id);
    // The development-reform department was answered for by the lead: nothing waits on it either.
    expect(await inboxIds(fgw)).not.toContain(p.id);

    cur = await get(ind, p.id);
    expect(cur.workflow.jointOpinions.town_government).toMatchObject({
      opinion: 'agree',
      actorName: expect.stringContaining('浦东新区'),
      onBehalf: { documentId: townLetter, via: 'letter' }
    });
    expect(cur.workflow.jointOpinions.planning_resources.onBehalf).toBeUndefined();
    const labels = cur.events.map((e) => e.actionLabel.zh);
    expect(labels).toContain('代镇政府（街道办事处）录入联审意见（依据部门意见函）');
    expect(labels).toContain('区规划资源局填写联审意见');

    // The 区级联审情况一览表 says who entered what.
    const xlsx = await ind.request('GET', `/api/v1/projects/${p.id}/review-table?format=xlsx`);
    expect(xlsx.status).toBe(200);
    await issueSheet(ind, p.id);
    await ok(await action(ind, p.id, 'close_joint_review'));
    expect((await get(ent, p.id)).stage).toBe('decision');
  });

  it('退回补充材料: the lead returns the file from the joint review; the enterprise resubmits back into it', async () => {
    const p = await apply(ent, 'P03');
    await ok(await action(ent, p.id, 'submit'));
    await ok(await action(ind, p.id, 'accept', REUSED_PARCEL));
    await ok(
      await action(ind, p.id, 'start_joint_review', { departments: ['planning_resources', 'ecology_environment'] })
    );
    await ok(await action(ghzy, p.id, 'record_opinion', { opinion: 'agree' }));
    const noReason = await action(ind, p.id, 'return');
    expect(noReason.status).toBe(400);
    await ok(await action(ind, p.id, 'return', { comment: '请补充环评意向说明（联审中生态环境局提出）' }));
    let cur = await get(ent, p.id);
    expect(cur.stage).toBe('returned');
    expect(cur.events.at(-1)!.actionLabel.zh).toBe('退回补充材料（区级联审）');
    expect((cur as unknown as { clock: { state: string } }).clock.state).toBe('paused');
    await ok(await action(ent, p.id, 'resubmit'));
    cur = await get(ent, p.id);
    expect(cur.stage).toBe('joint_review');
    expect(cur.workflow.jointOpinions.planning_resources.opinion).toBe('agree');
  });
});

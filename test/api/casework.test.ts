// Issue 13.4–13.6 over HTTP with the demo users: 站内信 reach the enterprise and the invited departments and are
// read only by their owner; a department that has answered drops out of its inbox; the time limits are changed
// only by the administrator or the city SHEITC; the calendar is edited and a year's holidays imported only by
// the administrator, every change in the log; everyone sets their own e-mail address.
import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client } from '../helpers/http.ts';
import { action, apply, ok, REUSED_PARCEL } from './projects-helpers.ts';

let ent: Client, ind: Client, ghzy: Client, fgw: Client, jxw: Client, admin: Client;
beforeAll(async () => {
  [ent, ind, ghzy, fgw, jxw, admin] = await Promise.all(
    ['ent_pudong', 'pd_industry', 'pd_ghzy', 'pd_fgw', 'city_jxw', 'admin'].map((u) => loginAs(u))
  );
});

type Msg = { id: string; projectId: string; kind: string; subject: { zh: string }; read: boolean };
const messages = async (c: Client) =>
  ok<{ unread: number; items: Msg[] }>(await c.request('GET', '/api/v1/notifications'));
const inboxIds = async (c: Client) =>
  (await ok<{ items: { project: { id: string } }[] }>(await c.request('GET', '/api/v1/inbox'))).items.map(
    (i) => i.project.id
  );

describe('站内信 and the inbox', () => {
  it('accepted and opinion-requested messages reach their people; the answered department leaves the inbox; messages are private', async () => {
    const p = await apply(ent, 'P03');
    await ok(await action(ent, p.id, 'submit'));
    expect((await messages(ind)).items.some((m) => m.projectId === p.id && m.kind === 'submitted')).toBe(true);
    // P03 is the demo project's parcel too: the lead acknowledges the overlap (12.9).
    await ok(await action(ind, p.id, 'accept', REUSED_PARCEL));
    await ok(
      await action(ind, p.id, 'start_joint_review', { departments: ['development_reform', 'planning_resources'] })
    );

    const mine = (await messages(ent)).items.filter((m) => m.projectId === p.id);
    expect(mine.map((m) => m.kind)).toEqual(['accepted']);
    expect(mine[0].subject.zh).toMatch(/^项目 ZL-\d{4}-\d+ 已受理$/);
    const asked = (await messages(ghzy)).items.find((m) => m.projectId === p.id);
    expect(asked?.kind).toBe('opinion_requested');
    // The lead is not told of its own acts.
    expect((await messages(ind)).items.filter((m) => m.projectId === p.id).map((m) => m.kind)).toEqual(['submitted']);

    // Inbox clears for the department that answered, not for the one still to answer.
    expect(await inboxIds(ghzy)).toContain(p.id);
    await ok(await action(ghzy, p.id, 'record_opinion', { opinion: 'agree' }));
    expect(await inboxIds(ghzy)).not.toContain(p.id);
    expect(await inboxIds(fgw)).toContain(p.id);

    // Reading: only one's own message; the unread count follows.
    const before = (await messages(ent)).unread;
    const other = await ok<{ changed: number }>(
      await ghzy.request('POST', '/api/v1/notifications/read', { id: mine[0].id })
    );
    expect(other.changed).toBe(0);
    const read = await ok<{ changed: number; unread: number }>(
      await ent.request('POST', '/api/v1/notifications/read', { id: mine[0].id })
    );
    expect(read).toEqual({ changed: 1, unread: before - 1 });
  });

  it('everyone sets their own e-mail address; a wrong one is refused in both languages', async () => {
    const bad = await ent.request('PUT', '/api/v1/account/email', { email: 'not-an-address' });
    expect(bad.status).toBe(400);
    const msg = (await bad.json()).error.message as string;
    expect(msg).toContain('电子邮箱地址格式不正确');
    expect(await ok(await ent.request('PUT', '/api/v1/account/email', { email: 'ent_pudong@example.com' }))).toEqual({
      email: 'ent_pudong@example.com'
    });
    expect((await ok<{ user: { email: string } }>(await ent.request('GET', '/api/v1/session'))).user.email).toBe(
      'ent_pudong@example.com'
    );
  });
});

describe('time limits and the calendar are administration', () => {
  it('the city SHEITC and the administrator change the limits; a district may not', async () => {
    const current = await ok<Record<string, number>>(await ind.request('GET', '/api/v1/settings/deadlines'));
    expect(current).toMatchObject({ recognitionWorkingDays: 10, warnAt: 0.5, alertAt: 0.8 });
    expect(
      (await ind.request('PUT', '/api/v1/settings/deadlines', { ...current, recognitionWorkingDays: 15 })).status
    ).toBe(403);
    await ok(await jxw.request('PUT', '/api/v1/settings/deadlines', { ...current, acceptanceWorkingDays: 7 }));
    expect(
      (await ok<Record<string, number>>(await ind.request('GET', '/api/v1/settings/deadlines'))).acceptanceWorkingDays
    ).toBe(7);
    const bad = await admin.request('PUT', '/api/v1/settings/deadlines', { ...current, warnAt: 0.9, alertAt: 0.5 });
    expect(bad.status).toBe(400);
    await ok(await admin.request('PUT', '/api/v1/settings/deadlines', current));
  });

  it("the administrator imports a year's holiday list; bad lines are named and nothing is imported; districts may not", async () => {
    const list = '2032-01-01,holiday,元旦\n2032-02-10~2032-02-16,放假,春节\n2032-02-08,上班,春节\n';
    expect((await ind.request('POST', '/api/v1/calendar/import', { year: 2032, text: list })).status).toBe(403);
    const bad = await admin.request('POST', '/api/v1/calendar/import', {
      year: 2032,
      text: list + '2032-02-30,holiday,x\n'
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toContain('第 4 行');
    expect(
      (await ok<{ published: boolean; days: unknown[] }>(await ind.request('GET', '/api/v1/calendar?year=2032')))
        .published
    ).toBe(false);
    const done = await ok<{ published: boolean; imported: number; days: { date: string; kind: string }[] }>(
      await admin.request('POST', '/api/v1/calendar/import', { year: 2032, text: list })
    );
    expect(done).toMatchObject({ published: true, imported: 9 });
    expect(done.days.find((d) => d.date === '2032-02-08')?.kind).toBe('workday');
    // One 调休 day edited by hand, then taken back: both in the log.
    await ok(await admin.request('PUT', '/api/v1/calendar/2032-02-21', { kind: 'workday', name: '春节' }));
    await ok(await admin.request('PUT', '/api/v1/calendar/2032-02-21', { kind: null }));
    expect((await ind.request('PUT', '/api/v1/calendar/2032-02-22', { kind: 'workday', name: '春节' })).status).toBe(
      403
    );
  });
});

// 站内信 and e-mail (issue 13.5) through a real SMTP receiver on a local port: the enterprise is told when it is
// accepted, returned and recognised, the departments when their opinion is requested, the lead when a file
// arrives — in Chinese, with a link to the project at PUBLIC_ORIGIN. A mail server that is down never breaks or
// rolls back the action: the message stays in-app and the failure is kept and logged. Unset SMTP_URL: in-app only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, district, getDb, issueSheetFor, JUSTIFIED, readyDraft, recognitionDoc } from '../workflow/harness.ts';
import { startSmtpReceiver, type SmtpReceiver } from '../../helpers/smtp.ts';
import { freePort } from '../../helpers/service.ts';
import { closeMailer } from '../../../src/lib/server/notifications/mailer.ts';
import {
  deliveriesSettled,
  listNotifications,
  markRead,
  unreadCount
} from '../../../src/lib/server/notifications/notify.service.ts';
import type { Db } from '../../../src/lib/server/db/index.ts';

let smtp: SmtpReceiver;
const ORIGIN = 'https://zeroland.example.gov.cn';
beforeAll(async () => {
  await getDb();
  smtp = await startSmtpReceiver();
  process.env.PUBLIC_ORIGIN = ORIGIN;
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  delete process.env.PUBLIC_ORIGIN;
  closeMailer();
  await smtp?.close();
});

const setEmail = (db: Db, id: string, email: string) =>
  db.query('update users set email = $2 where id = $1', [id, email]);
const to = (addr: string) => smtp.mails.filter((m) => m.to.includes(addr));

describe('e-mail through a real SMTP server', () => {
  it('the enterprise hears of return, acceptance and recognition; the department is asked for its opinion; mails are Chinese with the link', async () => {
    process.env.SMTP_URL = smtp.url;
    const db = await getDb();
    const pd = await district(db, 'pudong');
    const tag = pd.ent.id.slice(0, 8);
    const [ent, lead, ghzy] = [`ent-${tag}@example.com`, `lead-${tag}@example.gov.cn`, `ghzy-${tag}@example.gov.cn`];
    await setEmail(db, pd.ent.id, ent);
    await setEmail(db, pd.industry.id, lead);
    await setEmail(db, pd.ghzy.id, ghzy);
    const { id, version } = await readyDraft(db, pd.ent, { landType: 'inside_boundary', authority: 'pudong' });
    const code = (await db.query<{ code: string }>('select code from projects where id = $1', [id])).rows[0].code;
    let v = await act(db, pd.ent, id, version, 'submit');
    v = await act(db, pd.industry, id, v, 'return', { comment: '请补充不动产权证书清晰扫描件' });
    v = await act(db, pd.ent, id, v, 'resubmit');
    v = await act(db, pd.industry, id, v, 'accept');
    v = await act(db, pd.industry, id, v, 'start_joint_review', { departments: ['planning_resources'] });
    v = await act(db, pd.ghzy, id, v, 'record_opinion', { opinion: 'agree' });
    await issueSheetFor(db, pd.industry, id); // 附件 二.1: the sheet goes with the case to the deciders
    v = await act(db, pd.industry, id, v, 'close_joint_review');
    await act(db, pd.gov, id, v, 'recognise', {
      justification: JUSTIFIED,
      documentId: await recognitionDoc(db, pd.gov, id)
    });
    await deliveriesSettled();
    await smtp.waitFor(1);

    const entMails = to(ent);
    expect(entMails.map((m) => m.subject)).toEqual([
      `项目 ${code} 被退回补正`,
      `项目 ${code} 已受理`,
      `项目 ${code} 通过认定`
    ]);
    expect(entMails[0].text).toContain('请补充不动产权证书清晰扫描件');
    for (const m of entMails) {
      expect(m.text).toContain(`${ORIGIN}/projects/${id}`);
      expect(m.text.indexOf('查看项目')).toBeGreaterThan(0);
    }
    const ask = to(ghzy);
    expect(ask.map((m) => m.subject)).toEqual([`请对项目 ${code} 出具审核意见`]);
    expect(ask[0].text).toMatch(/请于 \d{4}-\d{2}-\d{2} 前反馈/);
    // The lead: two arrivals and the recognition (it recorded nothing itself that it is told about).
    expect(to(lead).map((m) => m.subject)).toEqual([
      `项目 ${code} 已提交，待受理`,
      `项目 ${code} 已提交，待受理`,
      `项目 ${code} 通过认定`
    ]);
    // Nobody is mailed about their own act; every mail came from the configured sender.
    expect(to(lead).some((m) => m.subject.includes('已受理'))).toBe(false);
    expect(new Set(smtp.mails.map((m) => m.from))).toEqual(new Set(['noreply@zeroland.invalid']));

    // The same messages are in the 站内信, marked as e-mailed; reading them clears the count.
    const inApp = (await listNotifications(db, pd.ent.id)).filter((n) => n.projectId === id);
    expect(inApp.map((n) => [n.kind, n.email])).toEqual([
      ['recognised', 'sent'],
      ['accepted', 'sent'],
      ['returned', 'sent']
    ]);
    expect(await unreadCount(db, pd.ent.id)).toBe(3);
    expect(await markRead(db, pd.ent.id, inApp[2].id)).toBe(1);
    expect(await markRead(db, pd.industry.id, inApp[1].id)).toBe(0); // not the lead's message
    expect(await unreadCount(db, pd.ent.id)).toBe(2);
    await markRead(db, pd.ent.id);
    expect(await unreadCount(db, pd.ent.id)).toBe(0);
  });

  it('a mail server that is down does not break or roll back the action; the failure is kept on the message', async () => {
    process.env.SMTP_URL = `smtp://127.0.0.1:${await freePort()}`; // nothing listens there
    const db = await getDb();
    const pd = await district(db, 'pudong');
    await setEmail(db, pd.ent.id, `down-${pd.ent.id.slice(0, 8)}@example.com`);
    const { id, version } = await readyDraft(db, pd.ent, { landType: 'inside_boundary', authority: 'pudong' });
    const v = await act(db, pd.ent, id, version, 'submit');
    await act(db, pd.industry, id, v, 'accept');
    await deliveriesSettled();
    expect((await db.query<{ stage: string }>('select stage from projects where id = $1', [id])).rows[0].stage).toBe(
      'preliminary_review'
    );
    const [msg] = (await listNotifications(db, pd.ent.id)).filter((n) => n.projectId === id);
    expect(msg).toMatchObject({ kind: 'accepted', email: 'failed', read: false });
    const err = await db.query<{ email_error: string }>('select email_error from notifications where id = $1', [
      msg.id
    ]);
    expect(err.rows[0].email_error).toMatch(/ECONNREFUSED|connect/i);
  });

  it('without SMTP_URL messages are in-app only', async () => {
    delete process.env.SMTP_URL;
    const db = await getDb();
    const before = smtp.mails.length;
    const pd = await district(db, 'pudong');
    await setEmail(db, pd.ent.id, `quiet-${pd.ent.id.slice(0, 8)}@example.com`);
    const { id, version } = await readyDraft(db, pd.ent, { landType: 'inside_boundary', authority: 'pudong' });
    const v = await act(db, pd.ent, id, version, 'submit');
    await act(db, pd.industry, id, v, 'accept');
    await deliveriesSettled();
    expect((await listNotifications(db, pd.ent.id)).map((n) => [n.kind, n.email])).toEqual([['accepted', 'none']]);
    expect(smtp.mails.length).toBe(before);
  });
});

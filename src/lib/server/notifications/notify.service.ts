// 站内信 (issue 13.5): notices of the domain (domain/notifications.ts) resolved to accounts and stored in the
// transaction of the event that caused them; e-mailed after the commit (outbox in table notifications).
import type { Db, Queryable } from '../db/index.ts';
import { log } from '../ops/log.ts';
import { apiError } from '../http/api.ts';
import { setUserEmail, userEmail } from '../users/users.repository.ts';
import { appOrigin, mailConfigured, sendMail } from './mailer.ts';
import { mailText, noticeText, type Audience, type Notice } from '../../domain/notifications.ts';

export interface ProjectRef {
  id: string;
  code: string;
  title: string;
  owner_id: string;
  authority_code: string | null;
}

async function recipients(db: Queryable, p: ProjectRef, a: Audience): Promise<{ id: string; email: string | null }[]> {
  const active = `disabled = false`;
  let q: { text: string; values: unknown[] };
  switch (a.to) {
    case 'owner':
      q = { text: `select id, email from users where id = $1 and ${active}`, values: [p.owner_id] };
      break;
    case 'lead':
      q = {
        text: `select id, email from users where role = 'district_industry' and authority_code = $1 and ${active}`,
        values: [p.authority_code]
      };
      break;
    case 'decider':
      q = {
        text: `select id, email from users where role in ('district_government', 'lingang_committee') and authority_code = $1 and ${active}`,
        values: [p.authority_code]
      };
      break;
    case 'department':
      q = {
        text: `select id, email from users where role = 'district_department' and authority_code = $1 and department_code = $2 and ${active}`,
        values: [p.authority_code, a.code]
      };
      break;
    case 'roles':
      q = { text: `select id, email from users where role = any($1::text[]) and ${active}`, values: [[...a.roles]] };
      break;
  }
  return (await db.query<{ id: string; email: string | null }>(q.text, q.values)).rows;
}

/**
 * Store the notices' messages, one per person (the actor is not told of their own act; a person reached twice
 * for the same kind gets one message). Call inside the transaction that records the event. Returns the count.
 */
export async function notify(
  db: Queryable,
  p: ProjectRef,
  notices: readonly Notice[],
  actorId: string | null
): Promise<number> {
  const mail = mailConfigured();
  const seen = new Set<string>();
  let n = 0;
  for (const notice of notices) {
    const text = noticeText(notice.kind, notice.facts);
    for (const r of await recipients(db, p, notice.audience)) {
      const key = `${r.id}|${notice.kind}`;
      if (r.id === actorId || seen.has(key)) continue;
      seen.add(key);
      const email = mail && r.email ? r.email : null;
      await db.query(
        `insert into notifications (user_id, project_id, kind, subject_zh, subject_en, body_zh, body_en, email_to, email_status)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          r.id,
          p.id,
          notice.kind,
          text.subjectZh,
          text.subjectEn,
          text.bodyZh,
          text.bodyEn,
          email,
          email ? 'pending' : 'none'
        ]
      );
      n++;
    }
  }
  return n;
}

// ---- delivery (after commit) ----

let running: Promise<void> | null = null;
let again = false;

/** Send the pending e-mails now, in the background (never awaited by a request). */
export function kickDelivery(db: Db): Promise<void> {
  if (!mailConfigured()) return Promise.resolve();
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    do {
      again = false;
      while ((await deliverBatch(db)) > 0) {
        /* next batch */
      }
    } while (again);
  })()
    .catch((e) => log.error('mail_delivery_failed', { msg: (e as Error).message }))
    .finally(() => {
      running = null;
    });
  return running;
}

/** Resolves when the deliveries started so far are done (tests, shutdown). */
export const deliveriesSettled = async () => {
  while (running) await running;
};

interface OutboxRow {
  id: string;
  project_id: string | null;
  email_to: string;
  subject_zh: string;
  subject_en: string;
  body_zh: string;
  body_en: string;
}

async function deliverBatch(db: Db): Promise<number> {
  // Claimed first, so two instances never send the same message.
  const { rows } = await db.query<OutboxRow>(
    `update notifications set email_status = 'sending'
      where id in (select id from notifications where email_status = 'pending' order by id limit 20 for update skip locked)
      returning id, project_id, email_to, subject_zh, subject_en, body_zh, body_en`
  );
  const origin = appOrigin();
  // In the order they were written (UPDATE … RETURNING has no order of its own).
  rows.sort((x, y) => Number(x.id) - Number(y.id));
  for (const r of rows) {
    const url = origin && r.project_id ? `${origin}/projects/${r.project_id}` : null;
    try {
      await sendMail(
        r.email_to,
        r.subject_zh,
        mailText({ subjectZh: r.subject_zh, subjectEn: r.subject_en, bodyZh: r.body_zh, bodyEn: r.body_en }, url)
      );
      await db.query(
        `update notifications set email_status = 'sent', emailed_at = now(), email_error = null where id = $1`,
        [r.id]
      );
      log.info('mail_sent', { notification: r.id });
    } catch (e) {
      const msg = (e as Error).message.slice(0, 500);
      await db.query(`update notifications set email_status = 'failed', email_error = $2 where id = $1`, [r.id, msg]);
      log.warn('mail_failed', { notification: r.id, msg });
    }
  }
  return rows.length;
}

/** Messages claimed by a process that died mid-send go back to the queue (run by the periodic timer). */
export async function requeueStuck(db: Queryable): Promise<void> {
  await db.query(
    `update notifications set email_status = 'pending' where email_status = 'sending' and created_at < now() - interval '10 minutes'`
  );
}

// ---- reading ----

export interface NotificationView {
  id: string;
  projectId: string | null;
  kind: string;
  subject: { zh: string; en: string };
  body: { zh: string; en: string };
  createdAt: string;
  read: boolean;
  email: 'none' | 'pending' | 'sending' | 'sent' | 'failed';
}

export async function listNotifications(db: Queryable, userId: string, limit = 100): Promise<NotificationView[]> {
  const { rows } = await db.query<{
    id: string;
    project_id: string | null;
    kind: string;
    subject_zh: string;
    subject_en: string;
    body_zh: string;
    body_en: string;
    created_at: Date;
    read_at: Date | null;
    email_status: NotificationView['email'];
  }>(
    `select id, project_id, kind, subject_zh, subject_en, body_zh, body_en, created_at, read_at, email_status
       from notifications where user_id = $1 order by id desc limit $2`,
    [userId, limit]
  );
  return rows.map((r) => ({
    id: String(r.id),
    projectId: r.project_id,
    kind: r.kind,
    subject: { zh: r.subject_zh, en: r.subject_en },
    body: { zh: r.body_zh, en: r.body_en },
    createdAt: new Date(r.created_at).toISOString(),
    read: r.read_at !== null,
    email: r.email_status
  }));
}

export async function unreadCount(db: Queryable, userId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `select count(*)::int as n from notifications where user_id = $1 and read_at is null`,
    [userId]
  );
  return rows[0]?.n ?? 0;
}

/** Mark one message (or all, when id is omitted) as read; only the person's own. Returns how many changed. */
export async function markRead(db: Queryable, userId: string, id?: string): Promise<number> {
  const { rows } = id
    ? await db.query(
        `update notifications set read_at = now() where user_id = $1 and id = $2 and read_at is null returning id`,
        [userId, id]
      )
    : await db.query(`update notifications set read_at = now() where user_id = $1 and read_at is null returning id`, [
        userId
      ]);
  return rows.length;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Everyone sets the address their messages are e-mailed to (empty: none); logged as an account event. */
export async function setOwnEmail(
  db: Db,
  user: { id: string; role: string; username: string },
  input: unknown
): Promise<string | null> {
  const raw = typeof input === 'string' ? input.trim() : input === null || input === undefined ? '' : null;
  if (raw === null || (raw !== '' && (!EMAIL.test(raw) || raw.length > 200))) {
    const shown = String(input ?? '').slice(0, 80);
    throw apiError(400, 'bad_email', {
      zh: `电子邮箱地址格式不正确：${shown}。请填写如 name@example.com 的地址，或留空不接收邮件。`,
      en: `Not a valid e-mail address: ${shown}. Give one like name@example.com, or leave it empty for no e-mail.`
    });
  }
  const email = raw === '' ? null : raw;
  await db.transaction(async (tx) => {
    const before = await userEmail(tx, user.id, { forUpdate: true });
    await setUserEmail(tx, user.id, email);
    await tx.query(
      `insert into events (project_id, actor_id, actor_role, action, payload) values (null, $1, $2, 'user_email', $3)`,
      [user.id, user.role, JSON.stringify({ userId: user.id, username: user.username, from: before, to: email })]
    );
  });
  return email;
}

/** The address the signed-in person's messages are e-mailed to (null: none). */
export const ownEmail = (db: Queryable, userId: string): Promise<string | null> => userEmail(db, userId);

// 站内信 (issue 13.5): notices of the domain (domain/notifications.ts) resolved to accounts and stored in the
// transaction of the event that caused them; e-mailed after the commit (outbox in table notifications).
import type { Db, Queryable } from '../db/index.ts';
import { log } from '../ops/log.ts';
import { apiError } from '../http/api.ts';
import { setUserEmail, userEmail } from '../users/users.repository.ts';
import { insertOfficeEvent } from '../audit/events.repository.ts';
import * as repo from './notifications.repository.ts';
import { appOrigin, mailConfigured, sendMail } from './mailer.ts';
import { mailText, noticeText, type Notice } from '../../domain/notifications.ts';

export interface ProjectRef {
  id: string;
  code: string;
  title: string;
  owner_id: string;
  authority_code: string | null;
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
    for (const r of await repo.audienceAccounts(db, p, notice.audience)) {
      const key = `${r.id}|${notice.kind}`;
      if (r.id === actorId || seen.has(key)) continue;
      seen.add(key);
      await repo.insertNotification(db, {
        userId: r.id,
        projectId: p.id,
        kind: notice.kind,
        subjectZh: text.subjectZh,
        subjectEn: text.subjectEn,
        bodyZh: text.bodyZh,
        bodyEn: text.bodyEn,
        emailTo: mail && r.email ? r.email : null
      });
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

async function deliverBatch(db: Db): Promise<number> {
  // Claimed first, so two instances never send the same message.
  const rows = await repo.claimOutbox(db, 20);
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
      await repo.markEmailSent(db, r.id);
      log.info('mail_sent', { notification: r.id });
    } catch (e) {
      const msg = (e as Error).message.slice(0, 500);
      await repo.markEmailFailed(db, r.id, msg);
      log.warn('mail_failed', { notification: r.id, msg });
    }
  }
  return rows.length;
}

/** Messages claimed by a process that died mid-send go back to the queue (run by the periodic timer). */
export async function requeueStuck(db: Queryable): Promise<void> {
  await repo.requeueStuckEmails(db);
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
  const rows = await repo.notificationsOf(db, userId, limit);
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
  return repo.countUnread(db, userId);
}

/** Mark one message (or all, when id is omitted) as read; only the person's own. Returns how many changed. */
export async function markRead(db: Queryable, userId: string, id?: string): Promise<number> {
  return repo.markNotificationsRead(db, userId, id);
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
    await insertOfficeEvent(tx, {
      actorId: user.id,
      role: user.role,
      action: 'user_email',
      payload: { userId: user.id, username: user.username, from: before, to: email }
    });
  });
  return email;
}

/** The address the signed-in person's messages are e-mailed to (null: none). */
export const ownEmail = (db: Queryable, userId: string): Promise<string | null> => userEmail(db, userId);

// The notifications table: the messages (站内信) and their e-mail outbox, and who receives which notice.
import type { Queryable } from '../db/index.ts';
import type { Audience } from '../../domain/notifications.ts';

export interface Recipient {
  id: string;
  email: string | null;
}

/** The enabled accounts an audience names for a project of this district (and owner). */
export async function audienceAccounts(
  db: Queryable,
  p: { owner_id: string; authority_code: string | null },
  a: Audience
): Promise<Recipient[]> {
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
  return (await db.query<Recipient>(q.text, q.values)).rows;
}

export interface NewNotification {
  userId: string;
  projectId: string;
  kind: string;
  subjectZh: string;
  subjectEn: string;
  bodyZh: string;
  bodyEn: string;
  /** The address to e-mail it to (queued as pending); null: not e-mailed. */
  emailTo: string | null;
}

export async function insertNotification(db: Queryable, n: NewNotification): Promise<void> {
  await db.query(
    `insert into notifications (user_id, project_id, kind, subject_zh, subject_en, body_zh, body_en, email_to, email_status)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      n.userId,
      n.projectId,
      n.kind,
      n.subjectZh,
      n.subjectEn,
      n.bodyZh,
      n.bodyEn,
      n.emailTo,
      n.emailTo ? 'pending' : 'none'
    ]
  );
}

export interface OutboxRow {
  id: string;
  project_id: string | null;
  email_to: string;
  subject_zh: string;
  subject_en: string;
  body_zh: string;
  body_en: string;
}

/** Claims up to `limit` pending e-mails (status 'sending'), skipping those another process holds; in no order. */
export async function claimOutbox(db: Queryable, limit: number): Promise<OutboxRow[]> {
  const { rows } = await db.query<OutboxRow>(
    `update notifications set email_status = 'sending'
      where id in (select id from notifications where email_status = 'pending' order by id limit $1 for update skip locked)
      returning id, project_id, email_to, subject_zh, subject_en, body_zh, body_en`,
    [limit]
  );
  return rows;
}

export async function markEmailSent(db: Queryable, id: string): Promise<void> {
  await db.query(
    `update notifications set email_status = 'sent', emailed_at = now(), email_error = null where id = $1`,
    [id]
  );
}

export async function markEmailFailed(db: Queryable, id: string, error: string): Promise<void> {
  await db.query(`update notifications set email_status = 'failed', email_error = $2 where id = $1`, [id, error]);
}

/** E-mails claimed more than 10 minutes ago and never finished go back to pending. */
export async function requeueStuckEmails(db: Queryable): Promise<void> {
  await db.query(
    `update notifications set email_status = 'pending' where email_status = 'sending' and created_at < now() - interval '10 minutes'`
  );
}

export interface NotificationRow {
  id: string;
  project_id: string | null;
  kind: string;
  subject_zh: string;
  subject_en: string;
  body_zh: string;
  body_en: string;
  created_at: Date;
  read_at: Date | null;
  email_status: 'none' | 'pending' | 'sending' | 'sent' | 'failed';
}

/** A person's messages, newest first. */
export async function notificationsOf(db: Queryable, userId: string, limit: number): Promise<NotificationRow[]> {
  const { rows } = await db.query<NotificationRow>(
    `select id, project_id, kind, subject_zh, subject_en, body_zh, body_en, created_at, read_at, email_status
       from notifications where user_id = $1 order by id desc limit $2`,
    [userId, limit]
  );
  return rows;
}

export async function countUnread(db: Queryable, userId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `select count(*)::int as n from notifications where user_id = $1 and read_at is null`,
    [userId]
  );
  return rows[0]?.n ?? 0;
}

/** Marks the person's unread message `id` (all of them when id is omitted) as read; returns how many changed. */
export async function markNotificationsRead(db: Queryable, userId: string, id?: string): Promise<number> {
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

// The sessions table: rows keyed by the SHA-256 of the cookie's token (session.ts makes and hashes tokens).
import type { Queryable } from '../db/index.ts';
import type { Role } from '../../domain/roles.ts';

export interface SessionUserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  authority_code: string | null;
  department: string | null;
  enterprise_name: string | null;
  must_change_password: boolean;
  department_code: string | null;
  email: string | null;
}

export async function insertSession(
  db: Queryable,
  s: { tokenHash: string; userId: string; hours: number; ip: string; userAgent: string }
): Promise<Date> {
  const { rows } = await db.query<{ expires_at: Date }>(
    `insert into sessions (token_hash, user_id, expires_at, ip, user_agent)
     values ($1, $2, now() + make_interval(hours => $3), $4, $5) returning expires_at`,
    [s.tokenHash, s.userId, s.hours, s.ip, s.userAgent]
  );
  return rows[0].expires_at;
}

/** The user of a live session whose account is enabled and not pending; null otherwise. */
export async function sessionUser(db: Queryable, tokenHash: string): Promise<SessionUserRow | null> {
  const { rows } = await db.query<SessionUserRow>(
    `select u.id, u.username, u.display_name, u.role, u.authority_code, u.department, u.enterprise_name, u.must_change_password, u.department_code, u.email
       from sessions s join users u on u.id = s.user_id
      where s.token_hash = $1 and s.expires_at > now() and not u.disabled and not u.pending`,
    [tokenHash]
  );
  return rows[0] ?? null;
}

export async function deleteSessionRow(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('delete from sessions where token_hash = $1', [tokenHash]);
}

/** Ends the user's sessions, all but the one whose token hash is `keepTokenHash` (if given). */
export async function deleteUserSessions(
  db: Queryable,
  userId: string,
  keepTokenHash: string | null = null
): Promise<void> {
  await db.query('delete from sessions where user_id = $1 and token_hash is distinct from $2', [userId, keepTokenHash]);
}

export async function deleteDemoSessions(db: Queryable): Promise<void> {
  await db.query(`delete from sessions where user_id in (select id from users where demo)`);
}

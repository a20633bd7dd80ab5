// Database-backed sessions. The cookie holds a random token; the table holds only its SHA-256,
// so a leaked database copy cannot be replayed as cookies.
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/index.ts';
import type { Role } from '../../domain/roles.ts';

export const SESSION_COOKIE = 'zl_session';
export const SESSION_HOURS = 12; // one working day; officers log in again the next morning

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  authorityCode: string | null;
  department: string | null;
  /** District departments: the code of the department the account is bound to (issue 13.2). */
  departmentCode?: string | null;
  /** Where notifications are mailed when SMTP_URL is set. */
  email?: string | null;
  enterpriseName: string | null;
  /** Signed in with a temporary password: must choose a new one before anything else (issue 11.8). */
  mustChangePassword?: boolean;
  /** Set when the request came with an API token (issue 17.1): the token and its scopes. */
  token?: { id: string; name: string; scopes: string[]; ratePerMinute: number };
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** The stored form of a session token. */
export const tokenHash = sha256;

export async function createSession(db: Queryable, userId: string, meta: { ip: string; userAgent: string }) {
  const token = randomBytes(32).toString('base64url');
  const { rows } = await db.query<{ expires_at: Date }>(
    `insert into sessions (token_hash, user_id, expires_at, ip, user_agent)
     values ($1, $2, now() + make_interval(hours => $3), $4, $5) returning expires_at`,
    [sha256(token), userId, SESSION_HOURS, meta.ip, meta.userAgent.slice(0, 300)]
  );
  return { token, expiresAt: rows[0].expires_at };
}

export async function resolveSession(db: Queryable, token: string | undefined): Promise<SessionUser | null> {
  if (!token || token.length > 100) return null;
  const { rows } = await db.query<{
    id: string; username: string; display_name: string; role: Role; authority_code: string | null;
    department: string | null; enterprise_name: string | null; must_change_password: boolean; department_code: string | null; email: string | null;
  }>(
    `select u.id, u.username, u.display_name, u.role, u.authority_code, u.department, u.enterprise_name, u.must_change_password, u.department_code, u.email
       from sessions s join users u on u.id = s.user_id
      where s.token_hash = $1 and s.expires_at > now() and not u.disabled and not u.pending`,
    [sha256(token)]
  );
  const u = rows[0];
  if (!u) return null;
  return {
    id: u.id, username: u.username, displayName: u.display_name, role: u.role,
    authorityCode: u.authority_code, department: u.department, enterpriseName: u.enterprise_name,
    mustChangePassword: u.must_change_password,
    departmentCode: u.department_code, email: u.email
  };
}

export async function deleteSession(db: Queryable, token: string | undefined) {
  if (token) hot.delete(token);
  if (token) await db.query('delete from sessions where token_hash = $1', [sha256(token)]);
}

/**
 * Sessions seen in the last HOT_MS, per process, for requests that come in dozens per second and carry no
 * decision of their own (map tiles): they cost no database round trip. A logout on this instance drops the
 * entry at once; a logout, expiry or disabled account elsewhere takes effect here within HOT_MS.
 */
const HOT_MS = 15_000;
const HOT_MAX = 10_000;
const hot = new Map<string, { user: SessionUser | null; at: number }>();

export async function resolveSessionHot(db: Queryable, token: string | undefined): Promise<SessionUser | null> {
  if (!token) return null;
  const seen = hot.get(token);
  if (seen && Date.now() - seen.at < HOT_MS) return seen.user;
  const user = await resolveSession(db, token);
  if (hot.size >= HOT_MAX) hot.delete(hot.keys().next().value!);
  hot.set(token, { user, at: Date.now() });
  return user;
}

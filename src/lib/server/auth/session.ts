// Database-backed sessions. The cookie holds a random token; the table holds only its SHA-256,
// so a leaked database copy cannot be replayed as cookies.
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/index.ts';
import type { Role } from '../../domain/roles.ts';
import { deleteSessionRow, insertSession, sessionUser } from './sessions.repository.ts';

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
  const expiresAt = await insertSession(db, {
    tokenHash: sha256(token),
    userId,
    hours: SESSION_HOURS,
    ip: meta.ip,
    userAgent: meta.userAgent.slice(0, 300)
  });
  return { token, expiresAt };
}

export async function resolveSession(db: Queryable, token: string | undefined): Promise<SessionUser | null> {
  if (!token || token.length > 100) return null;
  const u = await sessionUser(db, sha256(token));
  if (!u) return null;
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    authorityCode: u.authority_code,
    department: u.department,
    enterpriseName: u.enterprise_name,
    mustChangePassword: u.must_change_password,
    departmentCode: u.department_code,
    email: u.email
  };
}

export async function deleteSession(db: Queryable, token: string | undefined) {
  if (token) hot.delete(token);
  if (token) resolving.delete(token);
  if (token) await deleteSessionRow(db, sha256(token));
}

/**
 * Sessions seen in the last HOT_MS, per process, for requests that come in dozens per second and carry no
 * decision of their own (map tiles): they cost no database round trip. A logout on this instance drops the
 * entry at once; a logout, expiry or disabled account elsewhere takes effect here within HOT_MS.
 */
const HOT_MS = 15_000;
const HOT_MAX = 10_000;
const hot = new Map<string, { user: SessionUser | null; at: number }>();
const resolving = new Map<string, Promise<SessionUser | null>>();

export async function resolveSessionHot(db: Queryable, token: string | undefined): Promise<SessionUser | null> {
  if (!token) return null;
  const seen = hot.get(token);
  if (seen && Date.now() - seen.at < HOT_MS) return seen.user;
  // The dozen tiles a map asks at once share one lookup.
  let pending = resolving.get(token);
  if (!pending) {
    pending = resolveSession(db, token).finally(() => resolving.delete(token));
    resolving.set(token, pending);
  }
  const user = await pending;
  if (hot.size >= HOT_MAX) hot.delete(hot.keys().next().value!);
  hot.set(token, { user, at: Date.now() });
  return user;
}

// The pending single sign-on logins (oidc_logins) and the accounts linked to a provider's subject (oidc.ts decides).
import type { Queryable } from '../db/index.ts';

/** Forgets the logins begun more than 15 minutes ago. */
export async function pruneOidcLogins(db: Queryable): Promise<void> {
  await db.query(`delete from oidc_logins where created_at < now() - interval '15 minutes'`);
}

export async function insertOidcLogin(
  db: Queryable,
  l: { state: string; verifier: string; nonce: string; next: string }
): Promise<void> {
  await db.query('insert into oidc_logins (state, code_verifier, nonce, next) values ($1, $2, $3, $4)', [
    l.state,
    l.verifier,
    l.nonce,
    l.next
  ]);
}

/** Takes (deletes and returns) the login begun with this state within the last 15 minutes; null otherwise. */
export async function takeOidcLogin(
  db: Queryable,
  state: string
): Promise<{ code_verifier: string; nonce: string; next: string } | null> {
  const { rows } = await db.query<{ code_verifier: string; nonce: string; next: string }>(
    `delete from oidc_logins where state = $1 and created_at > now() - interval '15 minutes' returning code_verifier, nonce, next`,
    [state]
  );
  return rows[0] ?? null;
}

export interface LinkedUserRow {
  id: string;
  username: string;
  pending: boolean;
  disabled: boolean;
  created: boolean;
}

/** The account linked to the provider's (issuer, subject), if any (`created` is false). */
export async function userBySubject(db: Queryable, issuer: string, subject: string): Promise<LinkedUserRow | null> {
  const { rows } = await db.query<LinkedUserRow>(
    'select id::text as id, username, pending, disabled, false as created from users where oidc_issuer = $1 and oidc_subject = $2',
    [issuer, subject]
  );
  return rows[0] ?? null;
}

/** Links a new account to (issuer, subject) with what the claims propose; `pending` until approved. */
export async function linkSubject(
  db: Queryable,
  id: string,
  l: {
    pending: boolean;
    issuer: string;
    subject: string;
    proposedRole: string | null;
    proposedAuthority: string | null;
  }
): Promise<void> {
  await db.query(
    'update users set pending = $2, oidc_issuer = $3, oidc_subject = $4, proposed_role = $5, proposed_authority = $6 where id = $1',
    [id, l.pending, l.issuer, l.subject, l.proposedRole, l.proposedAuthority]
  );
}

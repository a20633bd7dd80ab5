import type { Queryable } from '../db/index.ts';
import type { Role } from '../../domain/roles.ts';

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  authority_code: string | null;
  department: string | null;
  department_code: string | null;
  email: string | null;
  enterprise_name: string | null;
  password_hash: string;
  disabled: boolean;
  must_change_password: boolean;
  demo: boolean;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  authorityCode?: string | null;
  department?: string | null;
  /** Binds a district department user to departments(authority_code, code). */
  departmentCode?: string | null;
  email?: string | null;
  enterpriseName?: string | null;
  uscc?: string | null;
  passwordHash: string;
  demo?: boolean;
}

export async function findUserByUsername(db: Queryable, username: string): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>('select * from users where lower(username) = lower($1)', [username]);
  return rows[0] ?? null;
}

export async function insertUser(db: Queryable, u: NewUser): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into users (username, display_name, role, authority_code, department, enterprise_name, uscc, password_hash, demo, department_code, email)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
    [
      u.username,
      u.displayName,
      u.role,
      u.authorityCode ?? null,
      u.department ?? null,
      u.enterpriseName ?? null,
      u.uscc ?? null,
      u.passwordHash,
      u.demo ?? false,
      u.departmentCode ?? null,
      u.email ?? null
    ]
  );
  return rows[0].id;
}

export async function countUsers(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>('select count(*)::int as n from users');
  return rows[0].n;
}

/** The address a user's messages are e-mailed to (null: none, or no such user). */
export async function userEmail(db: Queryable, id: string, opts: { forUpdate?: boolean } = {}): Promise<string | null> {
  const { rows } = await db.query<{ email: string | null }>(
    `select email from users where id = $1${opts.forUpdate ? ' for update' : ''}`,
    [id]
  );
  return rows[0]?.email ?? null;
}

export async function setUserEmail(db: Queryable, id: string, email: string | null): Promise<void> {
  await db.query('update users set email = $2 where id = $1', [id, email]);
}

export interface AccountRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  authority_code: string | null;
  department: string | null;
  enterprise_name: string | null;
  disabled: boolean;
  demo: boolean;
  must_change_password: boolean;
  created_at: Date;
  password_changed_at: Date | null;
  pending: boolean;
  sso: boolean;
  proposed_role: string | null;
  proposed_authority: string | null;
}

/** Every person's account (not the service accounts): pending first, then enabled, by role and username. */
export async function listAccountRows(db: Queryable): Promise<AccountRow[]> {
  const { rows } = await db.query<AccountRow>(
    `select id::text as id, username, display_name, role, authority_code, department, enterprise_name, disabled, demo, must_change_password, created_at, password_changed_at,
            pending, oidc_subject is not null as sso, proposed_role, proposed_authority
       from users where not service order by pending desc, disabled, role, username limit 5000`
  );
  return rows;
}

/** The account an administrator acts on, locked for the transaction; null when there is none. */
export async function lockAccount(
  db: Queryable,
  id: string
): Promise<{ id: string; username: string; disabled: boolean; service: boolean } | null> {
  const { rows } = await db.query<{ id: string; username: string; disabled: boolean; service: boolean }>(
    'select id::text as id, username, disabled, service from users where id = $1 for update',
    [id]
  );
  return rows[0] ?? null;
}

/** Marks a new account as a service account (API tokens only). */
export async function markServiceAccount(db: Queryable, id: string): Promise<void> {
  await db.query('update users set service = true where id = $1', [id]);
}

/** The account's password must be changed at the next sign-in. */
export async function requirePasswordChange(db: Queryable, id: string): Promise<void> {
  await db.query('update users set must_change_password = true where id = $1', [id]);
}

export async function setUserDisabled(db: Queryable, id: string, disabled: boolean): Promise<void> {
  await db.query('update users set disabled = $2, disabled_at = case when $2 then now() else null end where id = $1', [
    id,
    disabled
  ]);
}

/** A new password hash; `mustChange`: it is temporary (set by an administrator). */
export async function setPasswordHash(db: Queryable, id: string, hash: string, mustChange: boolean): Promise<void> {
  await db.query(
    'update users set password_hash = $2, must_change_password = $3, password_changed_at = now() where id = $1',
    [id, hash, mustChange]
  );
}

export async function isPending(db: Queryable, id: string): Promise<boolean> {
  const { rows } = await db.query<{ pending: boolean }>('select pending from users where id = $1', [id]);
  return rows[0]?.pending ?? false;
}

/** A pending single sign-on account gets its role and district and may sign in. */
export async function approveUser(db: Queryable, id: string, role: Role, authorityCode: string | null): Promise<void> {
  await db.query('update users set role = $2, authority_code = $3, pending = false where id = $1', [
    id,
    role,
    authorityCode
  ]);
}

/** Disables the enabled demo accounts; returns them. */
export async function disableDemoUsers(db: Queryable): Promise<{ id: string; username: string }[]> {
  const { rows } = await db.query<{ id: string; username: string }>(
    `update users set disabled = true, disabled_at = now() where demo and not disabled returning id::text as id, username`
  );
  return rows;
}

export async function countEnabledDemoUsers(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from users where demo and not disabled`);
  return rows[0].n;
}

export interface AdminUserRow {
  id: string;
  username: string;
  display_name: string;
  role: string;
  authority_code: string | null;
  department: string | null;
  department_code: string | null;
  email: string | null;
  disabled: boolean;
}

/** Every account (service accounts too), by district (none first), role and username. */
export async function listAdminUserRows(db: Queryable): Promise<AdminUserRow[]> {
  const { rows } = await db.query<AdminUserRow>(
    'select id, username, display_name, role, authority_code, department, department_code, email, disabled from users order by authority_code nulls first, role, username'
  );
  return rows;
}

export interface BindingRow {
  id: string;
  role: string;
  authority_code: string | null;
  department_code: string | null;
  email: string | null;
  username: string;
}

/** What an account's department binding and e-mail depend on, locked for the transaction; null when there is none. */
export async function lockBinding(db: Queryable, id: string): Promise<BindingRow | null> {
  const { rows } = await db.query<BindingRow>(
    'select id, role, authority_code, department_code, email, username from users where id = $1 for update',
    [id]
  );
  return rows[0] ?? null;
}

export async function setUserDepartment(db: Queryable, id: string, departmentCode: string | null): Promise<void> {
  await db.query('update users set department_code = $2 where id = $1', [id, departmentCode]);
}

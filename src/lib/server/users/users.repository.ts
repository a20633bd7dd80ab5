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

// The departments table (per district, issue 13.2): what the CLI and services ask of it beyond the service's own.
import type { Queryable } from '../db/index.ts';

/** Whether the district has an active department with this code. */
export async function activeDepartmentExists(
  db: Queryable,
  authorityCode: string | null,
  code: string
): Promise<boolean> {
  const { rows } = await db.query('select 1 from departments where authority_code = $1 and code = $2 and active', [
    authorityCode,
    code
  ]);
  return rows.length > 0;
}

export interface DepartmentRow {
  authority_code: string;
  code: string;
  name_zh: string;
  name_en: string;
  default_invited: boolean;
  active: boolean;
  sort: number;
}

/** One district's departments (active and retired), in display order. */
export async function departmentsOf(db: Queryable, authorityCode: string): Promise<DepartmentRow[]> {
  const { rows } = await db.query<DepartmentRow>(
    'select * from departments where authority_code = $1 order by sort, code',
    [authorityCode]
  );
  return rows;
}

/** Every district's departments, by district, then in display order. */
export async function allDepartmentRows(db: Queryable): Promise<DepartmentRow[]> {
  const { rows } = await db.query<DepartmentRow>('select * from departments order by authority_code, sort, code');
  return rows;
}

export async function findDepartment(
  db: Queryable,
  authorityCode: string,
  code: string
): Promise<DepartmentRow | null> {
  const { rows } = await db.query<DepartmentRow>('select * from departments where authority_code = $1 and code = $2', [
    authorityCode,
    code
  ]);
  return rows[0] ?? null;
}

/** Creates the department or updates it in place (the code is the key users are bound by). */
export async function upsertDepartment(
  db: Queryable,
  d: {
    authorityCode: string;
    code: string;
    zh: string;
    en: string;
    defaultInvited: boolean;
    active: boolean;
    sort: number;
  },
  by: string
): Promise<void> {
  await db.query(
    `insert into departments (authority_code, code, name_zh, name_en, default_invited, active, sort, updated_by, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, now())
     on conflict (authority_code, code) do update set name_zh = excluded.name_zh, name_en = excluded.name_en,
       default_invited = excluded.default_invited, active = excluded.active, sort = excluded.sort,
       updated_by = excluded.updated_by, updated_at = now()`,
    [d.authorityCode, d.code, d.zh, d.en, d.defaultInvited, d.active, d.sort, by]
  );
}

export async function authorityExists(db: Queryable, code: string): Promise<boolean> {
  const { rows } = await db.query('select 1 from authorities where code = $1', [code]);
  return rows.length > 0;
}

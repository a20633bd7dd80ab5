// District departments as data (issue 13.2): the administrator configures each district's departments
// (stable codes, names, the default invitation set) and binds department users to them by code. Every
// change is an event (project-less) with who and what.
import { z } from 'zod';
import type { Db, Queryable } from '../db/index.ts';
import type { SessionUser } from '../auth/session.ts';
import { apiError } from '../http/api.ts';
import { authorityCodes } from '../stats/stats.repository.ts';
import { insertOfficeEvent } from '../audit/events.repository.ts';
import { listAdminUserRows, lockBinding, setUserDepartment, setUserEmail } from '../users/users.repository.ts';
import {
  activeDepartmentExists,
  allDepartmentRows,
  authorityExists,
  departmentsOf,
  findDepartment,
  upsertDepartment,
  type DepartmentRow
} from './departments.repository.ts';
import { DEPARTMENT_CODE_PATTERN, type DepartmentEntry } from '../../domain/departments.ts';

const entry = (r: DepartmentRow): DepartmentEntry & { authorityCode: string; sort: number } => ({
  authorityCode: r.authority_code,
  code: r.code,
  zh: r.name_zh,
  en: r.name_en,
  defaultInvited: r.default_invited,
  active: r.active,
  sort: r.sort
});

/** One district's departments (active and retired), in display order. */
export async function departmentDirectory(db: Queryable, authorityCode: string | null): Promise<DepartmentEntry[]> {
  if (!authorityCode) return [];
  const rows = await departmentsOf(db, authorityCode);
  return rows.map((r) => {
    const { authorityCode: _a, sort: _s, ...e } = entry(r);
    return e;
  });
}

export async function allDepartments(db: Queryable) {
  return (await allDepartmentRows(db)).map(entry);
}

const forbidden = () =>
  apiError(403, 'forbidden', {
    zh: '只有系统管理员可以维护部门和账号绑定。',
    en: 'Only the administrator maintains departments and account bindings.'
  });

export const departmentInputSchema = z.object({
  authorityCode: z.string().min(1).max(40),
  code: z.string().trim().regex(DEPARTMENT_CODE_PATTERN),
  zh: z.string().trim().min(1).max(60),
  en: z.string().trim().max(120).default(''),
  defaultInvited: z.boolean().default(false),
  active: z.boolean().default(true),
  sort: z.number().int().min(0).max(10_000).default(100)
});
export type DepartmentInput = z.input<typeof departmentInputSchema>;

/** Create or update one department of one district (the code never changes: it is the binding). */
export async function saveDepartment(db: Db, actor: SessionUser, input: unknown) {
  if (actor.role !== 'admin') throw forbidden();
  const p = departmentInputSchema.safeParse(input);
  if (!p.success) {
    throw apiError(400, 'bad_department', {
      zh: '部门信息有误：代码须为小写字母开头的字母、数字或下划线（如 town_zhoupu），名称必填。',
      en: 'Invalid department: the code is lower-case letters, digits or underscores starting with a letter (e.g. town_zhoupu); the name is required.'
    });
  }
  const d = p.data;
  return db.transaction(async (tx) => {
    if (!(await authorityExists(tx, d.authorityCode)))
      throw apiError(400, 'unknown_authority', {
        zh: `没有代码为“${d.authorityCode}”的区。`,
        en: `No district with code "${d.authorityCode}".`
      });
    const before = await findDepartment(tx, d.authorityCode, d.code);
    // Retiring (active=false) keeps history and bindings: the department just cannot be invited any more.
    await upsertDepartment(tx, d, actor.id);
    await insertOfficeEvent(tx, {
      actorId: actor.id,
      role: actor.role,
      action: 'department_saved',
      payload: { authorityCode: d.authorityCode, code: d.code, before: before ? entry(before) : null, after: d }
    });
    return d;
  });
}

export interface AdminUserView {
  id: string;
  username: string;
  displayName: string;
  role: string;
  authorityCode: string | null;
  department: string | null;
  departmentCode: string | null;
  email: string | null;
  disabled: boolean;
}

export async function listUsersForAdmin(db: Queryable, actor: SessionUser): Promise<AdminUserView[]> {
  if (actor.role !== 'admin') throw forbidden();
  const rows = await listAdminUserRows(db);
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    authorityCode: r.authority_code,
    department: r.department,
    departmentCode: r.department_code,
    email: r.email,
    disabled: r.disabled
  }));
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Bind a user to a department of its own district by code, and/or set its e-mail address. */
export async function updateUserBinding(
  db: Db,
  actor: SessionUser,
  userId: string,
  input: { departmentCode?: unknown; email?: unknown }
) {
  if (actor.role !== 'admin') throw forbidden();
  return db.transaction(async (tx) => {
    const u = await lockBinding(tx, userId);
    if (!u) throw apiError(404, 'user_not_found', { zh: '用户不存在。', en: 'No such user.' });
    const changes: Record<string, unknown> = {};
    if (input.departmentCode !== undefined) {
      const code = input.departmentCode === null || input.departmentCode === '' ? null : String(input.departmentCode);
      if (code !== null) {
        if (u.role !== 'district_department') {
          throw apiError(400, 'not_a_department_user', {
            zh: '只有“区级相关部门”账号需要绑定部门。',
            en: 'Only district department accounts are bound to a department.'
          });
        }
        if (!(await activeDepartmentExists(tx, u.authority_code, code))) {
          throw apiError(400, 'unknown_department', {
            zh: `该账号所在区没有启用代码为“${code}”的部门。`,
            en: `The account's district has no active department with code "${code}".`
          });
        }
      }
      changes.departmentCode = { from: u.department_code, to: code };
      await setUserDepartment(tx, userId, code);
    }
    if (input.email !== undefined) {
      const email = input.email === null || input.email === '' ? null : String(input.email).trim();
      if (email !== null && (!EMAIL.test(email) || email.length > 200)) {
        throw apiError(400, 'bad_email', {
          zh: `电子邮箱地址格式不正确：${email}`,
          en: `Not a valid e-mail address: ${email}`
        });
      }
      changes.email = { from: u.email, to: email };
      await setUserEmail(tx, userId, email);
    }
    await insertOfficeEvent(tx, {
      actorId: actor.id,
      role: actor.role,
      action: 'user_binding_changed',
      payload: { userId, username: u.username, ...changes }
    });
    return changes;
  });
}

/** The districts (and Lingang) an administrator picks departments for. */
export const authoritiesForAdmin = (db: Queryable) => authorityCodes(db);

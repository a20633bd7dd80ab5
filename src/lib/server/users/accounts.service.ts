// Accounts in the browser (issue 11.8): administrators create, disable, re-enable users and reset
// passwords; every user changes their own. A password set by an administrator is temporary: the user must
// change it at the next sign-in. Each act is an event (project-less, action user_*), shown on /admin/users.
import type { Db, Queryable } from '../db/index.ts';
import type { SessionUser } from '../auth/session.ts';
import { hashPassword, verifyPassword } from '../auth/password.ts';
import { apiError } from '../http/api.ts';
import { isUuid } from '../http/ids.ts';
import { authorityByCode } from '../../domain/authorities.ts';
import { isRole, isScopedRole, ROLE_LABELS, type Role } from '../../domain/roles.ts';
import { passwordProblem, temporaryPassword } from '../../domain/passwords.ts';
import {
  approveUser,
  findUserByUsername,
  insertUser,
  isPending,
  listAccountRows,
  lockAccount,
  markServiceAccount,
  requirePasswordChange,
  setPasswordHash,
  setUserDisabled
} from './users.repository.ts';
import { deleteUserSessions } from '../auth/sessions.repository.ts';
import { insertOfficeEvent, officeEvents } from '../audit/events.repository.ts';

export interface AccountView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  authorityCode: string | null;
  department: string | null;
  enterpriseName: string | null;
  disabled: boolean;
  demo: boolean;
  mustChangePassword: boolean;
  createdAt: string;
  passwordChangedAt: string | null;
  /** Single sign-on: first signed in, waiting for the administrator to assign role and district (issue 17.3). */
  pending: boolean;
  sso: boolean;
  proposedRole: string | null;
  proposedAuthority: string | null;
}

export interface AccountEvent {
  id: string;
  at: string;
  action: string;
  actorName: string | null;
  username: string | null;
  comment: string | null;
}

const ACCOUNT_ACTIONS = [
  'sso_first_sign_in',
  'user_approve',
  'user_create',
  'user_disable',
  'user_enable',
  'user_reset_password',
  'password_change',
  'demo_accounts_disabled'
];

function requireAdmin(actor: SessionUser) {
  if (actor.role !== 'admin')
    throw apiError(403, 'forbidden', { zh: '只有系统管理员可以管理用户。', en: 'Only administrators manage users.' });
}

export async function logEvent(
  db: Queryable,
  actor: SessionUser,
  action: string,
  target: { id: string; username: string },
  extra: Record<string, unknown> = {}
) {
  await insertOfficeEvent(db, {
    actorId: actor.id,
    role: actor.role,
    action,
    payload: { userId: target.id, username: target.username, ...extra }
  });
}

export async function listAccounts(
  db: Queryable,
  actor: SessionUser
): Promise<{ accounts: AccountView[]; events: AccountEvent[] }> {
  requireAdmin(actor);
  const rows = await listAccountRows(db);
  const events = await officeEvents(db, ACCOUNT_ACTIONS, 50);
  return {
    accounts: rows.map((r) => ({
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      role: r.role,
      authorityCode: r.authority_code,
      department: r.department,
      enterpriseName: r.enterprise_name,
      disabled: r.disabled,
      demo: r.demo,
      mustChangePassword: r.must_change_password,
      createdAt: new Date(r.created_at).toISOString(),
      passwordChangedAt: r.password_changed_at ? new Date(r.password_changed_at).toISOString() : null,
      pending: r.pending,
      sso: r.sso,
      proposedRole: r.proposed_role,
      proposedAuthority: r.proposed_authority
    })),
    events: events.map((e) => ({
      id: e.id,
      at: new Date(e.at).toISOString(),
      action: e.action,
      actorName: e.actor_name,
      username: e.username,
      comment: e.comment
    }))
  };
}

export interface NewAccountInput {
  username?: unknown;
  displayName?: unknown;
  role?: unknown;
  authorityCode?: unknown;
  department?: unknown;
  enterpriseName?: unknown;
  password?: unknown;
}

const text = (v: unknown, max: number) => (typeof v === 'string' ? v.trim().slice(0, max) : '');

/** Creates an account with a temporary password (given, or generated); returns it once for the administrator to hand over.
 *  A service account (issue 17.1) gets no usable password: it signs in only with API tokens. */
export async function createAccount(
  db: Db,
  actor: SessionUser,
  input: NewAccountInput,
  opts: { service?: boolean } = {}
): Promise<{ id: string; username: string; temporaryPassword: string }> {
  requireAdmin(actor);
  const username = text(input.username, 40);
  const role = text(input.role, 40);
  const authorityCode = text(input.authorityCode, 40) || null;
  if (!/^[A-Za-z0-9_.-]{3,40}$/.test(username))
    throw apiError(400, 'bad_username', {
      zh: '用户名须为 3–40 个字母、数字或 _ . -。',
      en: 'The username must be 3–40 letters, digits or _ . -.'
    });
  if (!isRole(role)) throw apiError(400, 'bad_role', { zh: '请选择角色。', en: 'Choose a role.' });
  if (isScopedRole(role) && (!authorityCode || !authorityByCode(authorityCode)))
    throw apiError(400, 'authority_required', {
      zh: `“${ROLE_LABELS[role].zh}”须选择所属区（或临港新片区）。`,
      en: `"${ROLE_LABELS[role].en}" needs its district (or Lingang).`
    });
  const password = opts.service ? '' : text(input.password, 200) || temporaryPassword();
  const problem = opts.service ? null : passwordProblem(password, username);
  if (problem) throw apiError(400, 'weak_password', problem);
  // '!' is no argon2 hash: verifyPassword refuses every password for it.
  const passwordHash = opts.service ? '!' : await hashPassword(password);
  return db.transaction(async (tx) => {
    if (await findUserByUsername(tx, username))
      throw apiError(409, 'username_taken', {
        zh: `用户名“${username}”已被使用。`,
        en: `The username "${username}" is taken.`
      });
    const id = await insertUser(tx, {
      username,
      role,
      displayName: text(input.displayName, 100) || username,
      authorityCode: isScopedRole(role) ? authorityCode : null,
      department: text(input.department, 100) || null,
      enterpriseName: role === 'enterprise' ? text(input.enterpriseName, 200) || null : null,
      passwordHash
    });
    if (opts.service) await markServiceAccount(tx, id);
    else await requirePasswordChange(tx, id);
    await logEvent(
      tx,
      actor,
      opts.service ? 'service_account_create' : 'user_create',
      { id, username },
      { role, authorityCode: isScopedRole(role) ? authorityCode : null }
    );
    return { id, username, temporaryPassword: password };
  });
}

async function target(db: Queryable, userId: string) {
  const missing = () => apiError(404, 'user_not_found', { zh: '用户不存在。', en: 'No such user.' });
  if (!isUuid(userId)) throw missing();
  const account = await lockAccount(db, userId);
  if (!account) throw missing();
  return account;
}

/** Disables (sessions end at once) or re-enables an account. An administrator cannot disable themselves. */
export async function setAccountDisabled(db: Db, actor: SessionUser, userId: string, disabled: boolean): Promise<void> {
  requireAdmin(actor);
  if (disabled && userId === actor.id)
    throw apiError(409, 'cannot_disable_self', {
      zh: '不能停用自己的账号：请由另一位管理员操作。',
      en: 'You cannot disable your own account; ask another administrator.'
    });
  await db.transaction(async (tx) => {
    const u = await target(tx, userId);
    if (u.disabled === disabled) return;
    await setUserDisabled(tx, userId, disabled);
    if (disabled) await deleteUserSessions(tx, userId);
    await logEvent(tx, actor, disabled ? 'user_disable' : 'user_enable', u);
  });
}

/** Sets a temporary password (given, or generated); the user's sessions end and the password must be changed at sign-in. */
export async function resetAccountPassword(
  db: Db,
  actor: SessionUser,
  userId: string,
  password?: string
): Promise<{ username: string; temporaryPassword: string }> {
  requireAdmin(actor);
  const pw = password?.trim() || temporaryPassword();
  return db.transaction(async (tx) => {
    const u = await target(tx, userId);
    if (u.service)
      throw apiError(409, 'service_account', {
        zh: '服务账号没有密码，只能使用 API 令牌。',
        en: 'A service account has no password; it uses API tokens only.'
      });
    const problem = passwordProblem(pw, u.username);
    if (problem) throw apiError(400, 'weak_password', problem);
    await setPasswordHash(tx, userId, await hashPassword(pw), true);
    await deleteUserSessions(tx, userId);
    await logEvent(tx, actor, 'user_reset_password', u);
    return { username: u.username, temporaryPassword: pw };
  });
}

/** The signed-in user's own change: the current password, then a new one; other sessions end. */
export async function changeOwnPassword(
  db: Db,
  user: SessionUser,
  current: string,
  next: string,
  keepTokenHash?: string
): Promise<void> {
  const row = await findUserByUsername(db, user.username);
  if (!row || !(await verifyPassword(row.password_hash, current)))
    throw apiError(400, 'wrong_current_password', { zh: '当前密码不正确。', en: 'The current password is wrong.' });
  const problem = passwordProblem(next, user.username, current);
  if (problem) throw apiError(400, 'weak_password', problem);
  const hash = await hashPassword(next);
  await db.transaction(async (tx) => {
    await setPasswordHash(tx, user.id, hash, false);
    await deleteUserSessions(tx, user.id, keepTokenHash ?? null);
    await logEvent(tx, user, 'password_change', { id: user.id, username: user.username });
  });
}

/** Approves a pending single sign-on account with the role and district the administrator assigns (issue 17.3). */
export async function approvePending(
  db: Db,
  actor: SessionUser,
  userId: string,
  input: { role?: unknown; authorityCode?: unknown }
): Promise<void> {
  requireAdmin(actor);
  const role = text(input.role, 40);
  const authorityCode = text(input.authorityCode, 40) || null;
  if (!isRole(role) || role === 'admin')
    throw apiError(400, 'bad_role', {
      zh: '请选择角色（不能通过此处授予系统管理员）。',
      en: 'Choose a role (administrator cannot be granted here).'
    });
  if (isScopedRole(role) && (!authorityCode || !authorityByCode(authorityCode)))
    throw apiError(400, 'authority_required', {
      zh: `“${ROLE_LABELS[role].zh}”须选择所属区（或临港新片区）。`,
      en: `"${ROLE_LABELS[role].en}" needs its district (or Lingang).`
    });
  await db.transaction(async (tx) => {
    const u = await target(tx, userId);
    if (!(await isPending(tx, userId)))
      throw apiError(409, 'not_pending', {
        zh: '该账号不在待分配状态。',
        en: 'This account is not waiting for approval.'
      });
    await approveUser(tx, userId, role, isScopedRole(role) ? authorityCode : null);
    await logEvent(tx, actor, 'user_approve', u, { role, authorityCode: isScopedRole(role) ? authorityCode : null });
  });
}

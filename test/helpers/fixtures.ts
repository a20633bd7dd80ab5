// Test data builders shared by integration tests. Each test makes its own users/projects with unique names,
// so files can share one database in any order.
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../src/lib/server/db/index.ts';
import { insertUser } from '../../src/lib/server/users/users.repository.ts';
import { hashPassword } from '../../src/lib/server/auth/password.ts';
import type { Role } from '../../src/lib/domain/roles.ts';

export const TEST_PASSWORD = 'correct horse battery';
let cachedHash: Promise<string> | null = null;

export const uniqueName = (prefix: string) => `${prefix}_${randomUUID().slice(0, 8)}`;

export async function makeUser(
  db: Queryable,
  role: Role,
  authorityCode: string | null = null,
  extra: { department?: string; departmentCode?: string; email?: string } = {}
) {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const username = uniqueName(role);
  const id = await insertUser(db, {
    username,
    displayName: username,
    role,
    authorityCode,
    department: extra.department ?? null,
    passwordHash: await cachedHash,
    departmentCode: extra.departmentCode ?? null,
    email: extra.email ?? null
  });
  return {
    id,
    username,
    role,
    authorityCode,
    department: extra.department ?? null,
    departmentCode: extra.departmentCode ?? null,
    email: extra.email ?? null
  };
}

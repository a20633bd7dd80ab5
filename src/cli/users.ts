// zeroland users add --username U --role R [--district D] [--department-code C] [--department X] [--email E] [--name N] --password-stdin
// Lets a production install create its first administrator without any demo data.
import { closeDb, getDb } from '../lib/server/db/index.ts';
import { hashPassword } from '../lib/server/auth/password.ts';
import { findUserByUsername, insertUser } from '../lib/server/users/users.repository.ts';
import { activeDepartmentExists } from '../lib/server/departments/departments.repository.ts';
import { isRole, isScopedRole, ROLES } from '../lib/domain/roles.ts';
import { authorityByCode } from '../lib/domain/authorities.ts';
import { cliError, parseArgs } from './run.ts';

const MIN_PASSWORD_LENGTH = 10;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export default async function users(args: string[]) {
  const [sub, ...rest] = args;
  if (sub !== 'add') throw cliError('usage: zeroland users add --username U --role R [--district D] --password-stdin');
  const { flags } = parseArgs(rest, ['password-stdin']);
  const username = String(flags.username ?? '');
  const role = String(flags.role ?? '');
  const district = flags.district ? String(flags.district) : null;
  if (!/^[A-Za-z0-9_.-]{3,40}$/.test(username)) throw cliError('--username: 3-40 letters, digits, _ . -');
  if (!isRole(role)) throw cliError(`--role must be one of: ${ROLES.join(', ')}`);
  if (isScopedRole(role) && !district) throw cliError(`--district is required for role ${role}`);
  if (district && !authorityByCode(district)) throw cliError(`unknown --district ${district}`);
  if (!flags['password-stdin']) throw cliError('give the password on stdin with --password-stdin');
  const password = await readStdin();
  if (password.length < MIN_PASSWORD_LENGTH)
    throw cliError(`the password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  const db = await getDb();
  try {
    if (await findUserByUsername(db, username)) throw cliError(`user ${username} already exists`);
    // District departments are bound by code (departments table), never by their name.
    const departmentCode = flags['department-code'] ? String(flags['department-code']) : null;
    if (departmentCode) {
      if (role !== 'district_department') throw cliError('--department-code is only for role district_department');
      if (!(await activeDepartmentExists(db, district, departmentCode)))
        throw cliError(`district ${district} has no active department with code ${departmentCode}`);
    }
    await insertUser(db, {
      username,
      role,
      displayName: String(flags.name ?? username),
      authorityCode: isScopedRole(role) ? district : null,
      department: flags.department ? String(flags.department) : null,
      departmentCode,
      email: flags.email ? String(flags.email) : null,
      passwordHash: await hashPassword(password)
    });
    console.log(`user ${username} (${role}) created`);
  } finally {
    await closeDb();
  }
}

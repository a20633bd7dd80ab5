import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { endpoint, readJson, requireUser } from '$lib/server/http/api.ts';
import { allDepartments, departmentDirectory, saveDepartment } from '$lib/server/departments/departments.service.ts';

// GET /api/v1/departments?authority=pudong — a district's departments (default: the caller's district; admin: all).
export const GET = endpoint(async (event) => {
  const user = requireUser(event);
  const db = await getDb();
  const authority = event.url.searchParams.get('authority') ?? user.authorityCode;
  if (!authority && user.role === 'admin') return json({ departments: await allDepartments(db) });
  return json({ authorityCode: authority, departments: await departmentDirectory(db, authority) });
});

// POST /api/v1/departments {authorityCode, code, zh, en?, defaultInvited?, active?, sort?} — administrator only.
export const POST = endpoint(async (event) => {
  const user = requireUser(event);
  return json(await saveDepartment(await getDb(), user, await readJson(event)));
});

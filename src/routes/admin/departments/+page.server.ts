import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import {
  allDepartments,
  authoritiesForAdmin,
  listUsersForAdmin,
  saveDepartment,
  updateUserBinding
} from '$lib/server/departments/departments.service.ts';
import { failWith } from '$lib/server/http/page-errors.ts';

// Departments per district and the binding of department accounts by code (administrator only).
export const load: PageServerLoad = async ({ locals, url }) => {
  if (locals.user?.role !== 'admin')
    error(403, locals.lang === 'zh' ? '仅系统管理员可维护部门' : 'Only administrators maintain departments');
  const db = await getDb();
  const [departments, users, authorities] = await Promise.all([
    allDepartments(db),
    listUsersForAdmin(db, locals.user),
    authoritiesForAdmin(db)
  ]);
  const authority = url.searchParams.get('authority') ?? 'pudong';
  return { departments, users, authorities, authority };
};

const run = async (lang: 'zh' | 'en', fn: () => Promise<unknown>) => {
  try {
    await fn();
    return { ok: true };
  } catch (e) {
    return failWith(e, lang);
  }
};

export const actions: Actions = {
  save: async ({ locals, request }) => {
    if (!locals.user) error(401);
    const f = await request.formData();
    return run(locals.lang, async () =>
      saveDepartment(await getDb(), locals.user!, {
        authorityCode: String(f.get('authorityCode') ?? ''),
        code: String(f.get('code') ?? ''),
        zh: String(f.get('zh') ?? ''),
        en: String(f.get('en') ?? ''),
        defaultInvited: f.get('defaultInvited') === 'on',
        active: f.get('active') === 'on',
        sort: Number(f.get('sort') ?? 100) || 100
      })
    );
  },
  bind: async ({ locals, request }) => {
    if (!locals.user) error(401);
    const f = await request.formData();
    const input: { departmentCode?: unknown; email?: unknown } = { email: String(f.get('email') ?? '') };
    if (f.has('departmentCode')) input.departmentCode = String(f.get('departmentCode') ?? '');
    return run(locals.lang, async () =>
      updateUserBinding(await getDb(), locals.user!, String(f.get('userId') ?? ''), input)
    );
  }
};

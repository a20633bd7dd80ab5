import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { endpoint, readJson, requireUser } from '$lib/server/http/api.ts';
import { updateUserBinding } from '$lib/server/departments/departments.service.ts';

// PATCH /api/v1/users/:id {departmentCode?, email?} — administrator only: binds a department account by code.
export const PATCH = endpoint(async (event) => {
  const user = requireUser(event);
  const body = await readJson(event);
  return json(
    await updateUserBinding(await getDb(), user, event.params.id ?? '', {
      departmentCode: body.departmentCode,
      email: body.email
    })
  );
});

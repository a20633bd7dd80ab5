import { getDb } from '$lib/server/db/index.ts';
import { inbox } from '$lib/server/workflow/workflow.service.ts';
import { pageUser } from '../projects/page-helpers.server.ts';
import { orErrorPage } from '$lib/server/http/page-errors.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = pageUser(locals, url);
  return { items: await orErrorPage(inbox(await getDb(), user), locals.lang) };
};

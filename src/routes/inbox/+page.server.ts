import { getDb } from '$lib/server/db/index.ts';
import { inbox } from '$lib/server/projects/projects.service.ts';
import { orErrorPage, pageUser } from '../projects/page-helpers.server.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = pageUser(locals, url);
  return { items: await orErrorPage(inbox(await getDb(), user), locals.lang) };
};

// Shared by the project pages: who is signed in, and the form's files and strings. Service errors become
// what a page shows in $lib/server/http/page-errors.ts.
import { redirect } from '@sveltejs/kit';
import type { SessionUser } from '$lib/server/auth/session.ts';

export function pageUser(locals: App.Locals, url: URL): SessionUser {
  if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  return locals.user;
}

/** A file from a multipart form, or null when none was chosen (browsers send an empty unnamed part). */
export async function fileFrom(
  data: FormData,
  name: string
): Promise<{ name: string; bytes: Uint8Array; mime: string | null } | null> {
  const f = data.get(name);
  if (!(f instanceof File) || f.size === 0) return null;
  return { name: f.name, bytes: new Uint8Array(await f.arrayBuffer()), mime: f.type || null };
}

export const str = (data: FormData, name: string) => {
  const v = data.get(name);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
};

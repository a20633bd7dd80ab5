// Shared by the project pages: who is signed in, and service errors (ApiError) turned into what a page
// shows — an error page for loads, a `fail()` with the message in the user's language for actions.
import { error, fail, redirect } from '@sveltejs/kit';
import { ApiError } from '$lib/server/http/api.ts';
import type { SessionUser } from '$lib/server/auth/session.ts';
import type { Lang } from '$lib/i18n/index.ts';

export function pageUser(locals: App.Locals, url: URL): SessionUser {
  if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  return locals.user;
}

/** Loads: a refused or missing project becomes the error page (403/404) in the user's language. */
export async function orErrorPage<T>(p: Promise<T>, lang: Lang): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof ApiError) error(e.status, { code: e.code, message: e.text[lang] });
    throw e;
  }
}

/** Actions: the refusal as form data; `conflict` when someone else changed the project first. */
export function failWith(e: unknown, lang: Lang) {
  if (!(e instanceof ApiError)) throw e;
  return fail(e.status, { message: e.text[lang], code: e.code, conflict: e.status === 409 && e.code === 'version_conflict' });
}

/** A file from a multipart form, or null when none was chosen (browsers send an empty unnamed part). */
export async function fileFrom(data: FormData, name: string): Promise<{ name: string; bytes: Uint8Array; mime: string | null } | null> {
  const f = data.get(name);
  if (!(f instanceof File) || f.size === 0) return null;
  return { name: f.name, bytes: new Uint8Array(await f.arrayBuffer()), mime: f.type || null };
}

export const str = (data: FormData, name: string) => {
  const v = data.get(name);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
};

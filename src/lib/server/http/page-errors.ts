// The pages' translator of UserErrors (one of three: see src/lib/errors.ts). A load that meets one shows the
// error page with its status; an action returns it as form data in the user's language. Anything that is not
// a UserError is a bug and goes on to SvelteKit's handleError (a logged 500 with the request id).
import { error, fail } from '@sveltejs/kit';
import { UserError } from '../../errors.ts';
import type { Lang } from '../../i18n/index.ts';

/** Loads: a refused or missing record becomes the error page (403/404/…) in the user's language. */
export async function orErrorPage<T>(p: Promise<T>, lang: Lang): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof UserError) error(e.status, { code: e.code, message: e.text[lang] });
    throw e;
  }
}

/** Actions: the refusal as form data — `message` (and `error`, the name the admin forms read), its `code`,
 *  `conflict` when someone else changed the record first — plus whatever the form wants echoed back. */
export function failWith(e: unknown, lang: Lang, extra: Record<string, unknown> = {}) {
  if (!(e instanceof UserError)) throw e;
  const message = e.text[lang];
  return fail(e.status, {
    ...extra,
    message,
    error: message,
    code: e.code,
    conflict: e.status === 409 && e.code === 'version_conflict'
  });
}

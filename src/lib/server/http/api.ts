// JSON API helpers: errors are {error:{code,message}} in the caller's language (DESIGN.md "HTTP API").
import { json, type RequestEvent } from '@sveltejs/kit';
// The API's translator of UserErrors (one of three: see src/lib/errors.ts).
import { t, type Bilingual, type Lang, type MessageKey } from '../../i18n/index.ts';
import { UserError } from '../../errors.ts';
import type { SessionUser } from '../auth/session.ts';

const BAD_INPUT = {
  zh: '请求中有无法处理的值（编号、日期或字符格式错误），请检查后重试。',
  en: 'The request holds a value that cannot be handled (malformed id, date or characters); check it and try again.'
};

/** A UserError with its HTTP status first (the services' usual form). */
export const apiError = (status: number, code: string, text: Bilingual) => new UserError(code, text, status);

export const msg = (key: MessageKey, vars?: Record<string, string | number>): Bilingual => ({
  zh: t('zh', key, vars),
  en: t('en', key, vars)
});

export function errorResponse(e: UserError, lang: Lang) {
  // After a 413 the unread rest of the body is still on the socket: tell the client not to reuse it.
  const headers: Record<string, string> = e.status === 413 && !e.bodyDrained ? { connection: 'close' } : {};
  return json({ error: { code: e.code, message: e.text[lang] } }, { status: e.status, headers });
}

/** Wraps an endpoint so UserErrors (a refused action, a bad file from any reader) become JSON responses in
 *  the caller's language; anything else is a bug and becomes a logged 500. */
export function endpoint<E extends RequestEvent>(fn: (event: E) => Promise<Response>) {
  return async (event: E) => {
    try {
      return await fn(event);
    } catch (e) {
      if (e instanceof UserError) return errorResponse(e, event.locals.lang);
      // A value PostgreSQL cannot take (class 22: bad number, date, encoding…) is the caller's input, not a bug.
      if (typeof (e as { code?: unknown })?.code === 'string' && /^22[0-9A-Z]{3}$/.test((e as { code: string }).code)) {
        console.warn(`bad input on ${event.url.pathname}: ${(e as Error).message}`);
        return errorResponse(apiError(400, 'bad_input', BAD_INPUT), event.locals.lang);
      }
      throw e;
    }
  };
}

export const JSON_BODY_LIMIT = 1_000_000;
/** Oversized JSON bodies up to this size are read and discarded before the 413, so the client sees the
 *  answer instead of a broken pipe; beyond it the connection is closed. */
const DRAIN_LIMIT = 32_000_000;

async function tooLarge(event: RequestEvent, declared: number): Promise<UserError> {
  const e = apiError(413, 'body_too_large', msg('body_too_large'));
  if (declared <= DRAIN_LIMIT && event.request.body) {
    try {
      const reader = event.request.body.getReader();
      while (!(await reader.read()).done);
      e.bodyDrained = true;
    } catch {
      /* the client went away: nothing to answer */
    }
  }
  return e;
}

/** Reads a JSON object body with a size limit; malformed → 400 with a message, never a stack trace. */
export async function readJson(event: RequestEvent): Promise<Record<string, unknown>> {
  const length = Number(event.request.headers.get('content-length') ?? 0);
  if (length > JSON_BODY_LIMIT) throw await tooLarge(event, length);
  let text: string;
  try {
    text = await event.request.text();
  } catch {
    throw apiError(400, 'bad_body', msg('bad_json'));
  }
  if (text.length > JSON_BODY_LIMIT) throw apiError(413, 'body_too_large', msg('body_too_large'));
  try {
    const value = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    /* fall through */
  }
  throw apiError(400, 'bad_json', msg('bad_json'));
}

export function requireUser(event: RequestEvent): SessionUser {
  const user = event.locals.user;
  if (!user) throw apiError(401, 'unauthenticated', msg('unauthenticated'));
  return user;
}

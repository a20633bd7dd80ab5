// Two kinds of failure, kept apart (as mapshaper's stop()/UserError and error()): a UserError is the user's
// or operator's mistake — a bad file, a refused action, a missing record — with a stable code, a message in
// both languages that says what to do, and the HTTP status it answers with. Anything else is a bug: logged, 500.
//
// Only three places translate a UserError into what a person sees: the API wrapper (`endpoint` in
// server/http/api.ts → {error:{code,message}}), the page helpers (server/http/page-errors.ts → error page or
// fail()), and the CLI runner (cli/run.ts → one line on stderr, exit 2). Everything else just throws it.
import type { Bilingual } from './i18n/index.ts';

export type { Bilingual };

export class UserError extends Error {
  /** Set when the request body was read to its end before a 413, so the connection can be kept. */
  bodyDrained = false;
  constructor(
    public readonly code: string,
    public readonly text: Bilingual,
    public readonly status = 400,
    options?: ErrorOptions
  ) {
    super(text.en, options);
    this.name = 'UserError';
  }
  /** Shorthands for text.zh / text.en. */
  get zh(): string {
    return this.text.zh;
  }
  get en(): string {
    return this.text.en;
  }
}

/** A user error from its two texts (the readers' and stages' usual form). */
export const userError = (code: string, zh: string, en: string, status = 400) =>
  new UserError(code, { zh, en }, status);

/** Over a stated budget (vertices, block expansion, unzipped bytes, time, memory): HTTP 422, CLI exit 2. */
export const limitError = (code: string, zh: string, en: string) => new UserError(code, { zh, en }, 422);

/** An operator's mistake told in one language-neutral line (CLI usage, backup archives, start-up set-up). */
export const operatorError = (code: string, message: string, status = 400) =>
  new UserError(code, { zh: message, en: message }, status);

export const isUserError = (e: unknown): e is UserError => e instanceof UserError;

/** A domain rule's refusal (a pure function's answer: src/lib/domain) thrown as the UserError it is. */
export const refusalError = (r: { status: number; code: string; zh: string; en: string }) =>
  new UserError(r.code, { zh: r.zh, en: r.en }, r.status);

// Where to go after /login or /lang: only a path on this site. Browsers read `\` as `/` and drop tabs
// and newlines inside URLs, so `/\evil.example` or `/\t/evil.example` would leave the site; anything
// that is not a plain same-origin relative path falls back to `fallback`.
const BASE = 'http://zeroland.invalid';

export function safeNext(next: string | null | undefined, fallback = '/'): string {
  if (typeof next !== 'string' || next.length === 0 || next.length > 2000) return fallback;
  // Control characters (tab, CR, LF, NUL…), backslashes and a leading `//` are how off-site redirects hide.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return fallback;
  if (!next.startsWith('/') || next.startsWith('//')) return fallback;
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  return url.pathname + url.search + url.hash;
}

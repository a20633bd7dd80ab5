// Security headers on every response (issue 11.7). The page CSP itself comes from SvelteKit (kit.csp in
// svelte.config.js, with a nonce per page); here it is widened at run time for the hosts of a real
// basemap, and the headers that do not depend on the page are added to everything.

export const STATIC_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'cross-origin-opener-policy': 'same-origin'
};

/** Origins a real basemap needs (its style URL's origin plus CSP_EXTRA_ORIGINS, space-separated). */
export function extraOrigins(env: Record<string, string | undefined> = process.env): string[] {
  const out = new Set<string>();
  try {
    if (env.BASEMAP_STYLE_URL) out.add(new URL(env.BASEMAP_STYLE_URL).origin);
  } catch {
    /* not a URL: the map reports it */
  }
  for (const o of (env.CSP_EXTRA_ORIGINS ?? '').split(/[\s,]+/)) if (/^https?:\/\/[\w.*:-]+$/.test(o)) out.add(o);
  return [...out];
}

/** Adds origins to the directives a basemap uses (styles, tiles, glyphs, sprites). */
export function widenCsp(csp: string, origins: string[]): string {
  if (origins.length === 0) return csp;
  const wanted = new Set(['connect-src', 'img-src', 'font-src', 'style-src']);
  return csp
    .split(';')
    .map((d) => {
      const name = d.trim().split(/\s+/)[0];
      return wanted.has(name) ? `${d.trim()} ${origins.join(' ')}` : d.trim();
    })
    .filter(Boolean)
    .join('; ');
}

const envOrigins = extraOrigins();
let basemap: string[] = [];

/** The tile origins of the administrator's basemap (server/map/basemap.service.ts keeps this current). */
export function setBasemapOrigins(list: string[]) {
  basemap = list;
}

export function addSecurityHeaders(response: Response): Response {
  let res = response;
  try {
    res.headers.set('x-content-type-options', 'nosniff');
  } catch {
    // immutable headers (a proxied fetch): copy the response
    res = new Response(response.body, response);
  }
  for (const [k, v] of Object.entries(STATIC_HEADERS)) res.headers.set(k, v);
  const csp = res.headers.get('content-security-policy');
  const origins = basemap.length ? [...new Set([...envOrigins, ...basemap])] : envOrigins;
  if (csp && origins.length) res.headers.set('content-security-policy', widenCsp(csp, origins));
  return res;
}

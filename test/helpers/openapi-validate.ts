// Issue 17.2: API tests check every JSON answer from /api/v1 against the served OpenAPI document — the
// operation's schema for that status (or its `default`). An answer the document does not describe fails the
// test that received it, naming the operation, the status and what differs.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

type Doc = {
  paths: Record<
    string,
    Record<string, { responses?: Record<string, { content?: Record<string, { schema?: object }> }> }>
  >;
  components: object;
};
let doc: Promise<{ ajv: Ajv2020; routes: { re: RegExp; path: string }[]; raw: Doc }> | null = null;
const compiled = new Map<string, ValidateFunction | null>();

async function load(baseUrl: string) {
  const raw = (await (await fetch(baseUrl + '/api/v1/openapi.json')).json()) as Doc;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ $id: 'zeroland-openapi', components: raw.components } as object);
  const routes = Object.keys(raw.paths)
    .map((path) => ({ path, re: new RegExp('^' + path.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '[^/]+') + '$') }))
    // literal segments before parameters: /performance/template.xlsx before /performance/{year}
    .sort((a, b) => b.path.replace(/\{\w+\}/g, '').length - a.path.replace(/\{\w+\}/g, '').length);
  return { ajv, routes, raw };
}

/** Rewrites local references so a schema compiles outside the document. */
const relink = (s: unknown): unknown =>
  Array.isArray(s)
    ? s.map(relink)
    : s && typeof s === 'object'
      ? Object.fromEntries(
          Object.entries(s).map(([k, v]) => [
            k,
            k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? 'zeroland-openapi' + v : relink(v)
          ])
        )
      : s;

export async function checkAgainstOpenApi(baseUrl: string, method: string, url: string, res: Response): Promise<void> {
  const pathname = new URL(url).pathname;
  if (!pathname.startsWith('/api/v1/') || !(res.headers.get('content-type') ?? '').includes('application/json')) return;
  doc ??= load(baseUrl);
  const { ajv, routes, raw } = await doc;
  const route = routes.find((r) => r.re.test(pathname));
  const m = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase();
  const op = route && raw.paths[route.path][m];
  if (!op) return; // not described: test/unit/http/openapi-coverage.test.ts names it
  const status = String(res.status);
  const key = `${m} ${route.path} ${status}`;
  if (!compiled.has(key)) {
    const r = op.responses?.[status] ?? op.responses?.[`${status[0]}XX`] ?? op.responses?.default;
    const schema = r?.content?.['application/json']?.schema;
    compiled.set(key, schema ? ajv.compile(relink(schema) as object) : null);
    if (!r)
      throw new Error(`OpenAPI: ${m.toUpperCase()} ${route.path} answered ${status}, which the document does not list`);
  }
  const validate = compiled.get(key);
  if (!validate) return;
  const body = await res.clone().json();
  if (!validate(body))
    throw new Error(
      `OpenAPI: ${m.toUpperCase()} ${pathname} ${status} does not match the document: ${ajv.errorsText(validate.errors, { separator: '; ' })}\n${JSON.stringify(body).slice(0, 500)}`
    );
}

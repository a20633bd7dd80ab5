// The operations of the served OpenAPI document, looked up by method and SvelteKit route id. The document
// is the one list of what a token may call: an operation's bearer scope is read from its `security`.
import { openApiDocument } from './document.ts';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
type Security = Record<string, string[]>[];
export interface Operation {
  path: string;
  method: string;
  security?: Security;
  responses: Record<string, unknown>;
  [k: string]: unknown;
}

/** '/api/v1/projects/[id]/files' → '/api/v1/projects/{id}/files' (a matcher such as [id=uuid] loses its name). */
export const routeIdToPath = (routeId: string) => routeId.replace(/\[(\w+)(=\w+)?\]/g, '{$1}');

let cache: { doc: ReturnType<typeof openApiDocument>; ops: Map<string, Operation> } | null = null;

function index() {
  if (cache) return cache;
  const doc = openApiDocument();
  const ops = new Map<string, Operation>();
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, unknown>>))
    for (const m of HTTP_METHODS)
      if (item[m]) ops.set(`${m.toUpperCase()} ${path}`, { ...(item[m] as object), path, method: m } as Operation);
  cache = { doc, ops };
  return cache;
}

export function findOperation(method: string, path: string): Operation | undefined {
  const m = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  return index().ops.get(`${m} ${path}`);
}

export const allOperations = () => [...index().ops.values()];

/** The scope a token needs for the operation; null when tokens may not call it (or it is not described). */
export function requiredScope(method: string, routeId: string | null): string | null {
  if (!routeId) return null;
  const op = findOperation(method, routeIdToPath(routeId));
  if (!op) return null;
  const security = op.security ?? (index().doc.security as Security);
  const bearer = security.find((s) => 'bearer' in s);
  return bearer?.bearer[0] ?? null;
}

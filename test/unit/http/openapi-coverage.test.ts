// Issue 17.2: every operation under /api/v1 is in the served OpenAPI document — a route added without its
// description fails here — and every described operation exists, says how errors look and who may call it.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { openApiDocument } from '../../../src/lib/server/openapi/document.ts';
import { allOperations, routeIdToPath } from '../../../src/lib/server/openapi/operations.ts';
import { API_SCOPES } from '../../../src/lib/domain/api-scopes.ts';

const ROUTES = path.resolve(import.meta.dirname, '../../../src/routes');

function routeOperations(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === '+server.ts') {
        const routeId = '/' + path.relative(ROUTES, dir).split(path.sep).join('/');
        const src = readFileSync(p, 'utf8');
        for (const m of src.matchAll(/export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|DELETE|PATCH)\b/g))
          found.push(`${m[1]} ${routeIdToPath(routeId)}`);
        for (const m of src.matchAll(/export\s*\{([^}]*)\}/g))
          for (const n of m[1].split(',').map((s) =>
            s
              .trim()
              .split(/\s+as\s+/)
              .pop()!
          ))
            if (/^(GET|POST|PUT|DELETE|PATCH)$/.test(n)) found.push(`${n} ${routeIdToPath(routeId)}`);
      }
    }
  };
  walk(path.join(ROUTES, 'api/v1'));
  return found.sort();
}

describe('the OpenAPI document describes the whole /api/v1', () => {
  const described = allOperations()
    .map((o) => `${o.method.toUpperCase()} ${o.path}`)
    .sort();

  it('every route operation is described, and every description is a route operation', () => {
    const routes = routeOperations();
    expect(routes.length).toBeGreaterThan(40);
    expect(
      routes.filter((r) => !described.includes(r)),
      'routes without a description in src/lib/server/openapi'
    ).toEqual([]);
    expect(
      described.filter((d) => !routes.includes(d)),
      'descriptions without a route'
    ).toEqual([]);
  });

  it('every operation has a summary, a success response with a schema or a media type, and errors in the Error shape', () => {
    for (const op of allOperations()) {
      const name = `${op.method.toUpperCase()} ${op.path}`;
      expect(op.summary, name).toBeTruthy();
      const codes = Object.keys(op.responses);
      const success = codes.filter((c) => /^2/.test(c));
      expect(success.length, name).toBeGreaterThan(0);
      for (const c of success)
        expect(
          (op.responses[c] as { content?: object }).content ?? (c === '204' ? {} : undefined),
          `${name} ${c}`
        ).toBeDefined();
      // Readiness answers 503 with its failing checks (a load balancer reads the status only).
      for (const c of codes.filter((c) => /^[45]/.test(c) && !(name === 'GET /api/v1/ready' && c === '503')))
        expect(JSON.stringify(op.responses[c]), `${name} ${c}`).toContain('#/components/schemas/Error');
      const security = (op.security ?? openApiDocument().security) as Record<string, string[]>[];
      if (security.length) expect(codes, `${name}: a protected operation says 401`).toContain('401');
      for (const s of security) if (s.bearer) expect(API_SCOPES, name).toContain(s.bearer[0]);
    }
  });

  it('is a valid OpenAPI 3.1 document whose schemas compile', () => {
    const doc = openApiDocument();
    expect(doc.openapi).toBe('3.1.0');
    const ajv = new Ajv2020({ strict: false });
    ajv.addSchema({ $id: 'doc', components: doc.components } as object);
    for (const name of Object.keys(doc.components.schemas))
      expect(() => ajv.getSchema(`doc#/components/schemas/${name}`), name).not.toThrow();
    expect(doc.components.securitySchemes).toMatchObject({
      session: { type: 'apiKey', in: 'cookie' },
      bearer: { type: 'http', scheme: 'bearer' }
    });
  });
});

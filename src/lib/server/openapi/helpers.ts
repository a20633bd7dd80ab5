// Building blocks of the OpenAPI document (issue 17.2): every operation says who may call it (cookie session,
// and the bearer scope for tokens), what it takes and what it answers, errors included.
import type { ApiScope } from '$lib/domain/api-scopes.ts';

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const obj = (properties: Record<string, object>, required: string[] = Object.keys(properties)) => ({
  type: 'object',
  properties,
  required
});
export const str = { type: 'string' };
export const int = { type: 'integer' };
export const num = { type: 'number' };
export const bool = { type: 'boolean' };
export const date = { type: 'string', format: 'date' };
export const dateTime = { type: 'string', format: 'date-time' };
export const uuid = { type: 'string', format: 'uuid' };
export const nullable = (s: { type: string } & Record<string, unknown>) => ({ ...s, type: [s.type, 'null'] });
export const arrayOf = (items: object) => ({ type: 'array', items });
export const anyObject = { type: 'object' };

/** Session cookie, or a token holding `scope`. Without it an operation is for signed-in people only. */
export const tok = (scope: ApiScope) => ({ security: [{ session: [] }, { bearer: [scope] }] });
export const open = { security: [] as object[] };

export const jsonBody = (schema: object) => ({ required: true, content: { 'application/json': { schema } } });
export const ok = (description: string, schema: object) => ({
  description,
  content: { 'application/json': { schema } }
});
export const bytes = (description: string, mime: string) => ({
  description,
  content: { [mime]: { schema: { type: 'string', format: 'binary' } } }
});
export const err = (description: string) => ({
  description,
  content: { 'application/json': { schema: ref('Error') } }
});
export const idParam = { name: 'id', in: 'path', required: true, schema: uuid };
export const pathParam = (name: string, schema: object = str) => ({ name, in: 'path', required: true, schema });
export const query = (name: string, schema: object = str, description?: string) => ({
  name,
  in: 'query',
  schema,
  ...(description ? { description } : {})
});

/** What every protected operation may answer besides its own errors. */
export const COMMON = {
  '400': err('Bad input (malformed JSON or id, invalid fields), with the reason'),
  '401': err('Not signed in, or the token is invalid, revoked or expired'),
  '403': err('The role, district or token scope does not allow it'),
  '429': err('Too many requests with this token (Retry-After)'),
  default: err('Any other error, in the same shape')
};
export const PUBLIC_ERRORS = { default: err('Any error, in the same shape') };

export const upload = (extra: Record<string, object>, required = ['file']) => ({
  required: true,
  content: {
    'multipart/form-data': {
      schema: {
        type: 'object',
        properties: { file: { type: 'array', items: { type: 'string', format: 'binary' } }, ...extra },
        required
      }
    }
  }
});

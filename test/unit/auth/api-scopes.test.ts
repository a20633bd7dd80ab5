import { describe, expect, it } from 'vitest';
import { parseScopes, tokenMayCall, TOKEN_PATTERN } from '../../../src/lib/domain/api-scopes.ts';
import { requiredScope, routeIdToPath } from '../../../src/lib/server/openapi/operations.ts';

describe('API token scopes', () => {
  it('a token may call an operation only when it holds the operation’s scope; an operation without one is closed', () => {
    expect(tokenMayCall(['projects:read'], 'projects:read')).toBe(true);
    expect(tokenMayCall(['projects:read'], 'projects:write')).toBe(false);
    expect(tokenMayCall(['projects:read', 'projects:write'], null)).toBe(false);
  });
  it('parses the scopes of the form: unknown or none is refused with a reason', () => {
    expect(parseScopes(['projects:read', 'projects:read', 'layers:read'])).toEqual({
      scopes: ['projects:read', 'layers:read']
    });
    expect(parseScopes([])).toMatchObject({ problem: { en: /at least one/ } });
    expect(parseScopes(['root'])).toMatchObject({ problem: { en: /Unknown scope/ } });
  });
  it('reads the required scope from the OpenAPI document by SvelteKit route id', () => {
    expect(routeIdToPath('/api/v1/projects/[id]/performance/[year]')).toBe('/api/v1/projects/{id}/performance/{year}');
    expect(requiredScope('GET', '/api/v1/projects')).toBe('projects:read');
    expect(requiredScope('HEAD', '/api/v1/projects/[id]')).toBe('projects:read');
    expect(requiredScope('POST', '/api/v1/projects/[id]/actions')).toBe('workflow:act');
    expect(requiredScope('PUT', '/api/v1/calendar/[date]')).toBeNull();
    expect(requiredScope('POST', '/api/v1/session')).toBeNull();
    expect(requiredScope('GET', '/api/v1/nowhere')).toBeNull();
    expect(requiredScope('GET', null)).toBeNull();
  });
  it('only well-formed tokens are looked up', () => {
    expect(TOKEN_PATTERN.test('zlt_' + 'a'.repeat(43))).toBe(true);
    expect(TOKEN_PATTERN.test('zlt_' + 'a'.repeat(42))).toBe(false);
    expect(TOKEN_PATTERN.test("zlt_' or 1=1 --" + 'a'.repeat(28))).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { safeNext } from '../../../src/lib/server/http/safe-next.ts';

describe('safeNext: only same-origin relative paths', () => {
  it('keeps a path with its query and fragment', () => {
    expect(safeNext('/projects/abc?tab=files#docs')).toBe('/projects/abc?tab=files#docs');
    expect(safeNext('/')).toBe('/');
    expect(safeNext('/stats?authority=pudong&x=%2F%2Fa')).toBe('/stats?authority=pudong&x=%2F%2Fa');
  });

  it.each([
    ['protocol-relative', '//evil.example'],
    ['backslash (browsers read it as a slash)', '/\\evil.example'],
    ['two backslashes', '\\\\evil.example'],
    ['tab between the slashes', '/\t/evil.example'],
    ['newline between the slashes', '/\n/evil.example'],
    ['carriage return', '/\r/evil.example'],
    ['NUL byte', '/\u0000/evil.example'],
    ['absolute http URL', 'http://evil.example/'],
    ['javascript: URL', 'javascript:alert(1)'],
    ['scheme-relative with backslash after the slash', '/\\/evil.example'],
    ['relative without a slash', 'evil.example'],
    ['empty', ''],
    ['too long', '/' + 'a'.repeat(3000)]
  ])('refuses %s', (_, next) => {
    expect(safeNext(next)).toBe('/');
  });

  it('null and undefined fall back, and the fallback can be chosen', () => {
    expect(safeNext(null)).toBe('/');
    expect(safeNext(undefined, '/inbox')).toBe('/inbox');
    expect(safeNext('//evil.example', '/inbox')).toBe('/inbox');
  });

  it('dot segments stay on the site', () => {
    expect(safeNext('/../../evil.example')).toBe('/evil.example');
  });
});

// packedMap is Array.prototype.map whose result is the same kind of array however hot the caller is.
import { describe, expect, it } from 'vitest';
import { packedMap } from '../../../src/lib/geo/packed-map.ts';

describe('packedMap', () => {
  it('maps with the index, as map does, into a new array', () => {
    const xs = [
      [1, 2],
      [3, 4],
      [5, 6]
    ];
    const out = packedMap(xs, (p, i) => [p[0] * 10, i]);
    expect(out).toEqual(xs.map((p, i) => [p[0] * 10, i]));
    expect(out).not.toBe(xs);
    expect(packedMap([], () => 1)).toEqual([]);
  });
});

// Array.prototype.map makes a holey array in one JIT tier and a packed one in another, so the geometries of one
// file reach the stages after the reader as arrays of two shapes (hidden classes): each hot function met both, was
// deoptimised and compiled again (5,000 parcels: 6 functions, ~20–35 ms of compiling each on a 2-core machine).
// Arrays built by push are packed in every tier.

/** xs.map(f), as a packed array. */
export function packedMap<T, U>(xs: readonly T[], f: (x: T, i: number) => U): U[] {
  const out: U[] = [];
  for (let i = 0; i < xs.length; i++) out.push(f(xs[i], i));
  return out;
}

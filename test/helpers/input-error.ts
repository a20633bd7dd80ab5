// The BoundaryInputError a call throws (a user's bad file), failing the test if it throws nothing or a bug.
import { BoundaryInputError } from '../../src/lib/geo/types.ts';

export function inputErrorOf(f: () => unknown): BoundaryInputError {
  try {
    f();
  } catch (e) {
    if (e instanceof BoundaryInputError) return e;
    throw e;
  }
  throw new Error('expected a BoundaryInputError');
}

// The UserError a call throws (a user's bad file), failing the test if it throws nothing or a bug.
import { UserError } from '../../src/lib/errors.ts';

export function inputErrorOf(f: () => unknown): UserError {
  try {
    f();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a UserError');
}

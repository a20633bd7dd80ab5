// The departments table (per district, issue 13.2): what the CLI and services ask of it beyond the service's own.
import type { Queryable } from '../db/index.ts';

/** Whether the district has an active department with this code. */
export async function activeDepartmentExists(
  db: Queryable,
  authorityCode: string | null,
  code: string
): Promise<boolean> {
  const { rows } = await db.query('select 1 from departments where authority_code = $1 and code = $2 and active', [
    authorityCode,
    code
  ]);
  return rows.length > 0;
}

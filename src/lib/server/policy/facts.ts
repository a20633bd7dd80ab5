// The path facts as the policy sees them: the form's (and the planning department's confirmed) facts, plus
// whether the district's recognition authority is withdrawn (二.5).
import type { Queryable } from '../db/index.ts';
import type { PathFacts } from '../../domain/paths.ts';
import type { ProjectRow } from '../projects/projects.repository.ts';
import { factsOf } from '../projects/project-view.ts';
import { authorityStatusOf } from './authority.service.ts';

export async function policyFacts(db: Queryable, row: ProjectRow): Promise<PathFacts> {
  const status = await authorityStatusOf(db, row.authority_code);
  return { ...factsOf(row), authorityWithdrawnSince: status?.withdrawn ? status.since : null };
}

// After a layer version becomes current: re-classify every project not yet decided and list those whose
// result changed (who to tell, what changed). Runs in the switch's transaction.
import type { Queryable } from '../db/index.ts';
import { classifyProject } from './classify.ts';
import { insertReclassifiedEvent, projectsToReclassify } from './classification.repository.ts';
import type { Classification } from '../../domain/classification/types.ts';

/** What a project's officer and enterprise would notice, compared before and after. */
export interface ClassificationSummary {
  landType: string | null;
  authorityCode: string | null;
  lingang: boolean;
  straddles: boolean;
  conflicts: string[];
}

export interface ReclassifyChange {
  projectId: string;
  code: string;
  title: string;
  stage: string;
  /** Who to tell: the enterprise that owns the project and the recognising authority. */
  ownerId: string;
  ownerName: string;
  authorityCode: string | null;
  before: ClassificationSummary | null;
  after: ClassificationSummary;
  /** Names of the fields of ClassificationSummary that differ. */
  changed: (keyof ClassificationSummary)[];
}

export function summarise(
  c: Pick<Classification, 'landType' | 'authorityCode' | 'lingang' | 'straddles' | 'conflicts'>
): ClassificationSummary {
  return {
    landType: c.landType,
    authorityCode: c.authorityCode,
    lingang: c.lingang,
    straddles: c.straddles,
    conflicts: [...new Set(c.conflicts.map((x) => x.kind))].sort()
  };
}

const FIELDS: (keyof ClassificationSummary)[] = ['landType', 'authorityCode', 'lingang', 'straddles', 'conflicts'];

export function diff(
  before: ClassificationSummary | null,
  after: ClassificationSummary
): (keyof ClassificationSummary)[] {
  if (!before) return after.landType ? ['landType'] : [];
  return FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
}

export async function reclassifyOpenProjects(
  tx: Queryable,
  ctx: { actorId: string | null; reason: string }
): Promise<{ checked: number; changes: ReclassifyChange[] }> {
  const candidates = await projectsToReclassify(tx);
  const changes: ReclassifyChange[] = [];
  for (const p of candidates) {
    const prev = p.previous as Classification | null;
    // A project never classified by this module still has a land type (set elsewhere): compare with that.
    const before = prev
      ? summarise(prev)
      : p.land_type
        ? { landType: p.land_type, authorityCode: null, lingang: false, straddles: false, conflicts: [] }
        : null;
    const after = summarise(await classifyProject(tx, p.id));
    const changed = prev ? diff(before, after) : before?.landType === after.landType ? [] : ['landType' as const];
    if (changed.length === 0) continue;
    changes.push({
      projectId: p.id,
      code: p.code,
      title: p.title,
      stage: p.stage,
      ownerId: p.owner_id,
      ownerName: p.owner_name,
      authorityCode: p.authority_code,
      before,
      after,
      changed
    });
    await insertReclassifiedEvent(tx, {
      projectId: p.id,
      actorId: ctx.actorId,
      stage: p.stage,
      comment: ctx.reason,
      payload: { before, after, changed }
    });
  }
  return { checked: candidates.length, changes };
}

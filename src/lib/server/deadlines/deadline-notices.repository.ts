// The deadline_notices table: which level of which running clock has been noticed (once per cycle and level).
import type { Queryable } from '../db/index.ts';
import type { RunningClock } from '../../domain/deadline-watch.ts';

export interface SentNoticeRow {
  clock: RunningClock['clock'];
  subject: string;
  cycle: string;
  level: RunningClock['level'];
}

/** The notices already given on the project. */
export async function sentNotices(db: Queryable, projectId: string): Promise<SentNoticeRow[]> {
  const { rows } = await db.query<SentNoticeRow>(
    `select clock, subject, to_char(cycle, 'YYYY-MM-DD') as cycle, level from deadline_notices where project_id = $1`,
    [projectId]
  );
  return rows;
}

/** Records the notice; false when it was recorded already (another instance won the race). */
export async function claimNotice(
  db: Queryable,
  n: { projectId: string; clock: string; subject: string; cycle: string; level: string; on: string }
): Promise<boolean> {
  const { rows } = await db.query(
    `insert into deadline_notices (project_id, clock, subject, cycle, level, noticed_on) values ($1, $2, $3, $4, $5, $6)
     on conflict do nothing returning project_id`,
    [n.projectId, n.clock, n.subject, n.cycle, n.level, n.on]
  );
  return rows.length > 0;
}

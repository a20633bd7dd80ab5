// Milestone due dates from the contract schedule (issue 16 §6): shown on the project page, and the late ones
// in the district lead's inbox.
import type { Queryable } from '../db/index.ts';
import type { SessionUser } from '../auth/session.ts';
import * as repo from '../projects/projects.repository.ts';
import { contractTermsOfProjects, milestoneRecordRows } from './aftercare.repository.ts';
import { summaryOf, todayInShanghai } from '../projects/project-view.ts';
import { loadCalendar } from '../calendar/calendar.service.ts';
import type { InboxItem } from '../projects/projects.types.ts';
import type { MilestoneRecord } from '../../domain/tracking.ts';
import { contractTermsSchema, type ContractTerms } from '../../domain/aftercare/terms.ts';
import {
  milestoneLabel,
  milestoneSchedule,
  milestoneStatus,
  overdueMilestones,
  type MilestoneStatus
} from '../../domain/aftercare/milestones.ts';

async function milestoneRecords(db: Queryable, ids: string[]): Promise<Map<string, MilestoneRecord[]>> {
  const out = new Map<string, MilestoneRecord[]>();
  if (!ids.length) return out;
  const rows = await milestoneRecordRows(db, ids);
  for (const r of rows) out.set(r.project_id, [...(out.get(r.project_id) ?? []), r.payload]);
  return out;
}

export async function scheduleOf(
  db: Queryable,
  projectId: string,
  terms: ContractTerms | null,
  today = todayInShanghai()
): Promise<MilestoneStatus[]> {
  return milestoneStatus(
    milestoneSchedule(terms),
    (await milestoneRecords(db, [projectId])).get(projectId) ?? [],
    today
  );
}

/** Inbox items for the district lead: each recognised project of the district with unrecorded milestones past due. */
export async function lateMilestoneItems(db: Queryable, actor: SessionUser): Promise<InboxItem[]> {
  if (actor.role !== 'district_industry' || !actor.authorityCode) return [];
  const rows = await repo.listProjectRows(db, {
    authorityCode: actor.authorityCode,
    stages: ['recognised', 'tracking']
  });
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const terms = new Map(
    (await contractTermsOfProjects(db, ids))
      .map((r) => [r.project_id, contractTermsSchema.safeParse(r.terms)] as const)
      .filter(([, t]) => t.success)
      .map(([id, t]) => [id, t.data as ContractTerms])
  );
  if (!terms.size) return [];
  const records = await milestoneRecords(db, [...terms.keys()]);
  const cal = await loadCalendar(db);
  const today = todayInShanghai();
  const items: InboxItem[] = [];
  for (const row of rows) {
    const t = terms.get(row.id);
    if (!t) continue;
    const late = overdueMilestones(milestoneStatus(milestoneSchedule(t), records.get(row.id) ?? [], today));
    if (!late.length) continue;
    items.push({
      project: summaryOf(row, cal, today),
      actions: late.map((l) => {
        const m = milestoneLabel(l.milestone);
        return {
          type: `record_milestone:${l.milestone}`,
          zh: `跟踪节点逾期：${m.zh}（应于 ${l.due} 前，已逾期 ${l.daysLate} 天）`,
          en: `Milestone late: ${m.en} (due ${l.due}, ${l.daysLate} days late)`
        };
      }),
      dueDate: late[0].due,
      overdue: true
    });
  }
  return items;
}

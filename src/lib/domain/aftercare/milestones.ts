// Due dates of the tracking milestones from the declared schedule (the land contract's 开工 / 竣工 / 达产
// dates), and which are late. Pure: the district lead's inbox and the project page use the same answer.
import { addDays, type IsoDate } from '../dates.ts';
import { MILESTONES, MILESTONE_INFO, type Milestone, type MilestoneRecord } from '../tracking.ts';
import type { ContractTerms, Label } from './terms.ts';
import { assessmentYear, reportDueOf } from './verdicts.ts';

export interface MilestoneDue {
  milestone: Milestone;
  due: IsoDate;
  basis: Label;
}
export interface MilestoneStatus extends MilestoneDue {
  recordedOn: IsoDate | null;
  late: boolean;
  daysLate: number;
}

/**
 * 环评法 第二十二条: the authority decides on an EIA report within 60 days, so it is filed 60 days before the
 * contract's start date; EIA approval and the construction permit precede the start (环评法 第二十五条, 建筑法
 * 第七条); the planning check (规划核实) precedes completion acceptance; the post-recognition evaluation
 * follows the first 达产 year's figures.
 */
export function milestoneSchedule(
  terms: Pick<ContractTerms, 'startBy' | 'completeBy' | 'fullProductionBy'> | null
): MilestoneDue[] {
  if (!terms) return [];
  const out: MilestoneDue[] = [];
  const add = (m: Milestone, due: IsoDate | undefined, zh: string, en: string) => {
    if (due) out.push({ milestone: m, due, basis: { zh, en } });
  };
  add(
    'eia_filed',
    terms.startBy && addDays(terms.startBy, -60),
    '约定开工日期前 60 日（环评法 第二十二条审批时限）',
    '60 days before the contract start (EIA Law art. 22 decision period)'
  );
  add(
    'eia_approved',
    terms.startBy,
    '约定开工日期（环评法 第二十五条：未经审批不得开工）',
    'Contract start date (EIA Law art. 25)'
  );
  add(
    'construction_permit',
    terms.startBy,
    '约定开工日期（建筑法 第七条）',
    'Contract start date (Construction Law art. 7)'
  );
  add('construction_start', terms.startBy, '土地出让合同约定开工日期', 'Start date in the land contract');
  add(
    'planning_check',
    terms.completeBy,
    '约定竣工日期（规划核实先于竣工验收）',
    'Contract completion date (planning check precedes acceptance)'
  );
  add('completion_acceptance', terms.completeBy, '土地出让合同约定竣工日期', 'Completion date in the land contract');
  add('operation', terms.fullProductionBy, '土地出让合同约定达产日期', 'Full-production date in the land contract');
  const y = assessmentYear(terms.fullProductionBy);
  add(
    'post_evaluation',
    reportDueOf(y),
    `达产后首个完整年度（${y}）实绩报齐后`,
    `After the first full year of production (${y}) is reported`
  );
  return out.sort((a, b) => MILESTONES.indexOf(a.milestone) - MILESTONES.indexOf(b.milestone));
}

const dayDiff = (a: IsoDate, b: IsoDate) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/** Each scheduled milestone with its first record; late when unrecorded after its due date, or recorded after it. */
export function milestoneStatus(
  schedule: readonly MilestoneDue[],
  records: readonly Pick<MilestoneRecord, 'milestone' | 'date'>[],
  today: IsoDate
): MilestoneStatus[] {
  return schedule.map((s) => {
    const rec =
      records
        .filter((r) => r.milestone === s.milestone)
        .map((r) => r.date)
        .sort()[0] ?? null;
    const end = rec ?? today;
    const daysLate = Math.max(0, dayDiff(s.due, end));
    return { ...s, recordedOn: rec, late: daysLate > 0, daysLate };
  });
}

/** What the district lead must chase: unrecorded milestones past their due date. */
export const overdueMilestones = (st: readonly MilestoneStatus[]) => st.filter((s) => s.late && !s.recordedOn);

export const milestoneLabel = (m: Milestone): Label => ({ zh: MILESTONE_INFO[m].zh, en: MILESTONE_INFO[m].en });

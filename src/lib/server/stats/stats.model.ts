// 汇总统计 (附件 三.1 "生成所在区申报项目一览表（含工作节点）") and the city's view of the districts (二.5
// "对优质项目认定出现标准偏差较大、认定时间过长等问题的区…采取约谈、通报、收回相关区优质项目认定权等措施").
// Pure: rows and events in, figures out; the working days come from the domain clock (domain/clock.ts).
import { clockStatus, RECOGNITION_WORKING_DAYS } from '../../domain/clock.ts';
import { shanghaiDate, type IsoDate } from '../../domain/dates.ts';
import { MILESTONES, type Milestone } from '../../domain/tracking.ts';
import type { Calendar } from '../../domain/working-days.ts';
import { STAGE_TABLE, STAGES, type ClockRecord, type Stage, type StageGroup } from '../../domain/workflow-model.ts';

export interface StatEvent {
  action: string;
  at: Date | string;
  payload: Record<string, unknown>;
}

export interface StatProjectInput {
  id: string;
  code: string;
  title: string;
  enterpriseName: string;
  authorityCode: string | null;
  stage: string;
  landType: string | null;
  /** The workflow's own clock record when the project has one (authoritative); else derived from events. */
  clock: ClockRecord | null;
  events: StatEvent[];
}

/** The workflow nodes of 附件 二–三, as Shanghai dates. */
export interface Nodes {
  submitted: IsoDate | null; // 申报
  accepted: IsoDate | null; // 受理 (初审 starts; the 10-day clock starts)
  jointReviewStarted: IsoDate | null; // 联审
  jointReviewClosed: IsoDate | null;
  cityReview: IsoDate | null; // 报市审核 (reserve-area new land)
  decided: IsoDate | null; // 认定 / 未通过
  outcome: 'recognised' | 'rejected' | null;
  filed: IsoDate | null; // 报备 acknowledged (all recipients)
  tracking: IsoDate | null; // 转入跟踪
  milestones: Partial<Record<Milestone, IsoDate>>;
}

export interface ProjectStat extends StatProjectInput {
  nodes: Nodes;
  workingDays: number | null;
  due: IsoDate | null;
  /** Open and past the 10th working day. */
  overdue: boolean;
  /** Decided after more than 10 working days. */
  late: boolean;
  findings: number;
  /** Recognised although a positive-list criterion failed or was unjudged (a justification was recorded, 一.3). */
  belowStandard: boolean;
  /** A negative-list hit was overridden by the district (before recognition or not). */
  negativeOverride: boolean;
}

const day = (at: Date | string) => shanghaiDate(new Date(at));
const first = (evs: StatEvent[], ...actions: string[]) => evs.find((e) => actions.includes(e.action));
const last = (evs: StatEvent[], ...actions: string[]) => [...evs].reverse().find((e) => actions.includes(e.action));

export function nodesOf(events: StatEvent[]): Nodes {
  const d = (e: StatEvent | undefined) => (e ? day(e.at) : null);
  const decision = last(events, 'recognise', 'reject');
  const milestones: Partial<Record<Milestone, IsoDate>> = {};
  for (const e of events) {
    const m = e.payload.milestone;
    const date = e.payload.date;
    if (
      e.action === 'record_milestone' &&
      typeof m === 'string' &&
      (MILESTONES as readonly string[]).includes(m) &&
      typeof date === 'string'
    ) {
      milestones[m as Milestone] ??= date; // the first record (inspections recur; the list shows the first)
    }
  }
  return {
    submitted: d(first(events, 'submit')),
    accepted: d(first(events, 'accept')),
    jointReviewStarted: d(first(events, 'start_joint_review')),
    jointReviewClosed: d(last(events, 'close_joint_review')),
    cityReview: d(first(events, 'forward_to_city')),
    decided: d(decision),
    outcome: decision ? (decision.action === 'recognise' ? 'recognised' : 'rejected') : null,
    filed: d(last(events, 'acknowledge_filing')),
    tracking: d(first(events, 'enter_tracking')),
    milestones
  };
}

/**
 * The clock from the log when a project has no stored workflow clock, by the same rule as the workflow
 * (domain/clock.ts): starts on acceptance, paused from a return after acceptance to the resubmission,
 * stops on the decision or a withdrawal.
 */
export function clockFromEvents(events: StatEvent[]): ClockRecord {
  const accepted = first(events, 'accept');
  if (!accepted) return { startedOn: null, pauses: [], stoppedOn: null };
  const pauses: ClockRecord['pauses'] = [];
  let open: { from: IsoDate; to: IsoDate | null } | null = null;
  for (const e of events) {
    if (new Date(e.at) < new Date(accepted.at)) continue;
    if (e.action === 'return' && !open) open = { from: day(e.at), to: null };
    if (e.action === 'resubmit' && open) {
      open.to = day(e.at);
      pauses.push(open);
      open = null;
    }
  }
  if (open) pauses.push(open);
  const stop = last(events, 'recognise', 'reject', 'withdraw');
  return { startedOn: day(accepted.at), pauses, stoppedOn: stop ? day(stop.at) : null };
}

/** The last decision was a recognition whose event records a positive-list justification. */
export function recognisedBelowStandard(events: StatEvent[]): boolean {
  const d = last(events, 'recognise', 'reject');
  return (
    !!d &&
    d.action === 'recognise' &&
    !!d.payload &&
    typeof d.payload.positiveList === 'object' &&
    d.payload.positiveList !== null
  );
}

export function projectStat(p: StatProjectInput, cal: Calendar, today: IsoDate): ProjectStat {
  const clock = p.clock?.startedOn ? p.clock : clockFromEvents(p.events);
  const status = clock.startedOn ? clockStatus(clock, cal, today) : null;
  return {
    ...p,
    nodes: nodesOf(p.events),
    workingDays: status ? status.used : null,
    due: status?.due ?? null,
    overdue: status?.overdue ?? false,
    late: status?.late ?? false,
    findings: p.events.filter((e) => e.action === 'record_finding').length,
    belowStandard: recognisedBelowStandard(p.events),
    negativeOverride: p.events.some((e) => e.action === 'standard_override')
  };
}

// ---- District figures for the city -------------------------------------------------------------

/** The stages of each statistics group, from the stage table (domain/workflow-model.ts), in procedure order. */
export const STAGE_GROUPS = STAGES.reduce(
  (groups, s) => {
    const g = STAGE_TABLE[s].group;
    if (g) (groups[g] ??= []).push(s);
    return groups;
  },
  {} as Record<StageGroup, Stage[]>
);
export type { StageGroup };
export const STAGE_GROUP_LABELS: Record<StageGroup, { zh: string; en: string }> = {
  applying: { zh: '申报受理', en: 'Application' },
  joint_review: { zh: '区级联审', en: 'Joint review' },
  city_review: { zh: '市级审核', en: 'City review' },
  decision: { zh: '待认定', en: 'Awaiting decision' },
  recognised: { zh: '已认定', en: 'Recognised' },
  rejected: { zh: '未通过', en: 'Not recognised' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' }
};
export const stageGroupOf = (stage: string): StageGroup | null =>
  (Object.keys(STAGE_GROUPS) as StageGroup[]).find((g) => (STAGE_GROUPS[g] as readonly string[]).includes(stage)) ??
  null;

/** The flag rules (二.5), with their reasons. */
export const FLAG_RULES = {
  /** "认定时间过长": the policy's own target (一.2 原则上认定时间不超过 10 个工作日) applied to the district's average. */
  slowAverageDays: RECOGNITION_WORKING_DAYS,
  /**
   * "标准偏差较大": recognition rate more than 25 percentage points from the city's. 25 points is one decision in
   * four going the other way — more than chance variation between districts with similar applicants.
   */
  rateDeviationPoints: 25,
  /** Rates are compared only from 3 decisions on: with fewer, one decision moves the rate by 33+ points. */
  minDecisionsForRate: 3,
  /** Findings (false information, contract breach) on more than 20 % of recognised projects: the standard was applied loosely. */
  findingsShare: 0.2,
  /**
   * "标准偏差较大" also when more than 20 % of the district's recognitions departed from the list: recognised although
   * the positive list was not met (justified, 一.3) or with a negative-list override. Same share as findings: one in five.
   */
  deviationShare: 0.2
} as const;

export type FlagKind = 'slow' | 'standard_deviation' | 'findings';

export interface DistrictFlag {
  kind: FlagKind;
  zh: string;
  en: string;
}

export interface DistrictFigures {
  authorityCode: string;
  total: number;
  byStage: Record<StageGroup, number>;
  byLandType: Record<string, number>;
  decided: number;
  recognised: number;
  /** recognised ÷ decided, null without decisions. */
  recognitionRate: number | null;
  avgDecisionDays: number | null;
  p90DecisionDays: number | null;
  overdueOpen: number;
  lateDecisions: number;
  withFindings: number;
  /** Recognised although the positive list was not met (justified). */
  recognisedBelowStandard: number;
  /** Recognised projects with a negative-list override. */
  negativeOverrides: number;
  /** Recognised projects with either: the numerator of the deviation share. */
  deviations: number;
  flags: DistrictFlag[];
}

/** 90th percentile by the nearest-rank method (the smallest value with at least 90 % of values ≤ it). */
export function p90(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.ceil(0.9 * s.length) - 1];
}

const mean = (v: number[]) => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : null);

function figures(code: string, ps: ProjectStat[]): Omit<DistrictFigures, 'flags'> {
  const byStage = Object.fromEntries(Object.keys(STAGE_GROUPS).map((g) => [g, 0])) as Record<StageGroup, number>;
  const byLandType: Record<string, number> = {};
  for (const p of ps) {
    const g = stageGroupOf(p.stage);
    if (g) byStage[g]++;
    const lt = p.landType ?? 'unclassified';
    byLandType[lt] = (byLandType[lt] ?? 0) + 1;
  }
  const decidedPs = ps.filter((p) => p.nodes.outcome !== null);
  const recognised = decidedPs.filter((p) => p.nodes.outcome === 'recognised').length;
  const days = decidedPs.map((p) => p.workingDays).filter((d): d is number => d !== null);
  return {
    authorityCode: code,
    total: ps.length,
    byStage,
    byLandType,
    decided: decidedPs.length,
    recognised,
    recognitionRate: decidedPs.length ? recognised / decidedPs.length : null,
    avgDecisionDays: mean(days),
    p90DecisionDays: p90(days),
    overdueOpen: ps.filter((p) => p.overdue).length,
    lateDecisions: ps.filter((p) => p.late).length,
    withFindings: ps.filter((p) => p.findings > 0).length,
    recognisedBelowStandard: decidedPs.filter((p) => p.nodes.outcome === 'recognised' && p.belowStandard).length,
    negativeOverrides: decidedPs.filter((p) => p.nodes.outcome === 'recognised' && p.negativeOverride).length,
    deviations: decidedPs.filter((p) => p.nodes.outcome === 'recognised' && (p.belowStandard || p.negativeOverride))
      .length
  };
}

/** Figures per authority (every authority in `codes`, even without projects) and for the city, with flags. */
export function districtFigures(
  stats: ProjectStat[],
  codes: readonly string[]
): { districts: DistrictFigures[]; city: Omit<DistrictFigures, 'flags'> } {
  const city = figures('city', stats);
  const districts = codes.map((code) => {
    const f = figures(
      code,
      stats.filter((p) => p.authorityCode === code)
    );
    const flags: DistrictFlag[] = [];
    if (f.avgDecisionDays !== null && f.avgDecisionDays > FLAG_RULES.slowAverageDays) {
      flags.push({
        kind: 'slow',
        zh: `平均认定用时 ${f.avgDecisionDays.toFixed(1)} 个工作日，超过 ${FLAG_RULES.slowAverageDays} 个工作日`,
        en: `Average decision time ${f.avgDecisionDays.toFixed(1)} working days, over ${FLAG_RULES.slowAverageDays}`
      });
    }
    // 认定标准偏差较大 (二.5): recognitions that departed from the list, and the recognition rate against the city's.
    const why: { zh: string; en: string }[] = [];
    if (f.recognised > 0 && f.deviations / f.recognised > FLAG_RULES.deviationShare) {
      why.push({
        zh: `${f.deviations} 个已认定项目偏离清单（未符合正面清单仍予认定 ${f.recognisedBelowStandard} 个、负面清单豁免 ${f.negativeOverrides} 个），占 ${((f.deviations / f.recognised) * 100).toFixed(0)}%（阈值 ${FLAG_RULES.deviationShare * 100}%）`,
        en: `${f.deviations} recognitions departed from the list (${f.recognisedBelowStandard} although the positive list was not met, ${f.negativeOverrides} with a negative-list override): ${((f.deviations / f.recognised) * 100).toFixed(0)}% (limit ${FLAG_RULES.deviationShare * 100}%)`
      });
    }
    if (f.recognitionRate !== null && city.recognitionRate !== null && f.decided >= FLAG_RULES.minDecisionsForRate) {
      const diff = (f.recognitionRate - city.recognitionRate) * 100;
      if (Math.abs(diff) > FLAG_RULES.rateDeviationPoints) {
        why.push({
          zh: `认定通过率 ${(f.recognitionRate * 100).toFixed(0)}%，与全市 ${(city.recognitionRate * 100).toFixed(0)}% 相差 ${Math.abs(diff).toFixed(0)} 个百分点（阈值 ${FLAG_RULES.rateDeviationPoints}）`,
          en: `recognition rate ${(f.recognitionRate * 100).toFixed(0)}% vs the city's ${(city.recognitionRate * 100).toFixed(0)}%: ${Math.abs(diff).toFixed(0)} points apart (limit ${FLAG_RULES.rateDeviationPoints})`
        });
      }
    }
    if (why.length)
      flags.push({
        kind: 'standard_deviation',
        zh: `认定标准偏差较大：${why.map((w) => w.zh).join('；')}`,
        en: `Recognitions deviate from the standard: ${why.map((w) => w.en).join('; ')}`
      });
    if (f.recognised > 0 && f.withFindings / f.recognised > FLAG_RULES.findingsShare) {
      flags.push({
        kind: 'findings',
        zh: `${f.withFindings} 个已认定项目存在问题认定（占 ${((f.withFindings / f.recognised) * 100).toFixed(0)}%）`,
        en: `${f.withFindings} recognised projects with findings (${((f.withFindings / f.recognised) * 100).toFixed(0)}%)`
      });
    }
    return { ...f, flags };
  });
  return { districts, city };
}

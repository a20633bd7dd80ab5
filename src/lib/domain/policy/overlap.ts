// One parcel, one live project (issue 12 item 9). The guideline has the district lead check each application's
// 四至范围 (附件 二.1) and the city act on 申报信息不实 (二.5): a parcel already carried by another application in
// progress, or by a recognised project, is either a duplicate or a false declaration until the lead has looked.
// A parcel overlapping such a project's parcel by more than 1 % of either parcel or more than 100 m² is flagged at
// upload and on the project page; the lead acknowledges it with a reason before the application goes on.
import type { Refusal, Stage } from '../workflow-model.ts';
import { ruleRefusal } from './common.ts';

/** An overlap above either bound is significant; below both it is digitising noise along a shared boundary. */
export const OVERLAP_MIN_M2 = 100;
export const OVERLAP_MIN_SHARE = 0.01;

/** Stages of another project that hold its parcel: applications in progress and recognised projects. */
export const LIVE_STAGES: readonly Stage[] = [
  'submitted',
  'preliminary_review',
  'returned',
  'joint_review',
  'city_review',
  'decision',
  'recognised',
  'tracking'
];

/** The lead's steps that take an application on past acceptance; each needs every overlap acknowledged. */
export const OVERLAP_GATED_ACTIONS: readonly string[] = [
  'accept',
  'start_joint_review',
  'forward_to_city',
  'close_joint_review'
];

export const OVERLAP_CLAUSE = '附件 二.1、二.5';

/** Shortest acknowledgement accepted: a reason, not a keystroke. */
export const MIN_OVERLAP_REASON = 4;

export const isLiveStage = (stage: string) => (LIVE_STAGES as readonly string[]).includes(stage);

export interface OverlapMeasure {
  overlapM2: number;
  /** Areas of this project's parcel and of the other one, m². */
  areaM2: number;
  otherAreaM2: number;
}

/** More than 100 m², or more than 1 % of either parcel. */
export function isSignificantOverlap(o: OverlapMeasure): boolean {
  if (!(o.overlapM2 > 0)) return false;
  if (o.overlapM2 > OVERLAP_MIN_M2) return true;
  return [o.areaM2, o.otherAreaM2].some((a) => a > 0 && o.overlapM2 > OVERLAP_MIN_SHARE * a);
}

export interface ParcelOverlap extends OverlapMeasure {
  projectId: string;
  code: string;
  title: string;
  stage: string;
  /** The viewer may see the other project (its code and title are shown only then). */
  visible: boolean;
  /** When the other project was submitted (ISO), null if never. */
  otherSubmittedAt?: string | null;
}

export interface OverlapAcknowledgement {
  projectIds: string[];
  reason: string;
}

/** Significant overlaps with live projects, the largest first. */
export function liveOverlaps<T extends OverlapMeasure & { stage: string }>(rows: readonly T[]): T[] {
  return rows.filter((r) => isLiveStage(r.stage) && isSignificantOverlap(r)).sort((a, b) => b.overlapM2 - a.overlapM2);
}

/**
 * The newer application bears the check: overlaps with projects submitted no later than this one (all of them while
 * this one is not submitted). An older project is not held up by a newer application on its land; that one is flagged.
 */
export function heldBefore<T extends { otherSubmittedAt?: string | null }>(
  overlaps: readonly T[],
  submittedAt: string | null
): T[] {
  if (!submittedAt) return [...overlaps];
  const mine = Date.parse(submittedAt);
  return overlaps.filter((o) => !o.otherSubmittedAt || Date.parse(o.otherSubmittedAt) <= mine);
}

/** Overlaps no earlier acknowledgement covers. */
export function unacknowledged<T extends { projectId: string }>(
  overlaps: readonly T[],
  acks: readonly Pick<OverlapAcknowledgement, 'projectIds'>[]
): T[] {
  const done = new Set(acks.flatMap((a) => a.projectIds));
  return overlaps.filter((o) => !done.has(o.projectId));
}

const m2 = (x: number) => `${Math.round(x).toLocaleString('en-US')} m²`;
const pct = (x: number) => `${(Math.round(x * 1000) / 10).toString()}%`;

/** "P-2026-0001《…》（区级联审）overlap 1,234 m²" — or an anonymous other project for those who may not see it. */
export function describeOverlap(o: ParcelOverlap, lang: 'zh' | 'en'): string {
  const share = o.areaM2 > 0 ? o.overlapM2 / o.areaM2 : 0;
  if (lang === 'zh') {
    const who = o.visible ? `项目 ${o.code}《${o.title}》` : '另一项目（您无权查看其详情）';
    return `${who}重叠 ${m2(o.overlapM2)}（占本地块 ${pct(share)}）`;
  }
  const who = o.visible ? `project ${o.code} "${o.title}"` : 'another project (not visible to you)';
  return `${who} by ${m2(o.overlapM2)} (${pct(share)} of this parcel)`;
}

/** Null when every significant overlap is acknowledged, or the acknowledgement given now has a reason. */
export function checkOverlapAcknowledged(
  pending: readonly ParcelOverlap[],
  reason: string | null | undefined
): Refusal | null {
  if (pending.length === 0) return null;
  if ((reason ?? '').trim().length >= MIN_OVERLAP_REASON) return null;
  return ruleRefusal(
    409,
    'overlap_unacknowledged',
    OVERLAP_CLAUSE,
    `一块地只能有一个在办或已认定的项目：本地块与${pending.map((o) => describeOverlap(o, 'zh')).join('；')}。请区产业部门核实后填写确认理由（如同一企业重新申报、界址误差）再办理`,
    `One parcel, one live project: this parcel overlaps ${pending.map((o) => describeOverlap(o, 'en')).join('; ')}. The district lead must check it and give a reason (e.g. the same enterprise applying again, a boundary error) before going on`
  );
}

/** What the action's event records when the lead acknowledges overlaps. */
export function acknowledgementRecord(pending: readonly ParcelOverlap[], reason: string) {
  return {
    reason: reason.trim(),
    projectIds: pending.map((o) => o.projectId),
    overlaps: pending.map((o) => ({
      projectId: o.projectId,
      code: o.code,
      stage: o.stage,
      overlapM2: Math.round(o.overlapM2 * 10) / 10
    }))
  };
}

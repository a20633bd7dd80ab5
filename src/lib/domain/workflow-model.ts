// Data of the recognition workflow (沪经信规范〔2020〕9号 一.2, 三.1, 三.2 and 附件 二–三): stages,
// actions, opinions, departments, the persisted state and the events. Logic lives in workflow.ts.
import { z } from 'zod';
import type { IsoDate } from './dates.ts';
import type { DocumentKind } from './paths.ts';
import { DOCUMENT_KINDS } from './paths.ts';
import type { Role } from './roles.ts';
import { REQUIRED_DEPARTMENT_CODES, STANDARD_DEPARTMENTS, type DepartmentEntry } from './departments.ts';

export const STAGES = [
  'draft',
  'submitted',
  'preliminary_review',
  'returned',
  'joint_review',
  'city_review',
  'decision',
  'recognised',
  'tracking',
  'rejected',
  'withdrawn'
] as const;
export type Stage = (typeof STAGES)[number];

type Label = { zh: string; en: string };

/** Where a stage stands: the applicant's turn (editable), awaiting acceptance, the officials' review, after
 *  recognition, or closed. Attachments, declarations, fact confirmation, withdrawal and the inbox read it. */
export type StagePhase = 'application' | 'intake' | 'review' | 'after' | 'closed';
/** On which main line of the procedure a stage lies (一.4 / 三.1): every path, the district path (joint
 *  review, district decision), the city path (三.1), or only while a plan adjustment is pending (一.4(3));
 *  null for side stages (returned) and ends (rejected, withdrawn). */
export type StageLine = 'all' | 'district' | 'city' | 'plan_adjustment' | null;
/** The groups the statistics count by. */
export type StageGroup =
  'applying' | 'joint_review' | 'city_review' | 'decision' | 'recognised' | 'rejected' | 'withdrawn';

export interface StageInfo {
  label: Label;
  phase: StagePhase;
  line: StageLine;
  group: StageGroup | null;
}

/**
 * The one table of the stages, in procedure order. The guards (withdrawal, attachments, declarations, fact
 * confirmation), the timeline's main line, the labels, the statistics' groups and the inbox derive from it;
 * which action leads from which stage to which, by whom, is the transition table (workflow-transitions.ts).
 */
export const STAGE_TABLE: Record<Stage, StageInfo> = {
  draft: { label: { zh: '草稿', en: 'Draft' }, phase: 'application', line: 'all', group: null },
  submitted: {
    label: { zh: '已提交，待受理', en: 'Submitted, awaiting acceptance' },
    phase: 'intake',
    line: 'all',
    group: 'applying'
  },
  preliminary_review: {
    label: { zh: '区产业部门初审', en: 'Preliminary review (district industry department)' },
    phase: 'review',
    line: 'all',
    group: 'applying'
  },
  returned: {
    label: { zh: '退回补正', en: 'Returned to the enterprise' },
    phase: 'application',
    line: null,
    group: 'applying'
  },
  joint_review: {
    label: { zh: '区级联审', en: 'District joint review' },
    phase: 'review',
    line: 'district',
    group: 'joint_review'
  },
  city_review: {
    label: { zh: '市“三委两局”审核认定', en: 'City review (three commissions and two bureaus)' },
    phase: 'review',
    line: 'city',
    group: 'city_review'
  },
  decision: {
    label: { zh: '区政府认定', en: 'District government decision' },
    phase: 'review',
    line: 'district',
    group: 'decision'
  },
  recognised: {
    label: { zh: '已认定', en: 'Recognised' },
    phase: 'after',
    line: 'plan_adjustment',
    group: 'recognised'
  },
  tracking: { label: { zh: '产业项目跟踪', en: 'Project tracking' }, phase: 'after', line: 'all', group: 'recognised' },
  rejected: { label: { zh: '未通过认定', en: 'Not recognised' }, phase: 'closed', line: null, group: 'rejected' },
  withdrawn: { label: { zh: '已撤回', en: 'Withdrawn' }, phase: 'closed', line: null, group: 'withdrawn' }
};

/** The stages of the given phases, in procedure order. */
export const stagesIn = (...phases: StagePhase[]): readonly Stage[] =>
  STAGES.filter((s) => phases.includes(STAGE_TABLE[s].phase));

export const STAGE_LABELS = Object.fromEntries(STAGES.map((s) => [s, STAGE_TABLE[s].label])) as Record<Stage, Label>;

/** Stages after which nothing more happens in the recognition workflow. */
export const FINAL_STAGES: readonly Stage[] = stagesIn('closed');
/** The applicant's turn: the application and its declarations may be edited. */
export const EDITABLE_STAGES: readonly Stage[] = stagesIn('application');
/** The officials review: from submission to the decision. */
export const REVIEW_STAGES: readonly Stage[] = stagesIn('intake', 'review');
/** Accepted and not yet decided (the planning side confirms facts here). */
export const ACCEPTED_REVIEW_STAGES: readonly Stage[] = stagesIn('review');
/** Not yet decided: the enterprise may withdraw, judgements are open. */
export const OPEN_STAGES: readonly Stage[] = stagesIn('application', 'intake', 'review');
/** After recognition: tracking documents (milestones, findings, measures). */
export const AFTER_STAGES: readonly Stage[] = stagesIn('after');

/** The main line of a path (一.4 / 三.1): the city path replaces the joint review and the district decision;
 *  'recognised' is a stage of its own only while a plan adjustment is pending (otherwise the project moves
 *  on to tracking in the same moment). */
export function mainLine(path: { cityReview: boolean; planAdjustmentRequired: boolean }): Stage[] {
  const on = (line: StageLine) =>
    line === 'all' ||
    (line === 'city' && path.cityReview) ||
    (line === 'district' && !path.cityReview) ||
    (line === 'plan_adjustment' && path.planAdjustmentRequired);
  return STAGES.filter((s) => on(STAGE_TABLE[s].line));
}

export const ACTIONS = [
  'submit',
  'withdraw',
  'accept',
  'return',
  'resubmit',
  'start_joint_review',
  'forward_to_city',
  'record_opinion',
  'enter_opinion',
  'close_joint_review',
  'record_city_opinion',
  'recognise',
  'reject',
  'complete_plan_adjustment',
  'acknowledge_filing'
] as const;
export type ActionType = (typeof ACTIONS)[number];

export const ACTION_LABELS: Record<ActionType, Label> = {
  submit: { zh: '提交申报', en: 'Submit' },
  withdraw: { zh: '撤回申报', en: 'Withdraw' },
  accept: { zh: '受理', en: 'Accept the application' },
  return: { zh: '退回补正', en: 'Return to the enterprise' },
  resubmit: { zh: '补正后重新提交', en: 'Resubmit' },
  start_joint_review: { zh: '发起区级联审', en: 'Start the district joint review' },
  forward_to_city: { zh: '初审通过，报市“三委两局”审核', en: 'Forward to city review' },
  record_opinion: { zh: '填写联审意见', en: 'Record joint-review opinion' },
  enter_opinion: { zh: '代部门录入联审意见', en: "Enter a department's opinion on its behalf" },
  close_joint_review: { zh: '结束联审，报请认定', en: 'Close the joint review' },
  record_city_opinion: { zh: '填写市级审核意见', en: 'Record city review opinion' },
  recognise: { zh: '通过认定', en: 'Recognise' },
  reject: { zh: '未通过认定', en: 'Do not recognise' },
  complete_plan_adjustment: { zh: '规划调整完成', en: 'Plan adjustment completed' },
  acknowledge_filing: { zh: '确认收到报备', en: 'Acknowledge the filing' }
};

/** The automatic step after recognition (附件 三.2 "通过认定的项目，自动转入产业项目跟踪"). */
export const AUTO_ENTER_TRACKING = 'enter_tracking' as const;
export const AUTO_ENTER_TRACKING_LABEL: Label = {
  zh: '自动转入产业项目跟踪',
  en: 'Moved to project tracking automatically'
};

export const OPINIONS = ['agree', 'conditional', 'disagree'] as const;
export type Opinion = (typeof OPINIONS)[number];
export const OPINION_LABELS: Record<Opinion, Label> = {
  agree: { zh: '同意', en: 'Agree' },
  conditional: { zh: '有条件同意', en: 'Agree with conditions' },
  disagree: { zh: '不同意', en: 'Disagree' }
};

/**
 * District departments (区级相关部门) are data per district (departments.ts, table `departments`): a code is
 * any configured code. These are the standard codes every district starts with.
 */
export const DISTRICT_DEPARTMENTS: readonly string[] = STANDARD_DEPARTMENTS.map((d) => d.code);
export type DistrictDepartment = string;
export const DISTRICT_DEPARTMENT_LABELS: Readonly<Record<string, Label>> = Object.fromEntries(
  STANDARD_DEPARTMENTS.map((d) => [d.code, { zh: d.zh, en: d.en }])
);

/** Always invited when the district has it (一.4, 一.4(2)); see departments.ts. */
export const REQUIRED_JOINT_DEPARTMENTS: readonly string[] = REQUIRED_DEPARTMENT_CODES;

/** How the lead received an opinion it enters on a department's behalf (附件 二.2: 会议或函件). */
export const OPINION_CHANNELS = ['letter', 'meeting'] as const;
export type OpinionChannel = (typeof OPINION_CHANNELS)[number];
export const OPINION_CHANNEL_LABELS: Record<OpinionChannel, Label> = {
  letter: { zh: '书面函件', en: 'Letter' },
  meeting: { zh: '联审会议', en: 'Joint review meeting' }
};

/** The city's 三委两局 that review reserve-area new land (三.1); city_sheitc decides. */
export const CITY_REVIEWERS = ['city_sheitc', 'city_ndrc', 'city_stcsm', 'city_planning', 'city_ecology'] as const;
export type CityReviewer = (typeof CITY_REVIEWERS)[number];

/** Who receives the 报备 of an outside-boundary project above the contract plot ratio (一.4(3)). */
export const FILING_RECIPIENTS = ['city_sheitc', 'city_planning'] as const;
export type FilingRecipient = (typeof FILING_RECIPIENTS)[number];

export interface OpinionRecord {
  opinion: Opinion;
  comment: string | null;
  /** Who entered it: the department's own user, or the lead entering on its behalf (see onBehalf). */
  actorId: string;
  actorName?: string;
  at: string; // ISO instant
  /** Entered by the lead from the department's signed letter or the meeting minutes (附件 二.2). */
  onBehalf?: { documentId: string; via: OpinionChannel } | null;
}

/** A department invited to the joint review: its name when invited, and the date its opinion is due. */
export interface Invitation {
  zh: string;
  en: string;
  invitedOn: IsoDate;
  dueOn: IsoDate | null;
}

export interface DecisionRecord {
  outcome: 'recognised' | 'rejected';
  actorId: string;
  role: Role;
  at: string;
  documentId: string | null;
  reason: string | null;
}

/** The 10-working-day clock as recorded (Shanghai dates); clock.ts evaluates it on a calendar. */
export interface ClockRecord {
  /** Acceptance of the complete application (受理): submitted → preliminary_review. */
  startedOn: IsoDate | null;
  /** Periods returned to the enterprise; `to` is the resubmission date, null while still returned. */
  pauses: { from: IsoDate; to: IsoDate | null }[];
  /** Decision (or withdrawal) date; the clock no longer runs after it. */
  stoppedOn: IsoDate | null;
  /**
   * The latest submission awaiting acceptance (submit, or resubmit back to 'submitted'): the acceptance clock
   * (deadlines.ts) runs from it while the stage is 'submitted'. Absent in states from before issue 13.4.
   */
  submittedOn?: IsoDate | null;
}

/** Everything the workflow needs to decide the next step. JSON-serialisable. */
export interface WorkflowState {
  projectId: string;
  authorityCode: string | null;
  ownerId: string;
  stage: Stage;
  /** Incremented by every accepted action (optimistic concurrency). */
  version: number;
  returnedFrom: 'submitted' | 'preliminary_review' | 'joint_review' | null;
  invitedDepartments: DistrictDepartment[];
  /** Name snapshots and deadlines of the invited departments (absent in states from before issue 13). */
  invitations?: Record<string, Invitation>;
  jointOpinions: Partial<Record<DistrictDepartment, OpinionRecord>>;
  jointReviewOverride: string | null;
  cityOpinions: Partial<Record<CityReviewer, OpinionRecord>>;
  cityReviewOverride: string | null;
  decision: DecisionRecord | null;
  planAdjustment: 'not_required' | 'pending' | 'done';
  filing: { required: boolean; acknowledgements: Partial<Record<FilingRecipient, { actorId: string; at: string }>> };
  clock: ClockRecord;
}

/** A request to change the state, as the API receives it. */
export const workflowActionSchema = z.object({
  type: z.enum(ACTIONS),
  /** The version the user saw; a different current version means someone acted first (409). */
  expectedVersion: z.number().int().nonnegative(),
  comment: z.string().trim().max(4000).optional(),
  opinion: z.enum(OPINIONS).optional(),
  departments: z.array(z.string().trim().min(1).max(40)).max(50).optional(),
  /** enter_opinion: the department whose opinion the lead enters, and how it arrived. */
  department: z.string().trim().min(1).max(40).optional(),
  via: z.enum(OPINION_CHANNELS).optional(),
  /** start_joint_review: the date the opinions are due (server default: configured working days). */
  dueOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  /** The district's departments (server fills this in from the `departments` table). */
  directory: z
    .array(
      z.object({ code: z.string(), zh: z.string(), en: z.string(), defaultInvited: z.boolean(), active: z.boolean() })
    )
    .optional(),
  /** The uploaded document this action rests on (recognition document, plan adjustment approval). */
  documentId: z.string().min(1).optional(),
  /** Kinds of the documents currently attached to the project (server fills this in). */
  attachedDocuments: z.array(z.enum(DOCUMENT_KINDS)).optional(),
  /** Close a review although not everyone answered; `comment` gives the reason. */
  override: z.boolean().optional()
});
export type WorkflowAction = z.infer<typeof workflowActionSchema>;

export interface WorkflowEvent {
  projectId: string;
  action: ActionType | typeof AUTO_ENTER_TRACKING;
  actorId: string;
  role: Role | 'system';
  from: Stage;
  to: Stage;
  comment: string | null;
  payload: Record<string, unknown>;
  at: string; // ISO instant
  /** State version after this event. */
  version: number;
}

/** A typed refusal: 403 wrong role or authority, 409 not now (stage, path or version), 400 missing input. */
export interface Refusal {
  status: 400 | 403 | 409;
  code: string;
  zh: string;
  en: string;
}

export type ApplyResult =
  { ok: true; state: WorkflowState; event: WorkflowEvent; events: WorkflowEvent[] } | { ok: false; refusal: Refusal };

export type { DocumentKind, DepartmentEntry };

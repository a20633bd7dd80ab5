// Shapes the project services return to pages and the HTTP API.
import type { MultiPolygon } from 'geojson';
import type { FieldProblem } from '../../domain/application.ts';
import type { DocumentKind, PathFacts, PathInfo } from '../../domain/paths.ts';
import type { AvailableAction } from '../../domain/workflow.ts';
import type { Stage, WorkflowState } from '../../domain/workflow-model.ts';
import type { FindingRecord, MeasureRecord, MilestoneRecord, TrackingSummary } from '../../domain/tracking.ts';
import type { LiftRecord } from '../../domain/policy/sanctions.ts';
import type { PolicyView } from '../policy/view.ts';

type Label = { zh: string; en: string };

export interface ClockView {
  state: 'not_started' | 'running' | 'paused' | 'stopped';
  startedOn: string | null;
  dueDate: string | null;
  usedDays: number;
  remainingDays: number;
  overdue: boolean;
  /** Decided after more than 10 working days. */
  late: boolean;
  /** A year in the range has no published holiday schedule: weekends only were assumed. */
  provisional: boolean;
  pausedDays: number;
  /** The configured limit (working days) and the warning level while running (issue 13.4). */
  limitDays: number;
  level: 'ok' | 'warning' | 'alert' | 'overdue';
}

/** Submission → acceptance (受理), while the file waits to be accepted. */
export interface AcceptanceView {
  submittedOn: string;
  dueDate: string;
  usedDays: number;
  limitDays: number;
  level: 'ok' | 'warning' | 'alert' | 'overdue';
}

export interface ProjectSummary {
  id: string;
  code: string;
  title: string;
  enterpriseName: string;
  authorityCode: string | null;
  stage: Stage;
  stageLabel: Label;
  landType: string | null;
  submittedAt: string | null;
  /** Null until the application is accepted (the clock's start node). */
  clock: ClockView | null;
  acceptance?: AcceptanceView | null;
  updatedAt: string;
  version: number;
  /** Set when the row cannot be read fully (e.g. no workflow state): what is wrong, naming the project. */
  problem?: Label;
}

export interface FileView {
  id: string;
  kind: string;
  name: string;
  sizeBytes: number;
  mime: string | null;
  sha256: string;
  addedAt: string;
  addedBy: string | null;
  url: string;
}

export interface EventView {
  id: string;
  at: string;
  action: string;
  actionLabel: Label;
  actorId: string | null;
  actorName: string;
  role: string | null;
  roleLabel: Label;
  from: string | null;
  to: string | null;
  fromLabel: Label | null;
  toLabel: Label | null;
  comment: string | null;
  payload: Record<string, unknown>;
  version: number | null;
}

export interface ParcelView {
  geometry: MultiPolygon;
  areaM2: number;
  sourceCrs: string | null;
  sourceName: string | null;
  fileId: string | null;
}

export interface TrackingView {
  milestones: MilestoneRecord[];
  findings: FindingRecord[];
  measures: MeasureRecord[];
  lifts: LiftRecord[];
  summary: TrackingSummary;
}

export interface ProjectView extends ProjectSummary {
  ownerId: string;
  form: Record<string, unknown>;
  parcel: ParcelView | null;
  /** The latest stored classification (see server/classification), or null before a boundary is attached. */
  classification: unknown | null;
  files: Partial<Record<DocumentKind | string, FileView[]>>;
  events: EventView[];
  workflow: WorkflowState;
  facts: PathFacts;
  path: PathInfo;
  availableActions: AvailableAction[];
  /** Required documents not yet attached (for this path). */
  missingDocuments: { kind: DocumentKind; zh: string; en: string }[];
  /** What submitting would refuse (form fields), for drafts and returned applications; [] otherwise. */
  submitProblems: FieldProblem[];
  /** May this user change the form, the boundary and the application documents now. */
  canEdit: boolean;
  tracking: TrackingView;
  /** Issue 12: the guideline's rules as they bear on this project now. */
  policy: PolicyView;
}

export interface InboxItem {
  project: ProjectSummary;
  /** What this user can do now (labels). */
  actions: { type: string; zh: string; en: string }[];
  dueDate: string | null;
  overdue: boolean;
  /** The worst warning level of the clocks this item is about (yellow / red / overdue). */
  level?: 'ok' | 'warning' | 'alert' | 'overdue';
  /** 超时督办: shown to the city SHEITC because the district's clock is overdue. */
  escalated?: boolean;
  /** The clock the due date belongs to, and how much of it is used (working days). */
  clock?: { kind: 'acceptance' | 'recognition' | 'opinion'; used: number; limit: number } | null;
}

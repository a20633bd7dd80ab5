// Who may attach which document to a project, in which stage, and how large it may be (issue 11.6).
// One pure rule, enforced by the file service before any write and usable by pages to offer the upload.
import { DOCUMENT_LABELS, type DocumentKind } from './paths.ts';
import { canEditApplication, canView, type Actor, type ProjectScope } from './permissions.ts';
import { ACTION_ROLES, WORKFLOW } from './workflow-transitions.ts';
import {
  AFTER_STAGES as AFTER,
  EDITABLE_STAGES as EDITABLE,
  OPEN_STAGES as OPEN,
  REVIEW_STAGES as REVIEW,
  STAGE_LABELS,
  type ActionType,
  type Stage
} from './workflow-model.ts';
import { isCityRole, isScopedRole } from './roles.ts';

export interface AttachRefusal {
  status: 400 | 403 | 409 | 413;
  code: string;
  zh: string;
  en: string;
}

const MB = 1024 * 1024;
/** Scanned documents are a few MB; drawings and bundled joint-review material may be larger. */
export const DOCUMENT_MAX_BYTES: Record<DocumentKind, number> = {
  boundary: 200 * MB, // the boundary upload's own limit (storage/uploads.ts)
  land_title: 20 * MB,
  land_contract: 50 * MB,
  commitment: 20 * MB,
  recognition: 20 * MB,
  plan_adjustment: 50 * MB,
  joint_review_material: 50 * MB,
  joint_review_opinion: 20 * MB,
  declaration_evidence: 20 * MB,
  other: 50 * MB
};
/** The largest attachment of any kind except the boundary: the outer limit when the kind is not yet known. */
export const MAX_ATTACHMENT_BYTES = Math.max(
  ...Object.entries(DOCUMENT_MAX_BYTES)
    .filter(([k]) => k !== 'boundary')
    .map(([, v]) => v)
);

// The applicant's documents while the application may be edited (EDITABLE), the workflow open (OPEN), the
// officials' review (REVIEW), after recognition (AFTER): phases of the stage table (workflow-model.ts).

const stageList = (stages: readonly Stage[]) => ({
  zh: stages.map((s) => `“${STAGE_LABELS[s].zh}”`).join('、'),
  en: stages.map((s) => `"${STAGE_LABELS[s].en}"`).join(', ')
});

/** Which stages admit `kind` from this actor (empty: never). */
export function attachStages(actor: Actor, scope: ProjectScope, kind: DocumentKind): readonly Stage[] {
  if (kind === 'boundary' || !canView(actor, scope)) return [];
  const applicant = canEditApplication(actor, scope);
  const official = isScopedRole(actor.role); // of this project's authority (canView checked it)
  const city = isCityRole(actor.role);
  switch (kind) {
    case 'land_title':
    case 'land_contract':
      return applicant ? EDITABLE : [];
    case 'commitment':
      // The commitment may still come during review: recognition checks it again (一.4(2)).
      return applicant ? OPEN : [];
    case 'recognition':
      // Where the decision is taken (the transition table's recognise moves: city review, district decision).
      return ACTION_ROLES.recognise.includes(actor.role) ? WORKFLOW.recognise.moves.flatMap((m) => m.from) : [];
    case 'plan_adjustment':
      return ACTION_ROLES.complete_plan_adjustment.includes(actor.role) ? ['decision', ...AFTER] : [];
    case 'joint_review_material': {
      const s = new Set<Stage>();
      if (applicant)
        ['draft', 'returned', 'submitted', 'preliminary_review', 'joint_review'].forEach((x) => s.add(x as Stage));
      if (official) REVIEW.forEach((x) => s.add(x));
      if (city) s.add('city_review');
      return [...s];
    }
    case 'joint_review_opinion':
      // The lead files the department's signed letter it enters an opinion from (附件 二.2).
      return actor.role === 'district_industry' ? ['joint_review'] : [];
    case 'declaration_evidence':
      // 承诺声明 are the enterprise's own, part of its application form (issue 13.3).
      return applicant && actor.role === 'enterprise' ? EDITABLE : [];
    case 'other': {
      const s = new Set<Stage>();
      if (applicant) OPEN.forEach((x) => s.add(x));
      if (official) [...REVIEW, ...AFTER].forEach((x) => s.add(x));
      if (city) ['city_review', ...AFTER].forEach((x) => s.add(x as Stage));
      return [...s];
    }
  }
}

/** Null when the actor may attach `kind` of `sizeBytes` now; otherwise the refusal with its reason. */
export function attachRefusal(
  actor: Actor,
  project: ProjectScope & { stage: Stage },
  kind: DocumentKind,
  sizeBytes: number
): AttachRefusal | null {
  const label = DOCUMENT_LABELS[kind];
  if (kind === 'boundary')
    return {
      status: 400,
      code: 'use_boundary_upload',
      zh: '地块边界请通过“上传地块边界”上传（会解析坐标并完成空间判定）。',
      en: 'Upload the boundary through the boundary upload (it is parsed and classified).'
    };
  const stages = attachStages(actor, project, kind);
  if (stages.length === 0)
    return {
      status: 403,
      code: 'attach_not_allowed',
      zh: `您的角色不能为本项目上传“${label.zh}”。`,
      en: `Your role cannot upload "${label.en}" to this project.`
    };
  if (!stages.includes(project.stage)) {
    const now = STAGE_LABELS[project.stage];
    const when = stageList(stages);
    const closed = project.stage === 'withdrawn' || project.stage === 'rejected';
    return {
      status: 409,
      code: closed ? 'project_closed' : 'attach_wrong_stage',
      zh: `项目当前处于“${now.zh}”阶段，不能上传“${label.zh}”${closed ? '：项目已办结' : ''}；您可在${when.zh}阶段上传。`,
      en: `The project is now at "${now.en}", where "${label.en}" cannot be uploaded${closed ? ': the case is closed' : ''}; you may upload it at ${when.en}.`
    };
  }
  const max = DOCUMENT_MAX_BYTES[kind];
  if (sizeBytes > max)
    return {
      status: 413,
      code: 'document_too_large',
      zh: `“${label.zh}”文件过大（${(sizeBytes / MB).toFixed(1)} MB），此类材料不能超过 ${max / MB} MB；请压缩或降低扫描分辨率后再上传。`,
      en: `The "${label.en}" file is too large (${(sizeBytes / MB).toFixed(1)} MB); this kind of document may be at most ${max / MB} MB. Compress it or scan at a lower resolution.`
    };
  return null;
}

/** The kind of document an action rests on (the action's documentId must be a file of this kind); an action
 *  not listed may cite any file of the project. */
export const ACTION_DOCUMENT: Partial<Record<ActionType, DocumentKind>> = {
  recognise: 'recognition',
  complete_plan_adjustment: 'plan_adjustment',
  enter_opinion: 'joint_review_opinion'
};

/** Null when `fileId` is one of the project's files of the kind `action` rests on; otherwise the refusal. */
export function actionDocumentRefusal(
  action: ActionType,
  fileId: string,
  projectFiles: readonly { id: string; kind: string }[]
): AttachRefusal | null {
  const kind = ACTION_DOCUMENT[action];
  if (projectFiles.some((f) => f.id === fileId && (kind === undefined || f.kind === kind))) return null;
  return {
    status: 400,
    code: 'document_not_attached',
    zh: '所引用的文件不是本项目已上传的材料，请先上传认定文件（规划调整批复、部门意见函）再操作。',
    en: 'The referenced document is not uploaded to this project; upload the recognition document (plan adjustment approval, department letter) first.'
  };
}

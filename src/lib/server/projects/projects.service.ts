// Projects: create, list, read, save the draft form, attach documents, download. The workflow's
// transitions live in ../workflow/workflow.service.ts, the boundary upload in boundary.service.ts and the
// after-recognition records in ../tracking/tracking.service.ts: callers import each from where it lives.
import { loadDeadlineSettings } from '../deadlines/settings.service.ts';
//
// Visibility: every read checks canView (domain/permissions.ts). A project the user may not see answers
// 404 exactly like a project that does not exist, so ids of other districts' projects leak nothing.
import { evaluateProject } from '../standard/index.ts';
import { randomUUID } from 'node:crypto';
import type { MultiPolygon } from 'geojson';
import type { Db, Queryable } from '../db/index.ts';
import type { SessionUser } from '../auth/session.ts';
import { apiError } from '../http/api.ts';
import { canCreateProject, canEditApplication, canView } from '../../domain/permissions.ts';
import {
  checkDraft,
  checkSubmission,
  DOCUMENT_KINDS,
  DOCUMENT_LABELS,
  missingDocuments,
  type DocumentKind
} from '../../domain/application.ts';
import { isCityRole } from '../../domain/roles.ts';
import { attachRefusal } from '../../domain/attachments.ts';
import { mayReadInternalComment } from '../../domain/case-authority.ts';
import { availableActions, initialState } from '../../domain/workflow.ts';
import { STAGES, type Stage } from '../../domain/workflow-model.ts';
import { trackingSummary } from '../../domain/tracking.ts';
import { pathOf } from '../../domain/paths.ts';
import { loadCalendar } from '../calendar/calendar.service.ts';
import { latestClassification } from '../classification/classify.ts';
import { getBlob, insertFileRow, putBlob } from '../storage/storage.ts';
import { toActor } from '../auth/actor.ts';
import { trackingRecords } from '../tracking/tracking.service.ts';
import * as repo from './projects.repository.ts';
import { policyFacts } from '../policy/facts.ts';
import { policyView } from '../policy/view.ts';
import { assertEditable, EDITABLE_STAGES, loadVisible, versionConflict } from './project-access.ts';
import { clockView, eventView, parsedForm, stateOf, summaryOf, todayInShanghai } from './project-view.ts';
import type { FileView, ProjectSummary, ProjectView } from './projects.types.ts';
import { refusalError, UserError } from '../../errors.ts';

const problemsError = (problems: { zh: string; en: string }[]) =>
  apiError(400, 'form_invalid', { zh: problems.map((p) => p.zh).join(' '), en: problems.map((p) => p.en).join(' ') });

// ---- create ---------------------------------------------------------------------------------------

export interface CreateProjectInput {
  title?: string;
  form?: unknown;
  /**
   * District industry departments may apply on an enterprise's behalf (canCreateProject): name the
   * enterprise's account (username or id) and the project belongs to it. Without it the project
   * belongs to the department's own account (an enterprise that has no account on the platform).
   * The project's authority is then always the department's own district.
   */
  onBehalfOf?: string;
}

export async function createProject(
  db: Db,
  actor: SessionUser,
  input: CreateProjectInput
): Promise<{ id: string; code: string }> {
  const a = toActor(actor);
  if (!canCreateProject(a)) {
    throw apiError(403, 'forbidden', {
      zh: '只有项目单位或区产业部门可以创建申报。',
      en: 'Only enterprises and district industry departments can create applications.'
    });
  }
  const draft = checkDraft(input.form ?? {});
  if (!draft.ok) throw problemsError(draft.problems);
  const form = draft.value;
  let ownerId = actor.id;
  let authority: string | null = form.authorityCode ?? null;
  if (actor.role === 'district_industry') {
    authority = actor.authorityCode;
    if (form.authorityCode && form.authorityCode !== actor.authorityCode) {
      throw apiError(400, 'wrong_district', {
        zh: '区产业部门只能为本区的项目代为申报。',
        en: 'A district industry department applies only for projects in its own district.'
      });
    }
    if (input.onBehalfOf) {
      const owner = await repo.findOwner(db, input.onBehalfOf);
      if (!owner || owner.role !== 'enterprise') {
        throw apiError(400, 'owner_not_enterprise', {
          zh: `找不到企业账号“${input.onBehalfOf}”。`,
          en: `No enterprise account "${input.onBehalfOf}".`
        });
      }
      ownerId = owner.id;
    }
  }
  const title = (
    input.title?.trim() ||
    (form.enterpriseName ? `${form.enterpriseName}零增地技术改造项目` : '') ||
    actor.enterpriseName ||
    '零增地技术改造项目'
  ).slice(0, 200);
  const id = randomUUID();
  const year = Number(todayInShanghai().slice(0, 4));
  return db.transaction(async (tx) => {
    const code = await repo.nextProjectCode(tx, year);
    const workflow = initialState(id, authority, ownerId);
    await repo.insertProject(tx, { id, code, title, ownerId, authorityCode: authority, form, workflow });
    await repo.insertEvent(tx, {
      projectId: id,
      actorId: actor.id,
      role: actor.role,
      action: 'create',
      from: null,
      to: 'draft',
      comment: null,
      payload: { code, ...(ownerId !== actor.id ? { onBehalfOf: ownerId } : {}) },
      version: 0
    });
    return { id, code };
  });
}

// ---- list -----------------------------------------------------------------------------------------

export interface ProjectFilters {
  authority?: string;
  stage?: string;
  landType?: string;
  overdue?: boolean;
  q?: string;
}

/**
 * Only what the actor may see. Officials do not see other people's drafts unless they ask for
 * stage=draft: an unsent draft is the enterprise's business, not yet the district's work.
 */
export async function listProjects(
  db: Queryable,
  actor: SessionUser,
  filters: ProjectFilters = {}
): Promise<ProjectSummary[]> {
  const a = toActor(actor);
  const scope: repo.ScopeFilter = {
    authority: filters.authority || undefined,
    landType: filters.landType || undefined,
    q: filters.q?.trim() || undefined
  };
  if (actor.role === 'enterprise') scope.ownerId = actor.id;
  else if (actor.role !== 'admin' && !isCityRole(actor.role)) {
    if (!actor.authorityCode) return [];
    scope.authorityCode = actor.authorityCode;
  }
  if (filters.stage) {
    if (!(STAGES as readonly string[]).includes(filters.stage)) {
      throw apiError(400, 'bad_stage', {
        zh: `未知的阶段“${filters.stage}”。`,
        en: `Unknown stage "${filters.stage}".`
      });
    }
    scope.stages = [filters.stage];
  }
  const rows = (await repo.listProjectRows(db, scope)).filter(
    (r) =>
      canView(a, { authorityCode: r.authority_code, ownerId: r.owner_id }) &&
      (r.stage !== 'draft' || filters.stage === 'draft' || r.owner_id === actor.id)
  );
  const [cal, settings] = await Promise.all([loadCalendar(db), loadDeadlineSettings(db)]);
  const today = todayInShanghai();
  let list = rows.map((r) => summaryOf(r, cal, today, settings));
  if (filters.overdue) list = list.filter((p) => p.clock?.overdue === true);
  // Overdue first, then the nearest due date, then the most recently changed.
  return list.sort((x, y) => Number(y.clock?.overdue ?? false) - Number(x.clock?.overdue ?? false) || 0);
}

// ---- read -----------------------------------------------------------------------------------------

function fileView(f: repo.ProjectFileRow): FileView {
  return {
    id: f.id,
    kind: f.kind,
    name: f.original_name,
    sizeBytes: Number(f.size_bytes),
    mime: f.mime,
    sha256: f.sha256,
    addedAt: new Date(f.added_at).toISOString(),
    addedBy: f.added_by_name,
    url: `/api/v1/files/${f.id}`
  };
}

export async function getProject(db: Queryable, actor: SessionUser, id: string): Promise<ProjectView> {
  const row = await loadVisible(db, actor, id);
  const a = toActor(actor);
  const [cal, settings, parcel, files, events, classification, tracking] = await Promise.all([
    loadCalendar(db),
    loadDeadlineSettings(db),
    repo.currentParcel(db, id),
    repo.listProjectFiles(db, id),
    repo.listEvents(db, id),
    latestClassification(db, id),
    trackingRecords(db, id)
  ]);
  const facts = await policyFacts(db, row);
  const state = stateOf(row);
  const today = todayInShanghai();
  const policy = await policyView(db, row, state, facts, tracking, a);
  const kinds = new Set<string>(files.map((f) => f.kind));
  if (parcel) kinds.add('boundary');
  const byKind: Record<string, FileView[]> = {};
  for (const f of files) (byKind[f.kind] ??= []).push(fileView(f));
  const editable = EDITABLE_STAGES.includes(state.stage);
  const submission = editable ? checkSubmission(row.form) : null;
  return {
    ...summaryOf(row, cal, today, settings),
    ownerId: row.owner_id,
    form: row.form ?? {},
    parcel: parcel
      ? {
          geometry: parcel.geometry as MultiPolygon,
          areaM2: Number(parcel.area_m2),
          sourceCrs: parcel.source_crs,
          sourceName: parcel.source_name,
          fileId: parcel.file_id
        }
      : null,
    classification: classification?.result ?? null,
    files: byKind,
    // Internal comments of another authority's officials never reach a district official (domain/case-authority.ts).
    events: events.map((e) =>
      eventView(mayReadInternalComment(actor, e.actor_authority) ? e : { ...e, comment: null, payload: {} }, facts)
    ),
    workflow: state,
    facts,
    path: pathOf(facts),
    availableActions: availableActions(state, a, facts),
    missingDocuments: missingDocuments(facts, [...kinds] as DocumentKind[]).map((k) => ({
      kind: k,
      ...DOCUMENT_LABELS[k]
    })),
    submitProblems: submission && !submission.ok ? submission.problems : [],
    canEdit: editable && canEditApplication(a, { authorityCode: row.authority_code, ownerId: row.owner_id }),
    tracking: { ...tracking, summary: trackingSummary(tracking.milestones, tracking.findings, tracking.measures) },
    policy
  };
}

// ---- edit -----------------------------------------------------------------------------------------

/** Saves the form without the submit checks (types only). Returns the new version. */
export async function saveDraft(
  db: Db,
  actor: SessionUser,
  id: string,
  form: unknown,
  expectedVersion: number,
  opts: { title?: string } = {}
): Promise<{ version: number }> {
  if (!Number.isInteger(expectedVersion) || expectedVersion < 0)
    throw apiError(400, 'version_missing', {
      zh: '缺少版本号（expectedVersion）。',
      en: 'expectedVersion is missing.'
    });
  const draft = checkDraft(form ?? {});
  if (!draft.ok) throw problemsError(draft.problems);
  return db.transaction(async (tx) => {
    const row = await loadVisible(tx, actor, id);
    assertEditable(actor, row);
    if (row.version !== expectedVersion) throw versionConflict(expectedVersion, row.version);
    const version = row.version + 1;
    // Before the boundary is classified the form's district places the project; afterwards the parcel does.
    // After the first submission the accepting district keeps the case (domain/case-authority.ts).
    const authorityCode =
      row.land_type === null && row.submitted_at === null && actor.role === 'enterprise' && draft.value.authorityCode
        ? draft.value.authorityCode
        : undefined;
    const workflow = { ...stateOf(row), version, ...(authorityCode ? { authorityCode } : {}) };
    // Once classified, the form's 所在区 is the parcel's authority (the parcel decides, not the typing).
    const form =
      (row.land_type !== null || row.submitted_at !== null) && row.authority_code
        ? { ...draft.value, authorityCode: row.authority_code }
        : draft.value;
    const ok = await repo.updateProjectGuarded(tx, id, expectedVersion, {
      workflow,
      form,
      title: opts.title?.trim() || undefined,
      authorityCode
    });
    if (!ok) throw versionConflict(expectedVersion, expectedVersion + 1);
    await repo.insertEvent(tx, {
      projectId: id,
      actorId: actor.id,
      role: actor.role,
      action: 'save_draft',
      from: row.stage,
      to: row.stage,
      comment: null,
      payload: {},
      version
    });
    await evaluateProject(tx, id, 'form');
    return { version };
  });
}

// ---- files ----------------------------------------------------------------------------------------

/** Who may attach which kind in which stage, and how large: the domain's rule (domain/attachments.ts). */
function assertMayAttach(actor: SessionUser, row: repo.ProjectRow, kind: DocumentKind, sizeBytes: number): void {
  const refusal = attachRefusal(
    toActor(actor),
    { authorityCode: row.authority_code, ownerId: row.owner_id, stage: row.stage as Stage },
    kind,
    sizeBytes
  );
  if (refusal) throw refusalError(refusal);
}

/**
 * Stores the file and attaches it to the project, with its event, in one transaction. Pass a
 * transaction-bound Db (db/in-transaction.ts) to make the upload part of a larger act: if the act is
 * refused, the document is not left attached.
 */
export async function addProjectFile(
  db: Db,
  actor: SessionUser,
  id: string,
  kind: string,
  file: { name: string; bytes: Uint8Array; mime?: string | null }
): Promise<FileView> {
  if (!(DOCUMENT_KINDS as readonly string[]).includes(kind)) {
    throw apiError(400, 'bad_kind', { zh: `未知的材料类型“${kind}”。`, en: `Unknown document kind "${kind}".` });
  }
  if (file.bytes.byteLength === 0) throw apiError(400, 'empty_file', { zh: '文件为空。', en: 'The file is empty.' });
  const row = await loadVisible(db, actor, id);
  assertMayAttach(actor, row, kind as DocumentKind, file.bytes.byteLength);
  const sha = await putBlob(file.bytes);
  return db.transaction(async (tx) => {
    const current = await loadVisible(tx, actor, id, { forUpdate: true });
    assertMayAttach(actor, current, kind as DocumentKind, file.bytes.byteLength);
    const stored = await insertFileRow(tx, {
      sha256: sha,
      name: file.name,
      size: file.bytes.byteLength,
      mime: file.mime ?? null,
      uploadedBy: actor.id
    });
    await repo.attachFile(tx, id, stored.id, kind, actor.id);
    await repo.insertEvent(tx, {
      projectId: id,
      actorId: actor.id,
      role: actor.role,
      action: 'add_file',
      from: current.stage,
      to: current.stage,
      comment: null,
      payload: { fileId: stored.id, kind, name: stored.originalName },
      version: null
    });
    const files = await repo.listProjectFiles(tx, id);
    return fileView(files.find((f) => f.id === stored.id && f.kind === kind)!);
  });
}

/** A file is downloadable by whoever may see a project it belongs to (and by its uploader). */
export async function getFileForDownload(
  db: Queryable,
  actor: SessionUser,
  fileId: string
): Promise<{ name: string; mime: string; bytes: Uint8Array; sha256: string }> {
  const f = await repo.findFile(db, fileId);
  const missing = () =>
    apiError(404, 'file_not_found', {
      zh: '文件不存在，或您无权下载。',
      en: 'No such file, or you may not download it.'
    });
  if (!f) throw missing();
  let allowed = f.uploaded_by === actor.id;
  for (const pid of f.project_ids) {
    if (allowed) break;
    try {
      await loadVisible(db, actor, pid);
      allowed = true;
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
    }
  }
  if (!allowed) throw missing();
  return {
    name: f.original_name,
    mime: f.mime || 'application/octet-stream',
    bytes: new Uint8Array(await getBlob(f.sha256)),
    sha256: f.sha256
  };
}

export { parsedForm, clockView };

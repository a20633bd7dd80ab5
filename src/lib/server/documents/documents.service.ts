// 一键成表 and its anti-forgery trail: issue the 项目信息表 (render → store content-addressed → record the
// issue and its event in one transaction), serve the current sheet, verify a code publicly, and keep the
// stamped scan that comes back (附件 二.1 "由项目单位和区产业部门盖章确认").
import type { MultiPolygon } from 'geojson';
import type { Db, Queryable } from '../db/index.ts';
import type { SessionUser } from '../auth/session.ts';
import { apiError } from '../http/api.ts';
import { canView } from '../../domain/permissions.ts';
import { DOCUMENT_LABELS, type DocumentKind } from '../../domain/paths.ts';
import { STAGE_LABELS, type Stage } from '../../domain/workflow-model.ts';
import type { Classification } from '../../domain/classification/types.ts';
import { toActor } from '../auth/actor.ts';
import { loadVisible } from '../projects/project-access.ts';
import {
  attachFile,
  currentParcel,
  insertEvent,
  listProjectFiles,
  type ProjectRow
} from '../projects/projects.repository.ts';
import { getBlob, insertFileRow, putBlob } from '../storage/storage.ts';
import * as repo from './documents.repository.ts';
import type { SheetData } from './sheet-data.ts';
import { renderSheetPdf } from './sheet-pdf.ts';
import { newVerificationCode, normaliseCode } from './verification-code.ts';
import { SHEET_FILE_KIND, SHEET_SCAN_KIND, SHEET_SCAN_LABEL } from '../../domain/project-sheet.ts';

export const SHEET_KIND = SHEET_FILE_KIND;
export { SHEET_SCAN_KIND, SHEET_SCAN_LABEL };
export const ISSUE_EVENT = 'issue_sheet';
export const SCAN_EVENT = 'upload_sheet_scan';

/** The sheet is made "经区产业部门牵头审核后" (附件 二.1): from acceptance on, never for drafts or returned files. */
const NOT_ISSUABLE: readonly string[] = ['draft', 'submitted', 'returned', 'withdrawn'];
/** Scans are PDFs or photos of the stamped paper; 20 MB holds a 6-page 300 dpi colour scan. */
export const MAX_SCAN_BYTES = 20 * 1024 * 1024;
const SCAN_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png'
};

const label = (kind: string) =>
  kind === SHEET_KIND
    ? '项目信息表'
    : kind === SHEET_SCAN_KIND
      ? SHEET_SCAN_LABEL.zh
      : ((DOCUMENT_LABELS as Record<string, { zh: string }>)[kind]?.zh ?? kind);

export const verifyUrl = (origin: string, code: string) => `${origin.replace(/\/$/, '')}/verify/${code}`;

/** Everything the sheet prints, read from the database. */
export async function sheetData(db: Queryable, row: ProjectRow): Promise<SheetData> {
  const [parcel, classification, files, zones, authority, district] = await Promise.all([
    currentParcel(db, row.id),
    repo.latestClassificationResult(db, row.id),
    listProjectFiles(db, row.id),
    repo.mapZonesAround(db, row.id),
    repo.authorityName(db, row.authority_code),
    repo.districtAround(db, row.id)
  ]);
  const stage = row.stage as Stage;
  const documents = files
    .filter((f) => f.kind !== SHEET_KIND && f.kind !== SHEET_SCAN_KIND)
    .map((f) => ({
      kind: f.kind,
      label: label(f.kind as DocumentKind),
      name: f.original_name,
      addedAt: new Date(f.added_at)
    }));
  // The boundary file is usually attached as a document too; list it once.
  if (parcel?.source_name && !documents.some((d) => d.kind === 'boundary'))
    documents.unshift({
      kind: 'boundary',
      label: label('boundary'),
      name: parcel.source_name,
      addedAt: new Date(row.updated_at)
    });
  return {
    projectId: row.id,
    projectCode: row.code,
    title: row.title,
    authorityName: authority,
    stageLabel: STAGE_LABELS[stage]?.zh ?? row.stage,
    form: row.form ?? {},
    parcel: parcel
      ? { areaM2: Number(parcel.area_m2), geometry: parcel.geometry as MultiPolygon, sourceCrs: parcel.source_crs }
      : null,
    classification: (classification as Classification | null) ?? null,
    documents,
    mapZones: zones,
    mapDistrict: district
  };
}

export interface IssuedSheet {
  code: string;
  sha256: string;
  fileId: string;
  issuedAt: string;
  supersedes: string | null;
  bytes: Buffer;
}

/** 一键成表: issue a new sheet; any earlier code of the project now reads "superseded". */
export async function issueSheet(db: Db, actor: SessionUser, projectId: string, origin: string): Promise<IssuedSheet> {
  const row = await loadVisible(db, actor, projectId);
  if (actor.role !== 'district_industry') {
    throw apiError(403, 'forbidden', {
      zh: '项目信息表由区产业部门审核后生成。',
      en: 'The project information sheet is issued by the district industry department after its review.'
    });
  }
  if (NOT_ISSUABLE.includes(row.stage)) {
    throw apiError(409, 'not_reviewed', {
      zh: '申报尚未经区产业部门受理审核，暂不能生成项目信息表。',
      en: 'The application has not been accepted and reviewed by the district industry department yet; the sheet cannot be issued.'
    });
  }
  const data = await sheetData(db, row);
  const code = newVerificationCode();
  const issuedAt = new Date();
  const issuedByName = await repo.userDisplayName(db, actor.id);
  const bytes = await renderSheetPdf(data, { code, issuedAt, issuedByName, verifyUrl: verifyUrl(origin, code) });
  const sha256 = await putBlob(bytes);
  return db.transaction(async (tx) => {
    const previous = await repo.latestIssued(tx, projectId, SHEET_KIND);
    const file = await insertFileRow(tx, {
      sha256,
      name: `项目信息表_${row.code}_${code}.pdf`,
      size: bytes.length,
      mime: 'application/pdf',
      uploadedBy: actor.id
    });
    await attachFile(tx, projectId, file.id, SHEET_KIND, actor.id);
    await repo.insertIssued(tx, {
      code,
      projectId,
      kind: SHEET_KIND,
      fileId: file.id,
      sha256,
      title: row.title,
      issuedAt,
      issuedBy: actor.id
    });
    await insertEvent(tx, {
      projectId,
      actorId: actor.id,
      role: actor.role,
      action: ISSUE_EVENT,
      from: row.stage,
      to: row.stage,
      comment: null,
      version: null,
      at: issuedAt.toISOString(),
      payload: { code, sha256, fileId: file.id, supersedes: previous?.code ?? null }
    });
    return {
      code,
      sha256,
      fileId: file.id,
      issuedAt: issuedAt.toISOString(),
      supersedes: previous?.code ?? null,
      bytes
    };
  });
}

/** The current (latest) sheet's bytes for anyone who may see the project. */
export async function currentSheet(
  db: Queryable,
  actor: SessionUser,
  projectId: string
): Promise<{ code: string; bytes: Buffer; name: string; sha256: string }> {
  const row = await loadVisible(db, actor, projectId);
  const issued = await repo.latestIssued(db, projectId, SHEET_KIND);
  if (!issued)
    throw apiError(404, 'no_sheet', {
      zh: '该项目尚未生成项目信息表。',
      en: 'No project information sheet has been issued for this project yet.'
    });
  return {
    code: issued.code,
    bytes: await getBlob(issued.sha256),
    name: `项目信息表_${row.code}_${issued.code}.pdf`,
    sha256: issued.sha256
  };
}

export interface IssuedView {
  code: string;
  issuedAt: string;
  sha256: string;
  status: 'genuine' | 'superseded';
  supersededAt: string | null;
}

export async function issuedSheets(db: Queryable, actor: SessionUser, projectId: string): Promise<IssuedView[]> {
  await loadVisible(db, actor, projectId);
  return (await repo.listIssued(db, projectId)).map(view);
}

const view = (r: repo.IssuedRow): IssuedView => ({
  code: r.code,
  issuedAt: new Date(r.issued_at).toISOString(),
  sha256: r.sha256,
  status: r.superseded_at ? 'superseded' : 'genuine',
  supersededAt: r.superseded_at ? new Date(r.superseded_at).toISOString() : null
});

/** What the public verification page may show: status, project name, issue date, SHA-256. Nothing else. */
export type Verification =
  | { status: 'unknown'; code: string }
  | {
      status: 'genuine' | 'superseded';
      code: string;
      projectTitle: string;
      issuedAt: string;
      sha256: string;
      supersededAt: string | null;
    };

export async function verifyCode(db: Queryable, input: string): Promise<Verification> {
  const code = normaliseCode(input);
  if (!code) return { status: 'unknown', code: input.slice(0, 40) };
  const r = await repo.findIssuedByCode(db, code);
  if (!r) return { status: 'unknown', code };
  const v = view(r);
  return {
    status: v.status,
    code,
    projectTitle: r.project_title,
    issuedAt: v.issuedAt,
    sha256: r.sha256,
    supersededAt: v.supersededAt
  };
}

/** The stamped scan comes back and is kept with the project, next to the sheet it belongs to. */
export async function uploadSheetScan(
  db: Db,
  actor: SessionUser,
  projectId: string,
  file: { name: string; bytes: Uint8Array; mime?: string | null }
) {
  const row = await loadVisible(db, actor, projectId);
  const a = toActor(actor);
  if (!(
    actor.role === 'district_industry' ||
    (actor.role === 'enterprise' && canView(a, { authorityCode: row.authority_code, ownerId: row.owner_id }))
  )) {
    throw apiError(403, 'forbidden', {
      zh: '盖章扫描件由项目单位或区产业部门上传。',
      en: 'The stamped scan is uploaded by the enterprise or the district industry department.'
    });
  }
  const issued = await repo.latestIssued(db, projectId, SHEET_KIND);
  if (!issued)
    throw apiError(409, 'no_sheet', {
      zh: '请先生成项目信息表，盖章后再上传扫描件。',
      en: 'Issue the project information sheet first, then upload its stamped scan.'
    });
  const ext = file.name.toLowerCase().split('.').pop() ?? '';
  if (!SCAN_TYPES[ext])
    throw apiError(400, 'bad_scan_type', {
      zh: '扫描件须为 PDF、JPG 或 PNG 文件。',
      en: 'The scan must be a PDF, JPG or PNG file.'
    });
  if (file.bytes.length === 0) throw apiError(400, 'empty_file', { zh: '文件为空。', en: 'The file is empty.' });
  if (file.bytes.length > MAX_SCAN_BYTES)
    throw apiError(413, 'scan_too_large', {
      zh: '扫描件超过 20 MB，请降低分辨率后再上传。',
      en: 'The scan is over 20 MB; lower the resolution and upload again.'
    });
  const sha256 = await putBlob(file.bytes);
  return db.transaction(async (tx) => {
    const f = await insertFileRow(tx, {
      sha256,
      name: file.name,
      size: file.bytes.length,
      mime: SCAN_TYPES[ext],
      uploadedBy: actor.id
    });
    await attachFile(tx, projectId, f.id, SHEET_SCAN_KIND, actor.id);
    await insertEvent(tx, {
      projectId,
      actorId: actor.id,
      role: actor.role,
      action: SCAN_EVENT,
      from: row.stage,
      to: row.stage,
      comment: null,
      version: null,
      payload: { fileId: f.id, sha256, sheetCode: issued.code, name: f.originalName }
    });
    return { fileId: f.id, sha256, sheetCode: issued.code, name: f.originalName };
  });
}

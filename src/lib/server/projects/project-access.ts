// Loading a project the user may see, and the shared refusals (404 that does not leak existence,
// 409 on a stale version, 403/409 when the application is not editable).
import type { Queryable } from '../db/index.ts';
import type { SessionUser } from '../auth/session.ts';
import { apiError } from '../http/api.ts';
import { canEditApplication, canView } from '../../domain/permissions.ts';
import { DOCUMENT_KINDS, type DocumentKind } from '../../domain/paths.ts';
import type { Stage } from '../../domain/workflow-model.ts';
import { toActor } from '../auth/actor.ts';
import * as repo from './projects.repository.ts';

export const notFound = () =>
  apiError(404, 'not_found', { zh: '项目不存在，或您无权查看。', en: 'No such project, or you may not see it.' });

/** Stages in which the applicant may change the form, the boundary and the application documents. */
export const EDITABLE_STAGES: readonly Stage[] = ['draft', 'returned'];

/** Loads a project the actor may see (404 otherwise — same answer as "does not exist"). */
export async function loadVisible(
  db: Queryable,
  actor: SessionUser,
  id: string,
  opts: { forUpdate?: boolean } = {}
): Promise<repo.ProjectRow> {
  const row = await repo.findProject(db, id, opts);
  if (!row || !canView(toActor(actor), { authorityCode: row.authority_code, ownerId: row.owner_id })) throw notFound();
  return row;
}

/** Document kinds attached to the project (a current parcel counts as the boundary document). */
export async function attachedKinds(db: Queryable, projectId: string): Promise<DocumentKind[]> {
  const files = await repo.listProjectFiles(db, projectId);
  const kinds = new Set(
    files.map((f) => f.kind).filter((k): k is DocumentKind => (DOCUMENT_KINDS as readonly string[]).includes(k))
  );
  if (await repo.currentParcel(db, projectId)) kinds.add('boundary');
  else kinds.delete('boundary');
  return [...kinds];
}

/** The applicant (or the district lead) may edit while the application is a draft or returned. */
export function assertEditable(actor: SessionUser, row: repo.ProjectRow): void {
  if (!canEditApplication(toActor(actor), { authorityCode: row.authority_code, ownerId: row.owner_id })) {
    throw apiError(403, 'forbidden', {
      zh: '只有项目单位或区产业部门可以修改申报材料。',
      en: 'Only the enterprise or the district industry department can change the application.'
    });
  }
  if (!EDITABLE_STAGES.includes(row.stage as Stage)) {
    throw apiError(409, 'not_editable', {
      zh: '申报已提交，当前阶段不能修改；如需修改，请联系区产业部门退回补正。',
      en: 'The application has been submitted and cannot be changed now; ask the district industry department to return it for correction.'
    });
  }
}

export const versionConflict = (expected: number, current: number) =>
  apiError(409, 'version_conflict', {
    zh: `项目已被他人更新（当前版本 ${current}，您看到的是版本 ${expected}），请刷新页面查看最新状态后再操作。`,
    en: `Someone else updated this project (now version ${current}, you saw version ${expected}); reload it and try again.`
  });

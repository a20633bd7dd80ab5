// Starting and discarding an application (issue 14.2). The parcel is checked before a numbered draft
// exists: the uploaded boundary (by its inspect id) is read, classified against the current layers and
// refused when the guideline does not apply (industrial block) or the district officer would apply
// outside its district. Only then are the draft, its parcel and its classification written — in one
// transaction, so a refusal leaves nothing behind. A never-submitted draft may be deleted by its owner.
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { Db } from '../db/index.ts';
import { inTransaction } from '../db/in-transaction.ts';
import type { SessionUser } from '../auth/session.ts';
import { apiError } from '../http/api.ts';
import { authorityByCode } from '../../domain/authorities.ts';
import { LAND_TYPE_INFO } from '../../domain/land-types.ts';
import { boundaryRefusal, draftDeletionRefusal, projectTitleProblem } from '../../domain/new-application.ts';
import { classifyGeometry } from '../classification/classify.ts';
import type { Classification } from '../../domain/classification/types.ts';
import { ingest } from './ingest-runner.ts';
import { uploadFiles, uploadFor } from './upload-store.ts';
import { attachBoundary, type BoundaryOptions } from './boundary.service.ts';
import { createProject } from './projects.service.ts';
import { loadVisible } from './project-access.ts';
import * as repo from './projects.repository.ts';

type Text = { zh: string; en: string };

export interface BoundaryCheck {
  ok: boolean;
  landType: string;
  landTypeLabel: Text;
  clause: string;
  authorityCode: string | null;
  authorityName: Text | null;
  lingang: boolean;
  areaM2: number;
  straddles: boolean;
  conflicts: string[];
  /** Why this parcel cannot start an application here (code, bilingual message), when ok is false. */
  refusal: { code: string; zh: string; en: string } | null;
}

export interface CheckOptions extends Omit<BoundaryOptions, 'upload'> {
  upload: string;
}

/** Reads the inspected upload and classifies the chosen polygons; writes nothing. */
export async function checkBoundary(db: Db, actor: SessionUser, opts: CheckOptions): Promise<BoundaryCheck> {
  const manifest = await uploadFor(opts.upload, actor.id);
  const features = (
    await ingest({
      key: manifest.id,
      loadFiles: () => uploadFiles(manifest),
      opts: { crs: opts.crs || undefined, layer: opts.layer || undefined, encoding: opts.encoding || undefined }
    })
  ).result!.features;
  const picked = opts.featureIndex === undefined ? features.map((_, i) => i) : [opts.featureIndex].flat();
  const chosen = picked.map((i) => features[i]).filter((f) => f && f.valid);
  if (chosen.length === 0) {
    throw apiError(400, 'invalid_geometry', {
      zh: '文件中没有可用的地块面，请修正文件后重新上传。',
      en: 'The file holds no usable parcel polygon; fix the file and upload it again.'
    });
  }
  const polygons: Position[][][] = chosen.flatMap((f) =>
    f.geometry.type === 'Polygon' ? [(f.geometry as Polygon).coordinates] : (f.geometry as MultiPolygon).coordinates
  );
  const c: Classification = await classifyGeometry(db, { type: 'MultiPolygon', coordinates: polygons });
  const info = LAND_TYPE_INFO[c.landType];
  const where = c.authorityCode ? authorityByCode(c.authorityCode) : null;
  let refusal: BoundaryCheck['refusal'] = boundaryRefusal(c.landType);
  // A district officer applies for its own district only (the same rule attachBoundary enforces).
  if (!refusal && actor.role === 'district_industry' && c.authorityCode !== actor.authorityCode) {
    refusal = {
      code: 'parcel_in_other_district',
      zh: `该地块位于${where?.zh ?? '其他区'}，不在本区范围内，不能由本区代为申报。`,
      en: `The parcel lies in ${where?.en ?? 'another district'}, outside your district; you cannot apply for it.`
    };
  }
  if (refusal) refusal = { code: refusal.code, zh: refusal.zh, en: refusal.en };
  return {
    ok: refusal === null,
    landType: c.landType,
    landTypeLabel: { zh: info.zh, en: info.en },
    clause: info.clause,
    authorityCode: c.authorityCode,
    authorityName: where ? { zh: where.zh, en: where.en } : null,
    lingang: c.lingang,
    areaM2: c.areaM2,
    straddles: c.straddles,
    conflicts: c.conflicts.map((x) => x.kind),
    refusal
  };
}

export interface StartInput extends CheckOptions {
  title: unknown;
  /** District officers only: the enterprise's account the project belongs to. */
  onBehalfOf?: string;
}

/** Name + checked boundary → a numbered draft with its parcel, or a refusal that leaves nothing behind. */
export async function startApplication(
  db: Db,
  actor: SessionUser,
  input: StartInput
): Promise<{ id: string; code: string }> {
  const problem = projectTitleProblem(input.title);
  if (problem) throw apiError(400, 'title_invalid', problem);
  const check = await checkBoundary(db, actor, input);
  if (check.refusal) throw apiError(400, check.refusal.code, check.refusal);
  const title = String(input.title).trim();
  const form: Record<string, unknown> = actor.enterpriseName ? { enterpriseName: actor.enterpriseName } : {};
  if (check.authorityCode) form.authorityCode = check.authorityCode;
  return inTransaction(db, async (tx) => {
    const created = await createProject(tx, actor, { title, form, onBehalfOf: input.onBehalfOf });
    await attachBoundary(tx, actor, created.id, [], {
      upload: input.upload,
      crs: input.crs,
      layer: input.layer,
      encoding: input.encoding,
      featureIndex: input.featureIndex
    });
    return created;
  });
}

/** The owner deletes a never-submitted draft; the event keeps who, when and why. */
export async function deleteDraft(
  db: Db,
  actor: SessionUser,
  id: string,
  opts: { expectedVersion?: number; reason?: string } = {}
): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await loadVisible(tx, actor, id, { forUpdate: true });
    const everSubmitted = row.submitted_at !== null || (await repo.listEvents(tx, id, ['submit'])).length > 0;
    const refused = draftDeletionRefusal({ stage: row.stage, everSubmitted, isOwner: row.owner_id === actor.id });
    if (refused) throw apiError(refused.status, refused.code, refused);
    const version = opts.expectedVersion ?? row.version;
    if (!(await repo.markDraftDeleted(tx, id, version, actor.id))) {
      throw apiError(409, 'version_conflict', {
        zh: '草稿已被修改，请刷新后再删除。',
        en: 'The draft has changed; reload and delete again.'
      });
    }
    await repo.insertEvent(tx, {
      projectId: id,
      actorId: actor.id,
      role: actor.role,
      action: 'delete_draft',
      from: 'draft',
      to: null,
      comment: opts.reason?.trim().slice(0, 500) || null,
      payload: { code: row.code, title: row.title },
      version: null
    });
  });
}

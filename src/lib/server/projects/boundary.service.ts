// The project's parcel from an uploaded boundary file (or an upload inspected before, named by its hash):
// ingest in the worker pool,
// refuse a bad file with its reasons, store the file(s), make the union of the chosen features the
// current parcel, classify it — parcel, classification, authority and event in one transaction.
import { evaluateProject } from '../standard/index.ts';
import type { MultiPolygon } from 'geojson';
import type { Db } from '../db/index.ts';
import type { SessionUser } from '../auth/session.ts';
import { apiError } from '../http/api.ts';
import type { InputFile } from '../../geo/types.ts';
import type { InspectResult } from '../../geo/ingest.ts';
import { classifyProject } from '../classification/classify.ts';
import type { Classification } from '../../domain/classification/types.ts';
import { insertFileRow } from '../storage/storage.ts';
import { authorityByCode } from '../../domain/authorities.ts';
import { authorityChangeRefusal } from '../../domain/case-authority.ts';
import { boundaryRefusal } from '../../domain/new-application.ts';
import { refusalError } from '../../errors.ts';
import * as repo from './projects.repository.ts';
import { assertEditable, loadVisible, notFound } from './project-access.ts';
import { stateOf } from './project-view.ts';
import { ingest } from './ingest-runner.ts';
import { describeUpload, storeUpload, uploadFiles, uploadFor } from './upload-store.ts';
import type { ParcelView } from './projects.types.ts';
import { parcelOverlaps } from '../policy/overlap.service.ts';
import type { ParcelOverlap } from '../../domain/policy/overlap.ts';
import { toActor } from '../auth/actor.ts';

export interface BoundaryOptions {
  crs?: string;
  layer?: string;
  encoding?: string;
  /** Which features (0-based, as listed by inspect) form the parcel; all of them when absent. */
  featureIndex?: number | number[];
  /** An upload inspected before (POST /api/v1/boundaries/inspect → upload.id), instead of the files. */
  upload?: string;
}

export interface BoundaryResult {
  parcel: ParcelView;
  classification: Classification;
  inspect: InspectResult;
  version: number;
  authorityCode: string | null;
  /** Live or recognised projects whose parcels this one overlaps significantly (issue 12.9), named if visible. */
  overlaps: ParcelOverlap[];
}

/** The upload's main file: the .shp of a loose set, else the first file. */
const mainFile = <F extends { name: string }>(files: F[]) => files.find((f) => /\.shp$/i.test(f.name)) ?? files[0];

export async function attachBoundary(
  db: Db,
  actor: SessionUser,
  id: string,
  files: InputFile[],
  opts: BoundaryOptions = {}
): Promise<BoundaryResult> {
  if (files.length === 0 && !opts.upload)
    throw apiError(400, 'file_missing', { zh: '请选择地块边界文件。', en: 'Choose the boundary file.' });
  assertEditable(actor, await loadVisible(db, actor, id));

  const described = files.length > 0 ? describeUpload(files) : await uploadFor(opts.upload, actor.id);
  const inspect: InspectResult = (
    await ingest({
      key: described.id,
      files: files.length > 0 ? files : undefined,
      loadFiles: () => uploadFiles(described),
      opts: { crs: opts.crs || undefined, layer: opts.layer || undefined, encoding: opts.encoding || undefined }
    })
  ).result!;
  // Stored once read (a refused file is not kept); content-addressed, so writing before the transaction is
  // harmless if it rolls back.
  const manifest = files.length > 0 ? await storeUpload(files, actor.id, described) : described;
  const picked = opts.featureIndex === undefined ? inspect.features.map((_, i) => i) : [opts.featureIndex].flat();
  if (picked.length === 0 || picked.some((i) => !Number.isInteger(i) || i < 0 || i >= inspect.features.length)) {
    throw apiError(400, 'bad_feature_index', {
      zh: `要素序号无效：文件中共有 ${inspect.features.length} 个面，序号从 0 开始。`,
      en: `Invalid feature index: the file holds ${inspect.features.length} polygon(s), numbered from 0.`
    });
  }
  const invalid = picked.filter((i) => !inspect.features[i].valid);
  if (invalid.length > 0) {
    const errs = inspect.errors.length ? inspect.errors : [{ zh: '几何无效', en: 'invalid geometry' }];
    throw apiError(400, 'invalid_geometry', {
      zh: `所选的面中有无效几何（第 ${invalid.map((i) => i + 1).join('、')} 个）：${errs.map((m) => m.zh).join('；')}。请修正文件，或只选择有效的面。`,
      en: `Some chosen polygons are invalid (no. ${invalid.map((i) => i + 1).join(', ')}): ${errs.map((m) => m.en).join('; ')}. Fix the file or choose only valid polygons.`
    });
  }

  const stored = manifest.files;
  const main = mainFile(stored);

  return db.transaction(async (tx) => {
    const row = await loadVisible(tx, actor, id, { forUpdate: true });
    assertEditable(actor, row);
    let mainId = '';
    for (const f of stored) {
      const file = await insertFileRow(tx, {
        sha256: f.sha256,
        name: f.name,
        size: f.size,
        mime: null,
        uploadedBy: actor.id
      });
      await repo.attachFile(tx, id, file.id, 'boundary', actor.id);
      if (f === main) mainId = file.id;
    }
    const chosen = picked.map((i) => inspect.features[i]);
    const parcel = await repo.replaceParcel(tx, {
      projectId: id,
      geometries: chosen.map((f) => f.geometry),
      sourceGeometries: chosen.map((f) => f.sourceGeometry),
      sourceCrs: inspect.source.crs,
      fileId: mainId
    });
    const classification: Classification = await classifyProject(tx, id);
    // Inside a planned industrial block the guideline does not apply: refused at upload (issue 14.2).
    const outOfScope = boundaryRefusal(classification.landType);
    if (outOfScope) throw refusalError(outOfScope);
    const authority = classification.authorityCode ?? row.authority_code;
    // A district officer applies for its own district only; the parcel decides where a project belongs.
    if (actor.role === 'district_industry' && authority !== actor.authorityCode) {
      const where = authorityByCode(authority ?? '');
      throw apiError(400, 'parcel_in_other_district', {
        zh: `该地块位于${where?.zh ?? '其他区'}，不在本区范围内，不能由本区代为申报。`,
        en: `The parcel lies in ${where?.en ?? 'another district'}, outside your district; you cannot apply for it.`
      });
    }
    // After submission the accepting district keeps the case (domain/case-authority.ts).
    const moved = authorityChangeRefusal({
      submitted: row.submitted_at !== null,
      current: row.authority_code,
      proposed: authority
    });
    if (moved) throw apiError(moved.status, moved.code, moved);
    const overlaps = await parcelOverlaps(tx, id, toActor(actor));
    const version = row.version + 1;
    const workflow = { ...stateOf(row), version, authorityCode: authority };
    // The parcel decides the district: the form's 所在区 follows the classification.
    const form = authority ? { ...(row.form ?? {}), authorityCode: authority } : undefined;
    const ok = await repo.updateProjectGuarded(tx, id, row.version, { workflow, authorityCode: authority, form });
    if (!ok) throw notFound();
    await repo.insertEvent(tx, {
      projectId: id,
      actorId: actor.id,
      role: actor.role,
      action: 'attach_boundary',
      from: row.stage,
      to: row.stage,
      comment: null,
      payload: {
        fileId: mainId,
        fileName: main.name,
        areaM2: parcel.areaM2,
        sourceCrs: inspect.source.crs,
        features: picked,
        landType: classification.landType,
        authorityCode: authority,
        straddles: classification.straddles,
        conflicts: classification.conflicts.map((c) => c.kind),
        overlaps: overlaps.map((o) => ({ projectId: o.projectId, overlapM2: Math.round(o.overlapM2 * 10) / 10 }))
      },
      version
    });
    await evaluateProject(tx, id, 'boundary');
    const current = await repo.currentParcel(tx, id);
    return {
      parcel: {
        geometry: current!.geometry as MultiPolygon,
        areaM2: parcel.areaM2,
        sourceCrs: inspect.source.crs,
        sourceName: main.name,
        fileId: mainId
      },
      classification,
      inspect,
      version,
      authorityCode: authority,
      overlaps
    };
  });
}

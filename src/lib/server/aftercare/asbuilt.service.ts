// 竣工测绘 upload and 规划核实 sign-off (二.4). The survey is read by the same ingestion as parcel boundaries
// (purpose 'footprints': the CAD building layer and its texts), each footprint gets its floors or floor area
// (a Shapefile/GeoJSON attribute, or CAD text inside it), and PostGIS computes encroachment, plot ratio and
// coverage against the project's recognised parcel — file, survey, buildings and event in one transaction.
import { randomUUID } from 'node:crypto';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { Db, Queryable } from '../db/index.ts';
import type { SessionUser } from '../auth/session.ts';
import { apiError } from '../http/api.ts';
import type { InputFile } from '../../geo/types.ts';
import type { InspectResult, InspectText } from '../../geo/ingest.ts';
import { runIngest } from '../projects/ingest-runner.ts';
import { insertFileRow, putBlob } from '../storage/storage.ts';
import * as projects from '../projects/projects.repository.ts';
import { loadVisible } from '../projects/project-access.ts';
import { stateOf, todayInShanghai } from '../projects/project-view.ts';
import { toActor } from '../auth/actor.ts';
import {
  checkSignoff,
  checkSurveyUpload,
  DEFAULT_TOLERANCE_M,
  floorsFromAttributes,
  floorsFromLabels,
  MAX_TOLERANCE_M,
  type FloorInfo
} from '../../domain/aftercare/asbuilt.ts';
import * as repo from './asbuilt.repository.ts';
import { refusalError as refused } from '../../errors.ts';

export interface SurveyOptions {
  crs?: string;
  layer?: string;
  encoding?: string;
  toleranceM?: number | string;
}

function ringContains(ring: Position[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i],
      [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function polygonContains(g: Polygon | MultiPolygon, x: number, y: number): boolean {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.some((p) => ringContains(p[0], x, y) && !p.slice(1).some((h) => ringContains(h, x, y)));
}

function parseTolerance(v: number | string | undefined): number {
  if (v === undefined || v === '') return DEFAULT_TOLERANCE_M;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n) || n < 0 || n > MAX_TOLERANCE_M) {
    throw apiError(400, 'bad_tolerance', {
      zh: `测量容差应为 0–${MAX_TOLERANCE_M} 米（默认 ${DEFAULT_TOLERANCE_M} 米）。`,
      en: `The survey tolerance must be 0–${MAX_TOLERANCE_M} m (default ${DEFAULT_TOLERANCE_M} m).`
    });
  }
  return n;
}

/** Floors for each footprint: attributes first, else the CAD texts that fall inside it. */
export function floorsOf(inspect: InspectResult): { info: FloorInfo | null; texts: string[] }[] {
  const texts: InspectText[] = inspect.texts ?? [];
  return inspect.features.map((f) => {
    const inside = texts.filter((t) => polygonContains(f.geometry, t.lon, t.lat)).map((t) => t.text);
    return { info: floorsFromAttributes(f.properties) ?? floorsFromLabels(inside), texts: inside };
  });
}

export async function uploadSurvey(
  db: Db,
  actor: SessionUser,
  projectId: string,
  files: InputFile[],
  opts: SurveyOptions = {}
) {
  if (files.length === 0)
    throw apiError(400, 'file_missing', {
      zh: '请选择竣工测绘文件（DXF、DWG 或 Shapefile）。',
      en: 'Choose the as-built survey file (DXF, DWG or Shapefile).'
    });
  const toleranceM = parseTolerance(opts.toleranceM);
  const first = await loadVisible(db, actor, projectId);
  const early = checkSurveyUpload(stateOf(first), toActor(actor));
  if (early) throw refused(early);

  const inspect: InspectResult = (
    await runIngest(files, {
      crs: opts.crs || undefined,
      layer: opts.layer || undefined,
      encoding: opts.encoding || undefined,
      purpose: 'footprints'
    })
  ).result;
  const floors = floorsOf(inspect);
  const missing = floors
    .map((f, i) => (f.info && (f.info.floors !== null || f.info.floorAreaM2 !== null) ? -1 : i))
    .filter((i) => i >= 0);
  if (missing.length) {
    const list = missing
      .slice(0, 10)
      .map(
        (i) =>
          `${i + 1}（${inspect.features[i].areaM2} m²${floors[i].texts.length ? `，注记“${floors[i].texts.join(' ')}”` : ''}）`
      )
      .join('、');
    throw apiError(400, 'floors_missing', {
      zh: `第 ${list} 个建筑轮廓没有层数或建筑面积。请在 Shapefile 属性中填写“层数”或“建筑面积”（如 FLOORS、JZMJ），或在 CAD 轮廓内标注“5F”“5层”或“建筑面积 1200”，然后重新上传。`,
      en: `Building footprint(s) no. ${missing
        .slice(0, 10)
        .map((i) => i + 1)
        .join(
          ', '
        )} have no floor count or floor area. Fill in a floors or floor-area attribute (e.g. FLOORS, JZMJ) in the Shapefile, or put a text such as "5F", "5层" or "建筑面积 1200" inside each CAD footprint, and upload again.`
    });
  }
  const invalid = inspect.features.map((f, i) => (f.valid ? -1 : i)).filter((i) => i >= 0);
  if (invalid.length) {
    throw apiError(400, 'invalid_geometry', {
      zh: `第 ${invalid.map((i) => i + 1).join('、')} 个建筑轮廓几何无效：${inspect.errors.map((m) => m.zh).join('；')}。请修正后重新上传。`,
      en: `Footprint(s) no. ${invalid.map((i) => i + 1).join(', ')} are invalid: ${inspect.errors.map((m) => m.en).join('; ')}. Fix them and upload again.`
    });
  }
  const stored = await Promise.all(files.map(async (f) => ({ f, sha: await putBlob(f.bytes) })));
  const main = files.find((f) => /\.(shp|zip|dxf|dwg)$/i.test(f.name)) ?? files[0];

  return db.transaction(async (tx) => {
    const row = await loadVisible(tx, actor, projectId, { forUpdate: true });
    const refusal = checkSurveyUpload(stateOf(row), toActor(actor));
    if (refusal) throw refused(refusal);
    const parcel = await projects.currentParcel(tx, projectId);
    if (!parcel)
      throw apiError(409, 'no_parcel', {
        zh: '项目没有认定地块边界，无法核对竣工测绘。',
        en: 'The project has no recognised parcel to check the survey against.'
      });
    let mainId: string | null = null;
    for (const { f, sha } of stored) {
      const file = await insertFileRow(tx, {
        sha256: sha,
        name: f.name,
        size: f.bytes.byteLength,
        mime: null,
        uploadedBy: actor.id
      });
      await projects.attachFile(tx, projectId, file.id, 'asbuilt_survey', actor.id);
      if (f === main) mainId = file.id;
    }
    const surveyId = await repo.insertSurvey(tx, {
      projectId,
      parcelId: parcel.id,
      fileId: mainId,
      fileName: main.name,
      sourceCrs: inspect.source.crs,
      sourceFormat: inspect.source.format,
      sourceLayer: inspect.features[0]?.sourceLayer ?? null,
      toleranceM,
      uploadedBy: actor.id,
      buildings: inspect.features.map((f, i) => ({
        geometry: f.geometry,
        floors: floors[i].info!.floors,
        floorAreaStated: floors[i].info!.floorAreaM2,
        source: floors[i].info!.source,
        label: floors[i].info!.label
      }))
    });
    const survey = (await repo.currentSurvey(tx, projectId))!;
    await projects.insertEvent(tx, {
      projectId,
      actorId: actor.id,
      role: actor.role,
      action: 'upload_asbuilt',
      from: row.stage,
      to: row.stage,
      comment: null,
      version: null,
      payload: {
        surveyId,
        fileId: mainId,
        fileName: main.name,
        sourceCrs: inspect.source.crs,
        buildings: survey.building_count,
        toleranceM,
        encroachmentM2: round2(survey.encroachment_m2),
        plotRatio: round2(survey.plot_ratio),
        coverage: round4(survey.coverage),
        floorAreaM2: round2(survey.floor_area_m2)
      }
    });
    return {
      survey: surveyView(survey),
      buildings: (await repo.surveyBuildings(tx, surveyId)).map(buildingView),
      inspect: {
        source: inspect.source,
        decisions: inspect.decisions,
        warnings: inspect.warnings,
        layers: inspect.layers
      }
    };
  });
}

const round2 = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);
const round4 = (n: number | null) => (n === null ? null : Math.round(n * 10000) / 10000);

export function surveyView(s: repo.SurveyRow) {
  return {
    id: s.id,
    fileId: s.file_id,
    fileName: s.file_name,
    sourceCrs: s.source_crs,
    sourceFormat: s.source_format,
    sourceLayer: s.source_layer,
    toleranceM: s.tolerance_m,
    parcelAreaM2: round2(s.parcel_area_m2),
    footprintM2: round2(s.footprint_m2),
    floorAreaM2: round2(s.floor_area_m2),
    encroachmentM2: round2(s.encroachment_m2),
    withinToleranceM2: round2(s.within_tolerance_m2),
    plotRatio: round2(s.plot_ratio),
    coverage: round4(s.coverage),
    buildingCount: s.building_count,
    uploadedAt: new Date(s.uploaded_at).toISOString(),
    uploadedBy: s.uploaded_by_name ?? null,
    signoff: s.signoff,
    signoffReason: s.signoff_reason,
    signedBy: s.signed_by_name ?? null,
    signedAt: s.signed_at ? new Date(s.signed_at).toISOString() : null
  };
}
export type SurveyView = ReturnType<typeof surveyView>;

export function buildingView(b: repo.BuildingRow) {
  return {
    index: b.idx,
    geometry: b.geometry,
    outside: b.outside,
    floors: b.floors,
    floorAreaStated: b.floor_area_stated,
    source: b.floor_source,
    label: b.label,
    footprintM2: round2(b.footprint_m2),
    floorAreaM2: round2(b.floor_area_m2),
    encroachmentM2: round2(b.encroachment_m2),
    withinToleranceM2: round2(b.within_tolerance_m2)
  };
}
export type BuildingView = ReturnType<typeof buildingView>;

export async function asBuiltOf(db: Queryable, actor: SessionUser, projectId: string) {
  await loadVisible(db, actor, projectId);
  const s = await repo.currentSurvey(db, projectId);
  const parcel = await projects.currentParcel(db, projectId);
  return {
    survey: s ? surveyView(s) : null,
    buildings: s ? (await repo.surveyBuildings(db, s.id)).map(buildingView) : [],
    parcel: parcel ? { geometry: parcel.geometry as Polygon | MultiPolygon, areaM2: parcel.area_m2 } : null
  };
}

/** 二.4 sign-off by the city planning bureau; also recorded as the tracking milestone 'planning_check' (same result). */
export async function signOffSurvey(db: Db, actor: SessionUser, projectId: string, body: Record<string, unknown>) {
  const result = body.result;
  if (result !== 'pass' && result !== 'fail')
    throw apiError(400, 'bad_result', {
      zh: '请选择核实结论：通过或不通过。',
      en: 'Choose the result: passed or not passed.'
    });
  const reason = typeof body.reason === 'string' ? body.reason.trim().slice(0, 4000) : '';
  return db.transaction(async (tx) => {
    const row = await loadVisible(tx, actor, projectId, { forUpdate: true });
    const survey = await repo.currentSurvey(tx, projectId, { forUpdate: true });
    const refusal = checkSignoff(stateOf(row), toActor(actor), survey, { result, reason });
    if (refusal) throw refused(refusal);
    if (typeof body.surveyId === 'string' && body.surveyId !== survey!.id) {
      throw apiError(409, 'survey_changed', {
        zh: '竣工测绘已被更新，请刷新页面后核对最新成果再签署。',
        en: 'A newer survey has been uploaded; reload the page and check it before signing off.'
      });
    }
    if (!(await repo.signOff(tx, survey!.id, { result, reason: reason || null, by: actor.id })))
      throw refused(checkSignoff(stateOf(row), toActor(actor), { signoff: 'pass' }, { result })!);
    const today = todayInShanghai();
    const note = `竣工测绘核实：超出地块 ${round2(survey!.encroachment_m2)} m²，容积率 ${round2(survey!.plot_ratio)}，建筑密度 ${round4(survey!.coverage)}${reason ? `；${reason}` : ''}`;
    await projects.insertEvent(tx, {
      projectId,
      actorId: actor.id,
      role: actor.role,
      action: 'signoff_asbuilt',
      from: row.stage,
      to: row.stage,
      comment: reason || null,
      version: null,
      payload: { surveyId: survey!.id, result, reason: reason || null }
    });
    // The same act is the tracking milestone "规划和土地利用执行情况检查" (二.4), so the tracking list shows it.
    await projects.insertEvent(tx, {
      projectId,
      actorId: actor.id,
      role: actor.role,
      action: 'record_milestone',
      from: row.stage,
      to: row.stage,
      comment: null,
      version: null,
      payload: { id: randomUUID(), milestone: 'planning_check', date: today, result, note, surveyId: survey!.id }
    });
    return surveyView((await repo.currentSurvey(tx, projectId))!);
  });
}

// Layer administration: import a new version from any file the boundary pipeline reads, list versions,
// switch the current version (one transaction, with the re-classification of open projects).
import { createHash } from 'node:crypto';
import { userError } from '../../errors.ts';
import type { Db } from '../db/index.ts';
import type { IngestOptions } from '../../geo/ingest.ts';
import { runIngest } from '../projects/ingest-runner.ts';
import type { InputFile, Message } from '../../geo/types.ts';
import { reclassifyOpenProjects, type ReclassifyChange } from '../classification/reclassify.ts';
import { buildVersionTiles } from '../tiles/pyramid-runner.ts';
import { forgetCurrentVersions } from '../tiles/tiles.service.ts';
import {
  findVersion,
  insertLayerVersion,
  insertSwitch,
  kindExists,
  listSwitches,
  listVersions,
  lockKind,
  makeCurrent,
  type LayerVersionRow
} from './layers.repository.ts';

/** A city layer (the 永久基本农田 layer has tens of thousands of patches) is larger than any parcel upload. */
const LAYER_LIMITS = { vertices: 10_000_000, features: 1_000_000 };

export interface ImportRequest {
  kind: string;
  files: InputFile[];
  label?: string;
  importedBy: string;
  ingest?: Pick<IngestOptions, 'crs' | 'layer' | 'encoding'>;
  /** Switch to the new version in the same step (re-classifying open projects). Default: stage it only. */
  use?: boolean;
  actorId?: string | null;
}

export interface ImportReport {
  version: VersionInfo;
  crs: string;
  warnings: Message[];
  skipped: number;
  switched: SwitchReport | null;
}

export interface VersionInfo {
  id: number;
  kind: string;
  version: number;
  label: string;
  sourceName: string;
  sourceSha256: string;
  importedBy: string;
  importedAt: string;
  featureCount: number;
  totalAreaM2: number;
  isCurrent: boolean;
  sample: boolean;
  parts: number;
}

export const versionInfo = (v: LayerVersionRow): VersionInfo => ({
  id: v.id,
  kind: v.kind,
  version: v.version,
  label: v.label,
  sourceName: v.source_name,
  sourceSha256: v.source_sha256,
  importedBy: v.imported_by,
  importedAt: new Date(v.imported_at).toISOString(),
  featureCount: v.feature_count,
  totalAreaM2: Math.round(Number(v.total_area_m2)),
  isCurrent: v.is_current,
  sample: v.sample,
  parts: v.parts
});

export interface SwitchReport {
  switchId: number;
  kind: string;
  fromVersion: number | null;
  toVersion: number;
  checked: number;
  changes: ReclassifyChange[];
}

async function requireKind(db: Db, kind: string) {
  if (!/^[a-z_]{2,40}$/.test(kind) || !(await kindExists(db, kind)))
    throw userError('unknown_kind', `未知的图层类型：${kind}`, `Unknown layer kind: ${kind}`, 404);
}

export async function importLayer(db: Db, req: ImportRequest): Promise<ImportReport> {
  await requireKind(db, req.kind);
  if (req.files.length === 0) throw userError('no_file', '请选择图层文件', 'Choose a layer file');
  // Layers are city-wide: the pipeline's "parcel too large" flags are expected here and not shown.
  // Read in the worker pool (never on the server's event loop), with the budgets of a city-wide layer.
  const inspected = (await runIngest(req.files, { ...req.ingest, requireShanghai: true }, undefined, LAYER_LIMITS))
    .result;
  const features = inspected.features
    .filter((f) => f.valid)
    .map((f) => ({ type: 'Feature' as const, geometry: f.geometry, properties: f.properties }));
  const hash = createHash('sha256');
  for (const f of req.files) hash.update(f.bytes);
  const sourceName = req.files.map((f) => f.name).join(' + ');
  const staged = await db.transaction((tx) =>
    insertLayerVersion(tx, {
      kind: req.kind,
      label: req.label?.trim() || sourceName,
      sourceName,
      sourceSha256: hash.digest('hex'),
      importedBy: req.importedBy,
      sample: false,
      features,
      current: false
    })
  );
  // Its tile pyramid before it can become current (outside the zones' transaction: tiles are derived data,
  // and a version without them is still served, rendered on the fly).
  await buildVersionTiles(db, staged.id);
  const switched = req.use
    ? await switchLayer(db, {
        kind: req.kind,
        version: staged.version,
        by: req.importedBy,
        actorId: req.actorId ?? null
      })
    : null;
  const row = await findVersion(db, req.kind, staged.version);
  return {
    version: versionInfo(row!),
    crs: inspected.source.crs,
    warnings: inspected.warnings.filter((w) => !w.code.startsWith('area-')),
    skipped: inspected.features.length - features.length,
    switched
  };
}

/** Makes `version` the current one of `kind` and re-classifies open projects, all in one transaction. */
export async function switchLayer(
  db: Db,
  s: { kind: string; version: number; by: string; actorId?: string | null }
): Promise<SwitchReport> {
  await requireKind(db, s.kind);
  const target = await findVersion(db, s.kind, s.version);
  if (!target)
    throw userError('no_version', `${s.kind} 没有第 ${s.version} 版`, `${s.kind} has no version ${s.version}`, 404);
  const versions = await listVersions(db, s.kind);
  const report = await db.transaction(async (tx) => {
    const fromId = await lockKind(tx, s.kind);
    await makeCurrent(tx, s.kind, target.id);
    const from = versions.find((v) => v.id === fromId)?.version ?? null;
    const reason = `图层 ${s.kind} 由第 ${from ?? '—'} 版切换为第 ${s.version} 版 / layer ${s.kind} switched from version ${from ?? '—'} to ${s.version}`;
    const { checked, changes } = await reclassifyOpenProjects(tx, { actorId: s.actorId ?? null, reason });
    const switchId = await insertSwitch(tx, {
      kind: s.kind,
      fromVersionId: fromId,
      toVersionId: target.id,
      by: s.by,
      checked,
      changes
    });
    return { switchId, kind: s.kind, fromVersion: from, toVersion: s.version, checked, changes };
  });
  forgetCurrentVersions(); // this instance's tile cache; other instances re-read theirs within seconds
  return report;
}

export async function layerVersions(db: Db, kind?: string): Promise<VersionInfo[]> {
  if (kind) await requireKind(db, kind);
  return (await listVersions(db, kind)).map(versionInfo);
}

export async function recentSwitches(db: Db, limit = 20) {
  return listSwitches(db, limit);
}

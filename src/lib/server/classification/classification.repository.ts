// All classification queries, for both engines (PostgreSQL and PGlite): the overlay of one parcel
// with the current version of every layer, and the stored results. Areas are measured in EPSG:4549
// (CGCS2000 3° Gauss-Krüger, CM 120°E), the projected system the city measures land in.
import type { MultiPolygon, Polygon } from 'geojson';
import { runPrepared, type Queryable } from '../db/index.ts';
import { sqlFile } from '../db/sql-file.ts';
import overlaySql from './overlay.sql?raw';
import parcelFromGeojsonSql from './parcel-from-geojson.sql?raw';
import parcelFromTableSql from './parcel-from-table.sql?raw';
import { AREA_SRID, projectRing } from '../../geo/area.ts';
import type { LayerVersionUsed, OverlapRow } from '../../domain/classification/types.ts';

export interface Overlay {
  parcelAreaM2: number;
  overlaps: OverlapRow[];
  /** The current layer versions the overlay used (read in the same statement). */
  layerVersions: LayerVersionUsed[];
}

// The overlay's SQL, one file per part: the parcel (from GeoJSON or from the table) and the overlay proper.
const OVERLAY = sqlFile(overlaySql, { AREA_SRID });
const PARCEL_FROM_GEOJSON = sqlFile(parcelFromGeojsonSql, { AREA_SRID });
const PARCEL_FROM_TABLE = sqlFile(parcelFromTableSql, { AREA_SRID });

/** The geometry in AREA_SRID (EPSG:4549), as src/lib/geo/area.ts measures it. */
function projectToAreaPlane(g: Polygon | MultiPolygon): Polygon | MultiPolygon {
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: g.coordinates.map(projectRing) };
  return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(projectRing)) };
}

type Row = {
  parcel_m2: number;
  versions: (Omit<LayerVersionUsed, 'versionId'> & { versionId: number | string })[] | string | null;
} & { [K in keyof OverlapRow]: OverlapRow[K] | null };

function toOverlay(rows: Row[]): Overlay {
  const v = rows[0]?.versions ?? [];
  const versions = typeof v === 'string' ? (JSON.parse(v) as Exclude<Row['versions'], string | null>) : v;
  return {
    parcelAreaM2: rows.length ? Number(rows[0].parcel_m2) : 0,
    layerVersions: versions.map((x) => ({
      kind: x.kind,
      versionId: Number(x.versionId),
      version: Number(x.version),
      label: x.label,
      sample: x.sample
    })),
    overlaps: rows
      .filter((r) => r.zone_id != null)
      .map((r) => ({
        kind: r.kind!,
        purpose: r.purpose!,
        zone_id: Number(r.zone_id),
        name: r.name ?? '',
        code: r.code,
        area_m2: Number(r.area_m2)
      }))
  };
}

export async function overlayGeoJson(db: Queryable, geometry: Polygon | MultiPolygon): Promise<Overlay> {
  // Prepared: on the embedded database parsing and planning this statement cost more than the overlay itself.
  const { rows } = await runPrepared<Row>(db, 'classify_overlay_geojson', PARCEL_FROM_GEOJSON + OVERLAY, [
    JSON.stringify(geometry),
    JSON.stringify(projectToAreaPlane(geometry))
  ]);
  return toOverlay(rows);
}

export async function overlayParcel(db: Queryable, parcelId: string): Promise<Overlay> {
  const { rows } = await runPrepared<Row>(db, 'classify_overlay_parcel', PARCEL_FROM_TABLE + OVERLAY, [parcelId]);
  return toOverlay(rows);
}

export async function currentLayerVersions(db: Queryable): Promise<LayerVersionUsed[]> {
  const { rows } = await db.query<{ kind: string; id: number; version: number; label: string; sample: boolean }>(
    `select v.kind, v.id, v.version, v.label, v.sample
       from layer_versions v join layer_kinds k on k.code = v.kind
      where v.is_current order by k.sort, v.kind`
  );
  return rows.map((r) => ({ kind: r.kind, versionId: r.id, version: r.version, label: r.label, sample: r.sample }));
}

export async function currentParcelId(db: Queryable, projectId: string): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>('select id from parcels where project_id = $1 and is_current', [
    projectId
  ]);
  return rows[0]?.id ?? null;
}

export interface StoredClassification {
  projectId: string;
  parcelId: string;
  landType: string;
  result: unknown;
  layerVersions: unknown;
  tolerances: unknown;
}

/** Stores a classification and sets the project's land type, in the caller's transaction. */
export async function storeClassification(tx: Queryable, c: StoredClassification): Promise<void> {
  await tx.query(
    `insert into classifications (project_id, parcel_id, land_type, result, layer_versions, tolerances)
     values ($1, $2, $3, $4, $5, $6)`,
    [
      c.projectId,
      c.parcelId,
      c.landType,
      JSON.stringify(c.result),
      JSON.stringify(c.layerVersions),
      JSON.stringify(c.tolerances)
    ]
  );
  await tx.query('update projects set land_type = $2, updated_at = now() where id = $1', [c.projectId, c.landType]);
}

export async function latestClassification(
  db: Queryable,
  projectId: string
): Promise<{ result: unknown; at: Date } | null> {
  const { rows } = await db.query<{ result: unknown; at: Date }>(
    'select result, at from classifications where project_id = $1 order by id desc limit 1',
    [projectId]
  );
  return rows[0] ?? null;
}

/** Stages after the decision: their classification is the one the decision was made on, so a switch leaves it. */
export const DECIDED_STAGES = ['recognised', 'tracking', 'rejected', 'withdrawn'];

export interface ReclassifyCandidate {
  id: string;
  code: string;
  title: string;
  stage: string;
  authority_code: string | null;
  owner_id: string;
  owner_name: string;
  land_type: string | null;
  previous: unknown | null;
}

/** Projects not yet decided that have a parcel, with their latest classification (null if never classified). */
export async function projectsToReclassify(tx: Queryable): Promise<ReclassifyCandidate[]> {
  const { rows } = await tx.query<ReclassifyCandidate>(
    `select p.id, p.code, p.title, p.stage, p.authority_code, p.owner_id, coalesce(u.display_name, u.username) as owner_name,
            p.land_type,
            (select c.result from classifications c where c.project_id = p.id order by c.id desc limit 1) as previous
       from projects p
       join users u on u.id = p.owner_id
      where p.stage <> all($1::text[]) and p.deleted_at is null
        and exists (select 1 from parcels pa where pa.project_id = p.id and pa.is_current)
      order by p.code`,
    [DECIDED_STAGES]
  );
  return rows;
}

/** The project's history gets a line saying its classification changed and why (append-only events). */
export async function insertReclassifiedEvent(
  tx: Queryable,
  e: { projectId: string; actorId: string | null; stage: string; payload: unknown; comment: string }
): Promise<void> {
  await tx.query(
    `insert into events (project_id, actor_id, actor_role, action, from_stage, to_stage, comment, payload)
     values ($1, $2, 'admin', 'reclassified', $3, $3, $4, $5)`,
    [e.projectId, e.actorId, e.stage, e.comment, JSON.stringify(e.payload)]
  );
}

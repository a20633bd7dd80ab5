// As-built survey storage and the PostGIS computation (EPSG:4549, the plane every area in the platform uses):
// per building the footprint, the part outside the recognised parcel split into pieces, each piece counted as
// encroachment when it reaches beyond the survey tolerance (then with its whole area) and as noise otherwise;
// per survey the union of footprints, floor area, plot ratio and coverage.
import type { MultiPolygon, Polygon } from 'geojson';
import type { Queryable } from '../db/index.ts';
import type { Label } from '../../domain/aftercare/terms.ts';

import { AREA_SRID } from '../../geo/area.ts';

export interface NewBuilding {
  geometry: Polygon | MultiPolygon;
  floors: number | null;
  floorAreaStated: number | null;
  source: Label | null;
  label: string | null;
}

export interface SurveyRow {
  id: string;
  project_id: string;
  parcel_id: string;
  file_id: string | null;
  file_name: string;
  source_crs: string | null;
  source_format: string | null;
  source_layer: string | null;
  tolerance_m: number;
  parcel_area_m2: number;
  footprint_m2: number;
  floor_area_m2: number;
  encroachment_m2: number;
  within_tolerance_m2: number;
  plot_ratio: number;
  coverage: number;
  building_count: number;
  uploaded_by: string | null;
  uploaded_at: Date;
  signoff: 'pass' | 'fail' | null;
  signoff_reason: string | null;
  signed_by: string | null;
  signed_at: Date | null;
  uploaded_by_name?: string | null;
  signed_by_name?: string | null;
}

export interface BuildingRow {
  idx: number;
  geometry: MultiPolygon;
  outside: MultiPolygon | null;
  floors: number | null;
  floor_area_stated: number | null;
  floor_source: Label | null;
  label: string | null;
  footprint_m2: number;
  floor_area_m2: number;
  encroachment_m2: number;
  within_tolerance_m2: number;
}

export async function insertSurvey(
  db: Queryable,
  s: {
    projectId: string;
    parcelId: string;
    fileId: string | null;
    fileName: string;
    sourceCrs: string;
    sourceFormat: string;
    sourceLayer: string | null;
    toleranceM: number;
    uploadedBy: string;
    buildings: NewBuilding[];
  }
): Promise<string> {
  await db.query('update asbuilt_surveys set is_current = false where project_id = $1 and is_current', [s.projectId]);
  const { rows } = await db.query<{ id: string }>(
    `insert into asbuilt_surveys (project_id, parcel_id, file_id, file_name, source_crs, source_format, source_layer, tolerance_m, uploaded_by, building_count)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
    [
      s.projectId,
      s.parcelId,
      s.fileId,
      s.fileName,
      s.sourceCrs,
      s.sourceFormat,
      s.sourceLayer,
      s.toleranceM,
      s.uploadedBy,
      s.buildings.length
    ]
  );
  const id = rows[0].id;
  for (const [i, b] of s.buildings.entries()) {
    await db.query(
      `insert into asbuilt_buildings (survey_id, idx, geom, floors, floor_area_stated, floor_source, label)
       values ($1, $2, ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON($3), 4490)), 3)), $4, $5, $6, $7)`,
      [
        id,
        i,
        JSON.stringify(b.geometry),
        b.floors,
        b.floorAreaStated,
        b.source ? JSON.stringify(b.source) : null,
        b.label
      ]
    );
  }
  await computeSurvey(db, id);
  return id;
}

/** All figures of one survey, in two statements (buildings, then the survey's totals). */
export async function computeSurvey(db: Queryable, surveyId: string): Promise<void> {
  await db.query(
    `with s as (select sv.id, sv.tolerance_m, ST_Transform(pa.geom, ${AREA_SRID}) as pg
                  from asbuilt_surveys sv join parcels pa on pa.id = sv.parcel_id where sv.id = $1),
          b as (select ab.idx, ST_Transform(ab.geom, ${AREA_SRID}) as g from asbuilt_buildings ab where ab.survey_id = $1),
          parts as (select b.idx, (ST_Dump(ST_CollectionExtract(ST_Difference(b.g, s.pg), 3))).geom as piece, s.pg, s.tolerance_m from b, s),
          cls as (select idx, piece, ST_Area(piece) as a,
                         ST_CoveredBy(piece, ST_Buffer(pg, greatest(tolerance_m, 1e-9))) as within
                    from parts where ST_Area(piece) > 0)
     update asbuilt_buildings ab set
        footprint_m2 = ST_Area(ST_Transform(ab.geom, ${AREA_SRID})),
        encroachment_m2 = coalesce((select sum(a) from cls where cls.idx = ab.idx and not within), 0),
        within_tolerance_m2 = coalesce((select sum(a) from cls where cls.idx = ab.idx and within), 0),
        outside_geom = (select ST_Multi(ST_Transform(ST_Union(piece), 4490)) from cls where cls.idx = ab.idx and not within)
      where ab.survey_id = $1`,
    [surveyId]
  );
  await db.query(
    `update asbuilt_buildings set floor_area_m2 = coalesce(floor_area_stated, floors * footprint_m2) where survey_id = $1`,
    [surveyId]
  );
  await db.query(
    `with pa as (select ST_Area(ST_Transform(p.geom, ${AREA_SRID})) as area from asbuilt_surveys sv join parcels p on p.id = sv.parcel_id where sv.id = $1),
          t as (select ST_Area(ST_Union(ST_Transform(geom, ${AREA_SRID}))) as fp, sum(floor_area_m2) as fa,
                       coalesce(ST_Area(ST_Union(ST_Transform(outside_geom, ${AREA_SRID}))), 0) as enc, sum(within_tolerance_m2) as noise
                  from asbuilt_buildings where survey_id = $1)
     update asbuilt_surveys set parcel_area_m2 = pa.area, footprint_m2 = t.fp, floor_area_m2 = t.fa, encroachment_m2 = t.enc,
            within_tolerance_m2 = t.noise, plot_ratio = t.fa / pa.area, coverage = t.fp / pa.area
       from pa, t where id = $1`,
    [surveyId]
  );
}

const SURVEY_COLUMNS = `sv.*, u.display_name as uploaded_by_name, s.display_name as signed_by_name`;

export async function currentSurvey(
  db: Queryable,
  projectId: string,
  opts: { forUpdate?: boolean } = {}
): Promise<SurveyRow | null> {
  const { rows } = await db.query<SurveyRow>(
    `select ${opts.forUpdate ? 'sv.*' : SURVEY_COLUMNS} from asbuilt_surveys sv
       ${opts.forUpdate ? '' : 'left join users u on u.id = sv.uploaded_by left join users s on s.id = sv.signed_by'}
      where sv.project_id = $1 and sv.is_current ${opts.forUpdate ? 'for update' : ''}`,
    [projectId]
  );
  return rows[0] ?? null;
}

export async function surveyBuildings(db: Queryable, surveyId: string): Promise<BuildingRow[]> {
  const { rows } = await db.query<BuildingRow>(
    `select idx, ST_AsGeoJSON(geom, 8)::json as geometry, ST_AsGeoJSON(outside_geom, 8)::json as outside, floors, floor_area_stated,
            floor_source, label, footprint_m2, floor_area_m2, encroachment_m2, within_tolerance_m2
       from asbuilt_buildings where survey_id = $1 order by idx`,
    [surveyId]
  );
  return rows;
}

export async function signOff(
  db: Queryable,
  surveyId: string,
  s: { result: 'pass' | 'fail'; reason: string | null; by: string }
): Promise<boolean> {
  const r = await db.query(
    `update asbuilt_surveys set signoff = $2, signoff_reason = $3, signed_by = $4, signed_at = now() where id = $1 and signoff is null`,
    [surveyId, s.result, s.reason, s.by]
  );
  return r.rowCount === 1;
}

/** Current surveys of many projects (supervision, exports). */
export async function currentSurveys(db: Queryable, projectIds: string[]): Promise<Map<string, SurveyRow>> {
  if (!projectIds.length) return new Map();
  const { rows } = await db.query<SurveyRow>(
    `select sv.* from asbuilt_surveys sv where sv.is_current and sv.project_id = any($1::uuid[])`,
    [projectIds]
  );
  return new Map(rows.map((r) => [r.project_id, r]));
}

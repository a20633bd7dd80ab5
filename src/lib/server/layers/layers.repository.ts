// Zoning layers: kinds (data), versions (one current per kind) and their zones. All layer SQL lives here.
import type { Queryable } from '../db/index.ts';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { AREA_SRID } from '../../geo/area.ts';

export interface LayerKindRow {
  code: string;
  name_zh: string;
  name_en: string;
  purpose: string;
  color: string;
  sort: number;
  version_id: number | null;
  version: number | null;
  label: string | null;
  feature_count: number | null;
  sample: boolean | null;
  imported_at: Date | null;
}

export async function listLayers(db: Queryable): Promise<LayerKindRow[]> {
  const { rows } = await db.query<LayerKindRow>(
    `select k.code, k.name_zh, k.name_en, k.purpose, k.color, k.sort,
            v.id as version_id, v.version, v.label, v.feature_count, v.sample, v.imported_at
       from layer_kinds k left join layer_versions v on v.kind = k.code and v.is_current
      order by k.sort, k.code`
  );
  return rows;
}

/** The current version of a kind as a GeoJSON FeatureCollection (simplified for display by `toleranceDeg`). */
export async function currentLayerGeoJson(db: Queryable, kind: string, toleranceDeg = 0) {
  const { rows } = await db.query<{ fc: unknown }>(
    `select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
              'type', 'Feature', 'id', z.id,
              'properties', z.props::jsonb || jsonb_build_object('name', z.name, 'code', z.code,
                'label_point', json_build_array(round(ST_X(ST_PointOnSurface(z.geom))::numeric, 5), round(ST_Y(ST_PointOnSurface(z.geom))::numeric, 5))),
              'geometry', ST_AsGeoJSON(case when $2::float8 > 0 then ST_SimplifyPreserveTopology(z.geom, $2::float8) else z.geom end, 6)::json)
            ), '[]'::json)) as fc
       from zones z join layer_versions v on v.id = z.version_id
      where v.kind = $1 and v.is_current`,
    [kind, toleranceDeg]
  );
  return rows[0].fc;
}

export interface NewLayerVersion {
  kind: string;
  label: string;
  sourceName: string;
  sourceSha256: string;
  importedBy: string;
  sample: boolean;
  features: Feature<Polygon | MultiPolygon, Record<string, unknown>>[];
  /** Make it the current version right away (default true: seed, first import). */
  current?: boolean;
}

/** Features per INSERT: a 20,000-patch farmland layer in 40 statements instead of 20,000 round trips. */
const INSERT_BATCH = 500;

const featureName = (p: Record<string, unknown>) => String(p.name ?? p.NAME ?? p.名称 ?? p.code ?? '');

/**
 * Stores a new version of a layer with its zones (made valid; the zones_subdivide trigger cuts them into
 * zone_parts) in the caller's transaction. Old versions stay; exactly one version per kind is current.
 */
export async function insertLayerVersion(tx: Queryable, v: NewLayerVersion): Promise<{ id: number; version: number }> {
  const { rows } = await tx.query<{ id: number; version: number }>(
    `insert into layer_versions (kind, version, label, source_name, source_sha256, imported_by, feature_count, total_area_m2, sample)
     select $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5, 0, 0, $6 from layer_versions where kind = $1
     returning id, version`,
    [v.kind, v.label, v.sourceName, v.sourceSha256, v.importedBy, v.sample]
  );
  const { id } = rows[0];
  for (let i = 0; i < v.features.length; i += INSERT_BATCH) {
    const batch = v.features.slice(i, i + INSERT_BATCH).map((f) => {
      const p = f.properties ?? {};
      return { name: featureName(p), code: p.code == null ? null : String(p.code), props: p, geometry: f.geometry };
    });
    await tx.query(
      `insert into zones (version_id, name, code, props, geom)
       select $1, f->>'name', f->>'code', coalesce(f->'props', '{}'::jsonb),
              ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(f->>'geometry'), 4490)), 3))
         from jsonb_array_elements($2::jsonb) f`,
      [id, JSON.stringify(batch)]
    );
  }
  // Features that were lines or points only leave an empty geometry after the polygon extraction.
  await tx.query('delete from zones where version_id = $1 and ST_IsEmpty(geom)', [id]);
  // The parts in the area CRS, in one statement (one PROJ set-up) rather than in the per-row trigger.
  await tx.query(`update zone_parts set geom_m = ST_Transform(geom, ${AREA_SRID}) where version_id = $1`, [id]);
  await tx.query(
    `update layer_versions set
       feature_count = (select count(*) from zones where version_id = $1),
       total_area_m2 = coalesce((select sum(ST_Area(ST_Transform(geom, ${AREA_SRID}))) from zones where version_id = $1), 0)
     where id = $1`,
    [id]
  );
  if (v.current ?? true) await makeCurrent(tx, v.kind, id);
  return rows[0];
}

export async function makeCurrent(tx: Queryable, kind: string, versionId: number) {
  await tx.query('update layer_versions set is_current = false where kind = $1 and is_current', [kind]);
  await tx.query('update layer_versions set is_current = true where id = $1 and kind = $2', [versionId, kind]);
}

export interface LayerVersionRow {
  id: number;
  kind: string;
  version: number;
  label: string;
  source_name: string;
  source_sha256: string;
  imported_by: string;
  imported_at: Date;
  feature_count: number;
  total_area_m2: number;
  is_current: boolean;
  sample: boolean;
  parts: number;
}

/** Every version of every kind (or one kind), newest first within a kind. */
export async function listVersions(db: Queryable, kind?: string): Promise<LayerVersionRow[]> {
  const { rows } = await db.query<LayerVersionRow>(
    `select v.id, v.kind, v.version, v.label, v.source_name, v.source_sha256, v.imported_by, v.imported_at,
            v.feature_count, v.total_area_m2, v.is_current, v.sample,
            (select count(*)::int from zone_parts zp where zp.version_id = v.id) as parts
       from layer_versions v join layer_kinds k on k.code = v.kind
      where $1::text is null or v.kind = $1
      order by k.sort, v.kind, v.version desc`,
    [kind ?? null]
  );
  return rows;
}

export async function findVersion(db: Queryable, kind: string, version: number): Promise<LayerVersionRow | null> {
  return (await listVersions(db, kind)).find((v) => v.version === version) ?? null;
}

export async function kindExists(db: Queryable, kind: string): Promise<boolean> {
  return (await db.query('select 1 from layer_kinds where code = $1', [kind])).rows.length > 0;
}

/** Serialises switches of one kind: two administrators switching at once cannot both see the same "before". */
export async function lockKind(tx: Queryable, kind: string): Promise<number | null> {
  const { rows } = await tx.query<{ id: number; is_current: boolean }>(
    'select id, is_current from layer_versions where kind = $1 for update',
    [kind]
  );
  return rows.find((r) => r.is_current)?.id ?? null;
}

/** Any version of a kind as GeoJSON (for the admin preview before it becomes current). */
export async function versionGeoJson(db: Queryable, versionId: number, toleranceDeg = 0) {
  const { rows } = await db.query<{ fc: unknown }>(
    `select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
              'type', 'Feature', 'id', z.id, 'properties', jsonb_build_object('name', z.name, 'code', z.code),
              'geometry', ST_AsGeoJSON(case when $2::float8 > 0 then ST_SimplifyPreserveTopology(z.geom, $2::float8) else z.geom end, 6)::json)
            ), '[]'::json)) as fc
       from zones z where z.version_id = $1`,
    [versionId, toleranceDeg]
  );
  return rows[0].fc;
}

export async function insertSwitch(
  tx: Queryable,
  s: {
    kind: string;
    fromVersionId: number | null;
    toVersionId: number;
    by: string;
    checked: number;
    changes: unknown[];
  }
): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `insert into layer_switches (kind, from_version_id, to_version_id, switched_by, projects_checked, changes)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [s.kind, s.fromVersionId, s.toVersionId, s.by, s.checked, JSON.stringify(s.changes)]
  );
  return Number(rows[0].id);
}

export interface SwitchRow {
  id: number;
  kind: string;
  from_version_id: number | null;
  to_version_id: number;
  switched_by: string;
  at: Date;
  projects_checked: number;
  changes: unknown[];
}

export async function listSwitches(db: Queryable, limit = 20): Promise<SwitchRow[]> {
  const { rows } = await db.query<SwitchRow>('select * from layer_switches order by id desc limit $1', [limit]);
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** The codes of every layer kind (layer_kinds). */
export async function layerKindCodes(db: Queryable): Promise<string[]> {
  return (await db.query<{ code: string }>('select code from layer_kinds')).rows.map((r) => r.code);
}

/** The kinds that have at least one stored version. */
export async function kindsWithVersions(db: Queryable): Promise<Set<string>> {
  return new Set(
    (await db.query<{ kind: string }>('select distinct kind from layer_versions')).rows.map((r) => r.kind)
  );
}

/** Whether any layer has a current version (classification needs one). */
export async function hasCurrentLayer(db: Queryable): Promise<boolean> {
  return (await db.query('select 1 from layer_versions where is_current limit 1')).rows.length > 0;
}

/** Kinds whose current version is a sample. */
export async function sampleLayerKinds(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ kind: string }>(
    'select kind from layer_versions where is_current and sample order by kind'
  );
  return rows.map((r) => r.kind);
}

/** The current district layer's zone containing the point (EPSG:4490 lon/lat), if any. */
export async function districtAt(
  db: Queryable,
  lon: number,
  lat: number
): Promise<{ code: string; name: string; name_en: string | null } | null> {
  const { rows } = await db.query<{ code: string; name: string; name_en: string | null }>(
    `select z.code, z.name, z.props->>'name_en' as name_en from zones z join layer_versions v on v.id = z.version_id
      where v.kind = 'district' and v.is_current and ST_Intersects(z.geom, ST_SetSRID(ST_Point($1, $2), 4490)) limit 1`,
    [lon, lat]
  );
  return rows[0] ?? null;
}

// Zoning layers: kinds (data), versions (one current per kind) and their zones. All layer SQL lives here.
import type { Queryable } from '../db/index.ts';
import type { Feature, MultiPolygon, Polygon } from 'geojson';

export interface LayerKindRow {
  code: string; name_zh: string; name_en: string; purpose: string; color: string; sort: number;
  version_id: number | null; version: number | null; label: string | null; feature_count: number | null;
  sample: boolean | null; imported_at: Date | null;
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
}

/**
 * Stores a new version of a layer with its zones (made valid) and makes it current, in the caller's transaction.
 * Old versions stay; exactly one version per kind is current.
 */
export async function insertLayerVersion(tx: Queryable, v: NewLayerVersion): Promise<{ id: number; version: number }> {
  const { rows } = await tx.query<{ id: number; version: number }>(
    `insert into layer_versions (kind, version, label, source_name, source_sha256, imported_by, feature_count, total_area_m2, sample)
     select $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5, 0, 0, $6 from layer_versions where kind = $1
     returning id, version`,
    [v.kind, v.label, v.sourceName, v.sourceSha256, v.importedBy, v.sample]
  );
  const { id } = rows[0];
  for (const f of v.features) {
    const p = f.properties ?? {};
    const name = String(p.name ?? p.NAME ?? p.名称 ?? p.code ?? '');
    await tx.query(
      `insert into zones (version_id, name, code, props, geom)
       values ($1, $2, $3, $4, ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON($5), 4490)), 3)))`,
      [id, name, p.code == null ? null : String(p.code), JSON.stringify(p), JSON.stringify(f.geometry)]
    );
  }
  await tx.query(
    `update layer_versions set
       feature_count = (select count(*) from zones where version_id = $1),
       total_area_m2 = coalesce((select sum(ST_Area(ST_Transform(geom, 4549))) from zones where version_id = $1), 0)
     where id = $1`,
    [id]
  );
  await makeCurrent(tx, v.kind, id);
  return rows[0];
}

export async function makeCurrent(tx: Queryable, kind: string, versionId: number) {
  await tx.query('update layer_versions set is_current = false where kind = $1 and is_current', [kind]);
  await tx.query('update layer_versions set is_current = true where id = $1 and kind = $2', [versionId, kind]);
}

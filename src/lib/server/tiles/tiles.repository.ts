// Tile SQL: the zones of one layer version inside a web-mercator tile, clipped (with a small buffer so
// tile edges fall outside the visible area), simplified to the tile's pixel size and moved to integer tile
// coordinates — all in PostGIS. The protobuf encoding happens in JS (mvt.ts): PGlite has no ST_AsMVT.
import type { Queryable } from '../db/index.ts';
import { EXTENT } from './mvt.ts';

/** Pixels of buffer around the tile: polygon edges created by clipping are drawn off-screen. */
export const BUFFER_PX = 64;

export interface TileRow {
  id: number;
  name: string;
  code: string | null;
  props: Record<string, unknown>;
  geojson: string;
}

export async function tileRows(db: Queryable, versionId: number, z: number, x: number, y: number): Promise<TileRow[]> {
  const { rows } = await db.query<TileRow>(
    `with t as (
       select ST_TileEnvelope($2::int, $3::int, $4::int) as env
     ), b as (
       select env, ST_XMin(env) as x0, ST_YMax(env) as y1, (ST_XMax(env) - ST_XMin(env)) as w,
              ST_Transform(ST_Expand(env, (ST_XMax(env) - ST_XMin(env)) * $5::float8 / $6::float8), 4490) as clip4490
         from t
     ), g as (
       select z.id, z.name, z.code, z.props,
              ST_SnapToGrid(ST_Affine(
                ST_SimplifyPreserveTopology(ST_Transform(ST_ClipByBox2D(z.geom, b.clip4490::box2d), 3857), b.w / $6::float8),
                $6::float8 / b.w, 0, 0, -$6::float8 / b.w, -b.x0 * $6::float8 / b.w, b.y1 * $6::float8 / b.w), 1) as geom
         from zones z, b
        where z.version_id = $1 and z.geom && b.clip4490
     )
     select id, name, code, props, ST_AsGeoJSON(geom, 0) as geojson
       from g where not ST_IsEmpty(geom) and ST_Dimension(geom) = 2`,
    [versionId, z, x, y, BUFFER_PX, EXTENT]
  );
  return rows;
}

/** The version a tile request means: the given version id if it belongs to the kind, else the current one. */
export async function resolveVersion(db: Queryable, kind: string, versionId: number | null): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>(
    `select id from layer_versions where kind = $1 and (case when $2::int is null then is_current else id = $2::int end)`,
    [kind, versionId]
  );
  return rows[0]?.id ?? null;
}

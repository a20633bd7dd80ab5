-- One tile rendered from a layer version's zones: $1 version, $2/$3/$4 z/x/y, $5 buffer px, $6 extent. The
-- envelope (EPSG:3857) widened by the buffer clips the zones in 4490, which are simplified to one tile unit,
-- mapped to tile coordinates (y down) and snapped to the integer grid; empty and collapsed shapes are dropped.
with t as (
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
  from g where not ST_IsEmpty(geom) and ST_Dimension(geom) = 2

-- The parcel union: the uploaded polygons ($2, EPSG:4490 GeoJSON) dissolved into one valid MultiPolygon,
-- stored as the project's ($1) current parcel with its source ($3 CRS, $4 original geometries, $5 file) and
-- its area in the area plane. Returns the new parcel's id and area.
with u as (
  select ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_UnaryUnion(ST_Collect(ST_SetSRID(ST_GeomFromGeoJSON(g::text), 4490)))), 3)) as geom
    from json_array_elements($2::json) g)
insert into parcels (project_id, geom, source_crs, source_geojson, area_m2, file_id, is_current)
select $1, u.geom, $3, $4::jsonb, ST_Area(ST_Transform(u.geom, :AREA_SRID)), $5, true from u
returning id, area_m2

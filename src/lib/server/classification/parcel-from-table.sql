-- The stored parcel ($1) as overlay.sql wants it: in EPSG:4490 and in the area plane.
with p as (
  select g, gm, ST_Area(gm) as area_m2 from (select geom as g, ST_Transform(geom, :AREA_SRID) as gm from parcels where id = $1 offset 0) t
),

-- The parcel as overlay.sql wants it: valid, polygonal, in EPSG:4490 ($1) and in the area plane ($2, projected
-- by the caller with the proj4 definition the app measures areas with: no PROJ set-up in the query at all).
with p as (
  -- a ring with no area in lon/lat has none (projection can bend a collinear ring into a sliver)
  select g, gm, case when ST_IsEmpty(g) then 0 else ST_Area(gm) end as area_m2
    from (select ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON($1), 4490)), 3)) as g,
                 ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON($2), :AREA_SRID)), 3)) as gm
          offset 0) t -- a fence: flattened, each use of gm would be computed again
),

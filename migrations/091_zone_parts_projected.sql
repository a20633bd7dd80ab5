-- Each zone part also in the area CRS (EPSG:4549), computed once at import: the overlay then measures
-- intersections without ST_Transform per part. Every ST_Transform call site in a query builds its PROJ
-- transformation afresh (PostGIS caches it per call site and statement); in the embedded WASM build that
-- is ~1 ms each, and the overlay had three. Null only for parts stored by other means (measured on the fly).
alter table zone_parts add column geom_m geometry(Polygon, 4549);
update zone_parts set geom_m = ST_Transform(geom, 4549);

-- The overlay of one parcel with the current version of every layer (classification.repository.ts).
-- A fragment: it follows `with p as (...),` from parcel-from-geojson.sql or parcel-from-table.sql, where p is
-- one row: g = the parcel in EPSG:4490, gm = the same in the area plane (:AREA_SRID), area_m2.
-- Parts that cover the whole parcel (the common case: a parcel well inside a zone) or lie wholly inside it skip
-- ST_Intersection, the costly step; only parts crossing the parcel's edge are clipped, in the area plane with
-- the part's stored projected copy (migration 091): the parcel is the only geometry transformed per query
-- (each ST_Transform call site costs a PROJ set-up, ~1 ms on PGlite).
cur as (
  select v.id, v.kind, k.purpose from layer_versions v join layer_kinds k on k.code = v.kind where v.is_current
),
hits as (
  select zp.zone_id, cur.kind, cur.purpose,
         sum(case when ST_Covers(zp.geom, p.g) then p.area_m2
                  when ST_CoveredBy(zp.geom, p.g) then ST_Area(coalesce(zp.geom_m, ST_Transform(zp.geom, :AREA_SRID)))
                  else ST_Area(ST_Intersection(coalesce(zp.geom_m, ST_Transform(zp.geom, :AREA_SRID)), p.gm)) end) as area_m2
    from p
    join zone_parts zp on zp.geom && p.g
    join cur on cur.id = zp.version_id
   where ST_Intersects(zp.geom, p.g)
   group by zp.zone_id, cur.kind, cur.purpose
)
select p.area_m2 as parcel_m2, h.kind, h.purpose, h.zone_id, z.name,
       coalesce(z.code, z.props->>'code') as code, h.area_m2,
       (select json_agg(json_build_object('kind', v.kind, 'versionId', v.id, 'version', v.version, 'label', v.label, 'sample', v.sample)
                        order by k.sort, v.kind)
          from layer_versions v join layer_kinds k on k.code = v.kind where v.is_current) as versions
  from p
  left join hits h on true
  left join zones z on z.id = h.zone_id

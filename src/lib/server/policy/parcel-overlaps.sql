-- The current parcels of other projects in one of the stages $2 that intersect project $1's current parcel, with
-- the area they share and both parcels' areas (m², in the area plane like the parcels' own area_m2).
select o.project_id, p.code, p.title, p.stage, p.authority_code, p.owner_id, p.submitted_at, a.area_m2, o.area_m2 as other_area_m2,
       ST_Area(ST_Transform(ST_Intersection(a.geom, o.geom), :AREA_SRID)) as overlap_m2
  from parcels a
  join parcels o on o.is_current and o.project_id <> a.project_id and a.geom && o.geom and ST_Intersects(a.geom, o.geom)
  join projects p on p.id = o.project_id
 where a.project_id = $1 and a.is_current and p.stage = any($2::text[])

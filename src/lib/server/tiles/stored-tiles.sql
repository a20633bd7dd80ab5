-- The stored tiles of the wanted versions ($1 ids, or the current ones of $2 kinds, or all current) at
-- z = $3 or their deepest stored zoom above it, covering x/y = $4/$5; versions without a stored tile come back
-- with data null. In the layer list's order.
with v as (
  select v.id, v.kind, v.tile_max_zoom, k.sort, least($3::int, coalesce(v.tile_max_zoom, $3::int)) as dz
    from layer_versions v join layer_kinds k on k.code = v.kind
   where case when $1::int[] is not null then v.id = any($1::int[])
              else v.is_current and ($2::text[] is null or v.kind = any($2::text[])) end
)
select v.id, v.kind, v.sort, v.tile_max_zoom, v.dz, encode(t.data, 'base64') as data
  from v left join layer_tiles t
    on v.tile_max_zoom is not null and t.version_id = v.id and t.z = v.dz
   and t.x = ($4::int >> ($3::int - v.dz)) and t.y = ($5::int >> ($3::int - v.dz))
 order by v.sort, v.kind, v.id

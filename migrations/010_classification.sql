-- Spatial classification: zones subdivided for fast overlays, stored classification results, layer switch reports.

-- Every zone cut into pieces of at most 256 vertices (ST_Subdivide): an overlay then tests a few small
-- boxes instead of a 200k-vertex development boundary. Pieces of one zone do not overlap, so areas add up.
create table zone_parts (
  id bigserial primary key,
  zone_id bigint not null references zones (id) on delete cascade,
  version_id integer not null references layer_versions (id) on delete cascade,
  geom geometry(Polygon, 4490) not null
);
create index zone_parts_geom on zone_parts using gist (geom);
create index zone_parts_version on zone_parts (version_id);
create index zone_parts_zone on zone_parts (zone_id);

-- A trigger, not application code, so every way of adding zones (import, seed, tests) gets its parts.
create function zones_subdivide() returns trigger language plpgsql as $$
begin
  insert into zone_parts (zone_id, version_id, geom)
  select new.id, new.version_id, d.geom
    from (select (ST_Dump(ST_Subdivide(new.geom, 256))).geom as geom) d
   where ST_GeometryType(d.geom) = 'ST_Polygon' and not ST_IsEmpty(d.geom);
  return new;
end $$;
create trigger zones_subdivide after insert on zones for each row execute function zones_subdivide();

-- Zones stored before this migration.
insert into zone_parts (zone_id, version_id, geom)
select z.id, z.version_id, d.geom
  from zones z, lateral (select (ST_Dump(ST_Subdivide(z.geom, 256))).geom as geom) d
 where ST_GeometryType(d.geom) = 'ST_Polygon' and not ST_IsEmpty(d.geom);

-- Each classification of a project's parcel, kept (history): the latest row per project is the current one.
create table classifications (
  id bigserial primary key,
  project_id uuid not null references projects (id) on delete cascade,
  parcel_id uuid not null references parcels (id) on delete cascade,
  land_type text not null check (land_type in ('reserve', 'inside_boundary', 'outside_boundary', 'industrial_block')),
  result jsonb not null,
  layer_versions jsonb not null,
  tolerances jsonb not null,
  at timestamptz not null default now()
);
create index classifications_project on classifications (project_id, id desc);

-- A switch of a layer's current version and what it changed for non-final projects (who to tell, what changed).
create table layer_switches (
  id bigserial primary key,
  kind text not null references layer_kinds (code),
  from_version_id integer references layer_versions (id),
  to_version_id integer not null references layer_versions (id),
  switched_by text not null,
  at timestamptz not null default now(),
  projects_checked integer not null,
  changes jsonb not null default '[]'
);
create index layer_switches_kind on layer_switches (kind, id desc);

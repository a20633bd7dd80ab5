-- After recognition (issue 16; 二.4, 二.5): land contract terms, yearly performance, as-built surveys and
-- their buildings. Every write is also an event in the event log (who, for whom, when, why).

create table contract_terms (
  project_id uuid primary key references projects (id) on delete cascade,
  terms jsonb not null,
  document_id uuid references files (id),
  revision integer not null default 1,
  recorded_by uuid references users (id),
  recorded_at timestamptz not null default now()
);

-- One row per project and calendar year; 'entered' by the enterprise or district, 'confirmed' by the district.
create table performance_reports (
  project_id uuid not null references projects (id) on delete cascade,
  year integer not null check (year between 2000 and 2200),
  tax_wan double precision not null check (tax_wan >= 0),
  output_wan double precision not null check (output_wan >= 0),
  investment_wan double precision not null check (investment_wan >= 0),
  employees integer not null check (employees >= 0),
  status text not null check (status in ('entered', 'confirmed')),
  source text not null check (source in ('enterprise', 'district', 'import')),
  entered_by uuid references users (id),
  entered_at timestamptz not null default now(),
  confirmed_by uuid references users (id),
  confirmed_at timestamptz,
  primary key (project_id, year)
);

-- 竣工测绘: one current survey per project; figures are computed in PostGIS (EPSG:4549) when it is stored.
create table asbuilt_surveys (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references projects (id) on delete cascade,
  parcel_id uuid not null references parcels (id),
  file_id uuid references files (id),
  file_name text not null,
  source_crs text,
  source_format text,
  source_layer text,
  tolerance_m double precision not null check (tolerance_m >= 0),
  parcel_area_m2 double precision,
  footprint_m2 double precision,
  floor_area_m2 double precision,
  encroachment_m2 double precision,
  within_tolerance_m2 double precision,
  plot_ratio double precision,
  coverage double precision,
  building_count integer not null default 0,
  is_current boolean not null default true,
  uploaded_by uuid references users (id),
  uploaded_at timestamptz not null default now(),
  signoff text check (signoff in ('pass', 'fail')),
  signoff_reason text,
  signed_by uuid references users (id),
  signed_at timestamptz
);
create unique index asbuilt_one_current on asbuilt_surveys (project_id) where is_current;

create table asbuilt_buildings (
  survey_id uuid not null references asbuilt_surveys (id) on delete cascade,
  idx integer not null,
  geom geometry(MultiPolygon, 4490) not null,
  floors integer,
  floor_area_stated double precision,
  floor_source jsonb,
  label text,
  footprint_m2 double precision,
  floor_area_m2 double precision,
  outside_geom geometry(MultiPolygon, 4490),
  encroachment_m2 double precision not null default 0,
  within_tolerance_m2 double precision not null default 0,
  primary key (survey_id, idx)
);
create index asbuilt_buildings_geom on asbuilt_buildings using gist (geom);

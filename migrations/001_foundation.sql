-- Foundation schema: authorities, users and sessions, layer versions and zones, projects and parcels, files, events.
create extension if not exists postgis;

create table authorities (
  code text primary key,
  name_zh text not null,
  name_en text not null,
  kind text not null check (kind in ('district', 'lingang'))
);

create table users (
  id uuid primary key default gen_random_uuid(),
  username text not null unique,
  display_name text not null,
  role text not null check (role in ('enterprise', 'district_industry', 'district_department', 'district_government',
    'lingang_committee', 'city_sheitc', 'city_ndrc', 'city_stcsm', 'city_planning', 'city_ecology', 'admin')),
  authority_code text references authorities (code),
  department text,               -- e.g. 区发展改革委 for a district department user
  enterprise_name text,
  uscc text,                     -- 统一社会信用代码 of an enterprise user
  password_hash text not null,
  disabled boolean not null default false,
  demo boolean not null default false,
  created_at timestamptz not null default now(),
  -- district-scoped roles must belong to an authority; city roles and admin must not
  check ((role in ('district_industry', 'district_department', 'district_government', 'lingang_committee')) = (authority_code is not null)
         or role = 'enterprise')
);

-- Sessions live in the database so several app instances share them; only the token's SHA-256 is stored.
create table sessions (
  token_hash text primary key,
  user_id uuid not null references users (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ip text,
  user_agent text
);
create index sessions_user on sessions (user_id);

-- Failed logins, counted per account and per address over a window (rate limit shared by all instances).
create table login_failures (
  id bigserial primary key,
  username text not null,
  ip text not null,
  at timestamptz not null default now()
);
create index login_failures_username on login_failures (username, at);
create index login_failures_ip on login_failures (ip, at);

-- Zoning layer kinds are data: an administrator can add a kind without code.
create table layer_kinds (
  code text primary key,
  name_zh text not null,
  name_en text not null,
  purpose text not null check (purpose in ('authority', 'zoning', 'conflict', 'constraint')),
  color text not null,
  sort integer not null default 100
);

create table layer_versions (
  id serial primary key,
  kind text not null references layer_kinds (code),
  version integer not null,
  label text not null,
  source_name text not null,
  source_sha256 text not null,
  imported_by text not null,
  imported_at timestamptz not null default now(),
  feature_count integer not null,
  total_area_m2 double precision not null,
  is_current boolean not null default false,
  sample boolean not null default false,
  unique (kind, version)
);
create unique index layer_versions_one_current on layer_versions (kind) where is_current;

create table zones (
  id bigserial primary key,
  version_id integer not null references layer_versions (id) on delete cascade,
  name text not null,
  code text,
  props jsonb not null default '{}',
  geom geometry(MultiPolygon, 4490) not null
);
create index zones_geom on zones using gist (geom);
create index zones_version on zones (version_id);

create table files (
  id uuid primary key default gen_random_uuid(),
  sha256 text not null,
  original_name text not null,
  size_bytes bigint not null,
  mime text,
  uploaded_by uuid references users (id),
  uploaded_at timestamptz not null default now()
);
create index files_sha on files (sha256);

create table projects (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,
  title text not null,
  owner_id uuid not null references users (id),
  authority_code text references authorities (code),
  stage text not null default 'draft',
  version integer not null default 1,
  form jsonb not null default '{}',
  land_type text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index projects_authority on projects (authority_code, stage);
create index projects_owner on projects (owner_id);

create table parcels (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references projects (id) on delete cascade,
  geom geometry(MultiPolygon, 4490) not null,
  source_crs text,
  source_geojson jsonb,          -- the original coordinates, as the file had them
  area_m2 double precision not null,
  file_id uuid references files (id),
  is_current boolean not null default true,
  created_at timestamptz not null default now()
);
create index parcels_geom on parcels using gist (geom);
create unique index parcels_one_current on parcels (project_id) where is_current;

create table project_files (
  project_id uuid not null references projects (id) on delete cascade,
  file_id uuid not null references files (id),
  kind text not null,
  added_at timestamptz not null default now(),
  added_by uuid references users (id),
  primary key (project_id, file_id, kind)
);

-- Append-only workflow history: who, in which role, when, from which stage to which, with what.
create table events (
  id bigserial primary key,
  project_id uuid references projects (id),
  actor_id uuid references users (id),
  actor_role text,
  at timestamptz not null default now(),
  action text not null,
  from_stage text,
  to_stage text,
  comment text,
  payload jsonb not null default '{}'
);
create index events_project on events (project_id, id);

create function events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'events are append-only: % is not allowed', tg_op;
end $$;
create trigger events_no_update before update or delete on events
  for each row execute function events_append_only();

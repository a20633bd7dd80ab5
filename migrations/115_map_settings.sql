-- Issue 14.3: map settings the administrator changes in the browser; 'basemap' holds src/lib/domain/basemap.ts
-- BasemapSettings (no row: the offline map, no request leaves the installation).
create table map_settings (
  key text primary key,
  value jsonb not null,
  updated_by uuid references users (id),
  updated_at timestamptz not null default now()
);

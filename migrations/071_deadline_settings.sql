-- Issue 13.4: time limits are configuration the city administrator changes (not constants in code).
-- One row per setting group; 'deadlines' holds src/lib/domain/deadlines.ts DeadlineSettings.
create table workflow_settings (
  key text primary key,
  value jsonb not null,
  updated_by uuid references users (id),
  updated_at timestamptz not null default now()
);
insert into workflow_settings (key, value) values
  ('deadlines', '{"recognitionWorkingDays": 10, "acceptanceWorkingDays": 5, "opinionWorkingDays": 5, "warnAt": 0.5, "alertAt": 0.8}');

-- Recognition workflow (issue 5): the persisted workflow state beside the project row, event versions,
-- project codes, the working-day calendar.

-- The domain's WorkflowState (src/lib/domain/workflow-model.ts) as JSON; projects.stage and
-- projects.version are kept equal to workflow.stage / workflow.version in the same UPDATE, so lists and
-- indexes read plain columns and the optimistic check is `where id = $1 and version = $2`.
alter table projects add column workflow jsonb;
alter table projects add column submitted_at timestamptz;
alter table projects add column decided_at timestamptz;
-- Clock figures cached for lists (recomputed from workflow + calendar whenever a project is read or acted on).
alter table projects add column due_date date;

-- Event version: the state version after the event. Unique per project: a second writer with the same
-- expected version cannot append, even if it slipped past the UPDATE guard.
alter table events add column version integer;
create unique index events_project_version on events (project_id, version) where version is not null;

-- ZL-<year>-<serial>: one counter row per year, incremented atomically (insert … on conflict do update).
create table project_code_counters (
  year integer primary key,
  last integer not null
);

-- Working-day calendar: exceptions to Monday–Friday (statutory holidays, 调休 make-up days).
create table calendar_days (
  date date primary key,
  kind text not null check (kind in ('holiday', 'workday')),
  name text not null,
  name_en text,
  updated_by uuid references users (id),
  updated_at timestamptz not null default now()
);
-- Years whose official schedule is loaded; any other year is provisional (weekends only).
create table calendar_years (
  year integer primary key,
  source text not null,
  updated_at timestamptz not null default now()
);

create index events_action on events (action);
create index projects_stage on projects (stage);

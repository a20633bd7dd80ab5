-- The recognition standard (《“零增地”技术改造正面和负面清单》) as data (issue 7): versioned rule sets the city
-- edits, the GB/T 4754-2017 code table reviewers pick from, evaluations per project with the version used,
-- enterprise declarations, reviewer judgements, overrides of negative-list hits, and publication reports.

-- A rule set: one shared draft at a time, published versions frozen (trigger below).
create table standard_rule_sets (
  id serial primary key,
  version integer unique,            -- assigned on publish; null while draft
  status text not null check (status in ('draft', 'published')),
  title_zh text not null,
  title_en text not null default '',
  sample boolean not null default false,   -- 示意: not the official list
  notes text not null default '',
  criteria jsonb not null,
  based_on integer references standard_rule_sets (id),
  effective_from date,               -- the day from which it governs evaluations (Asia/Shanghai)
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  published_by uuid references users (id),
  published_at timestamptz,
  check ((status = 'published') = (version is not null and effective_from is not null and published_at is not null))
);
create unique index standard_rule_sets_one_draft on standard_rule_sets (status) where status = 'draft';
create index standard_rule_sets_effective on standard_rule_sets (effective_from desc, version desc) where status = 'published';

-- A project keeps the version it was evaluated with: a published version never changes.
create function standard_rule_sets_frozen() returns trigger language plpgsql as $$
begin
  if old.status = 'published' then
    raise exception 'published rule set % (version %) cannot be changed or deleted', old.id, old.version;
  end if;
  return coalesce(new, old);
end $$;
create trigger standard_rule_sets_frozen before update or delete on standard_rule_sets
  for each row execute function standard_rule_sets_frozen();

-- GB/T 4754-2017 国民经济行业分类. Filled from seed/standards/gbt4754-2017.json on first use; replaced by the
-- official table with `zeroland standard load-codes <file.csv>` (source records which one is loaded).
create table industry_codes (
  code text primary key check (code ~ '^[A-T]([0-9]{2}|[0-9]{3}|[0-9]{4})?$'),
  level text not null check (level in ('section', 'division', 'group', 'class')),
  name_zh text not null,
  name_en text not null default '',
  source text not null
);

-- Each evaluation of a project, kept (history); the latest row per project is the current one.
create table standard_evaluations (
  id bigserial primary key,
  project_id uuid not null references projects (id) on delete cascade,
  rule_set_id integer not null references standard_rule_sets (id),
  outcome text not null check (outcome in ('meets', 'incomplete', 'does_not_meet', 'blocked')),
  result jsonb not null,
  trigger text not null,             -- form / boundary / submit / declaration / judgement / publish / manual
  at timestamptz not null default now()
);
create index standard_evaluations_project on standard_evaluations (project_id, id desc);

-- The enterprise's yes/no per declaration criterion, with the supporting document; latest row counts.
create table standard_declarations (
  id bigserial primary key,
  project_id uuid not null references projects (id) on delete cascade,
  criterion_id text not null,
  affirmed boolean not null,
  file_id uuid references files (id),
  declared_by uuid references users (id),
  at timestamptz not null default now()
);
create index standard_declarations_project on standard_declarations (project_id, criterion_id, id desc);

-- A reviewer's judgement on a manual criterion; the comment is required. Latest row counts.
create table standard_judgements (
  id bigserial primary key,
  project_id uuid not null references projects (id) on delete cascade,
  criterion_id text not null,
  verdict text not null check (verdict in ('pass', 'fail')),
  comment text not null check (length(btrim(comment)) > 0),
  judged_by uuid references users (id),
  judged_role text,
  at timestamptz not null default now()
);
create index standard_judgements_project on standard_judgements (project_id, criterion_id, id desc);

-- The district's override of negative-list hits, with its reason; the same transaction appends an event.
create table standard_overrides (
  id bigserial primary key,
  project_id uuid not null references projects (id) on delete cascade,
  rule_set_id integer not null references standard_rule_sets (id),
  criterion_ids jsonb not null,      -- ["N-IND", …]
  reason text not null check (length(btrim(reason)) > 0),
  by_id uuid references users (id),
  by_role text not null,
  authority_code text,
  event_id bigint references events (id),
  at timestamptz not null default now()
);
create index standard_overrides_project on standard_overrides (project_id, id desc);

-- A publication and what it changed for open projects (the report the administrator sees).
create table standard_publications (
  id bigserial primary key,
  rule_set_id integer not null references standard_rule_sets (id),
  published_by uuid references users (id),
  at timestamptz not null default now(),
  projects_checked integer not null,
  changes jsonb not null default '[]'
);

-- District criteria (issue 12 item 4; 沪经信规范〔2020〕9号 一.3 "各区可在此基础上进一步深化工作要求"): each district
-- publishes its own criteria on top of the city's rule set, versioned like it. A published version never changes;
-- a new version replaces it from its effective date. The service refuses a version that loosens a city criterion.
create table district_criteria_sets (
  id serial primary key,
  authority_code text not null references authorities (code),
  version integer not null,
  criteria jsonb not null,
  notes text not null default '',
  -- The city rule set it was checked against when published.
  city_rule_set_id integer not null references standard_rule_sets (id),
  effective_from date not null,
  published_by uuid references users (id),
  published_at timestamptz not null default now(),
  unique (authority_code, version)
);
create index district_criteria_sets_in_force on district_criteria_sets (authority_code, effective_from desc, version desc);

create function district_criteria_sets_frozen() returns trigger language plpgsql as $$
begin
  raise exception 'published district criteria % (version %) cannot be changed or deleted', old.id, old.version;
end $$;
create trigger district_criteria_sets_frozen before update or delete on district_criteria_sets
  for each row execute function district_criteria_sets_frozen();

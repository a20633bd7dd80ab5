-- Policy with teeth (issue 12): the guideline's versions and period of force, the version governing each project,
-- and the path-deciding facts as confirmed by the district planning department.

-- 沪经信规范〔2020〕9号 "自 2020 年 10 月 26 日起施行，有效期至 2025 年 10 月 25 日"; extensions and successors are
-- recorded by the administrator (never edited in place: a new row per version).
create table policy_versions (
  id serial primary key,
  doc_number text not null,
  title text not null,
  kind text not null check (kind in ('original', 'extension', 'successor')),
  effective_from date not null,
  effective_to date,
  based_on integer references policy_versions (id),
  sample boolean not null default false,
  note text not null default '',
  recorded_by uuid references users (id),
  recorded_at timestamptz not null default now(),
  check (effective_to is null or effective_to >= effective_from),
  check ((kind = 'original') = (based_on is null))
);
insert into policy_versions (doc_number, title, kind, effective_from, effective_to, note) values
  ('沪经信规范〔2020〕9号', '规划产业区块外优质项目认定工作指引', 'original', '2020-10-26', '2025-10-25',
   '文件正文：自 2020 年 10 月 26 日起施行，有效期至 2025 年 10 月 25 日。');

-- The version that governed the project: set on submission, replaced by the one in force at the decision.
alter table projects add column policy_version_id integer references policy_versions (id);

-- {newlyTransferred|retainedInPlan|plotRatioAfter: {value, declared, reason, by, at}} recorded by the district
-- planning department; the path is derived from these where present (the enterprise's declaration otherwise).
alter table projects add column confirmed_facts jsonb not null default '{}';

-- Issue 13.2: district departments as data. Each district (and Lingang) has its own departments with
-- stable codes; users are bound by code (users.department_code), never by matching names. Each district
-- has a default invitation set for the joint review (default_invited). Also: users get an e-mail address
-- for notifications (13.5).
create table departments (
  authority_code text not null references authorities (code),
  code text not null check (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  name_zh text not null,
  name_en text not null default '',
  default_invited boolean not null default false,
  active boolean not null default true,
  sort integer not null default 100,
  updated_by uuid references users (id),
  updated_at timestamptz not null default now(),
  primary key (authority_code, code)
);

-- The standard set (src/lib/domain/departments.ts STANDARD_DEPARTMENTS), for every district.
insert into departments (authority_code, code, name_zh, name_en, default_invited, sort)
select a.code, d.code, d.name_zh, d.name_en, d.default_invited, d.sort
  from authorities a
  cross join (values
    ('town_government', '镇政府（街道办事处）', 'Town government / sub-district office', true, 10),
    ('development_reform', '区发展改革委', 'District development and reform commission', true, 20),
    ('planning_resources', '区规划资源局', 'District planning and natural resources bureau', true, 30),
    ('ecology_environment', '区生态环境局', 'District ecology and environment bureau', true, 40),
    ('science_technology', '区科委', 'District science and technology commission', false, 50),
    ('housing_construction', '区住房城乡建设管理委', 'District housing and construction commission', false, 60),
    ('market_regulation', '区市场监管局', 'District market regulation bureau', false, 70),
    ('emergency_management', '区应急管理局', 'District emergency management bureau', false, 80)
  ) as d (code, name_zh, name_en, default_invited, sort)
 where a.kind = 'district';

-- Lingang's committee has offices (处), not district bureaus; no towns of its own in the default set.
insert into departments (authority_code, code, name_zh, name_en, default_invited, sort) values
  ('lingang', 'development_reform', '管委会经济发展处', 'Economic development office', true, 20),
  ('lingang', 'planning_resources', '管委会规划资源处', 'Planning and natural resources office', true, 30),
  ('lingang', 'ecology_environment', '管委会生态环境处', 'Ecology and environment office', true, 40),
  ('lingang', 'science_technology', '管委会科技创新处', 'Science and innovation office', false, 50),
  ('lingang', 'housing_construction', '管委会建设交通处', 'Construction and transport office', false, 60);

alter table users add column department_code text;
alter table users add constraint users_department_fk foreign key (authority_code, department_code) references departments (authority_code, code);
alter table users add column email text check (email is null or email ~ '^[^@\s]+@[^@\s]+$');

-- Accounts from before: bind by the exact official names (departments.ts OFFICIAL_DEPARTMENT_NAMES), with
-- the district's own name stripped. Anything else stays unbound for the administrator to choose.
update users u set department_code = m.code
  from (values
    ('镇政府', 'town_government'), ('镇人民政府', 'town_government'), ('街道办事处', 'town_government'), ('镇政府（街道办事处）', 'town_government'),
    ('区发展和改革委员会', 'development_reform'), ('区发展改革委', 'development_reform'), ('区发改委', 'development_reform'),
    ('区规划和自然资源局', 'planning_resources'), ('区规划资源局', 'planning_resources'), ('规划资源处', 'planning_resources'), ('区规土局', 'planning_resources'),
    ('区生态环境局', 'ecology_environment'), ('生态环境处', 'ecology_environment'),
    ('区科学技术委员会', 'science_technology'), ('区科技委', 'science_technology'), ('区科委', 'science_technology'),
    ('区住房和城乡建设管理委员会', 'housing_construction'), ('区住房城乡建设管理委', 'housing_construction'), ('区住建委', 'housing_construction'),
    ('区建设管理委', 'housing_construction'), ('区建管委', 'housing_construction'),
    ('区市场监督管理局', 'market_regulation'), ('区市场监管局', 'market_regulation'),
    ('区应急管理局', 'emergency_management')
  ) as m (name, code)
 where u.role = 'district_department' and u.department_code is null
   and m.name = regexp_replace(regexp_replace(coalesce(u.department, ''), '^(上海市)?(临港新片区(管委会)?)?', ''), '^[一-龥]{1,3}?(新区|区)(.+)$', '区\2')
   and exists (select 1 from departments d where d.authority_code = u.authority_code and d.code = m.code);

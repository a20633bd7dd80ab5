-- Issued documents (一键成表): every 项目信息表 PDF handed out is kept (content-addressed in `files`) with its
-- public verification code. A code is "superseded" when a later sheet of the same project exists, so rows
-- never change after insert (append-only, like events).
create table issued_documents (
  id bigserial primary key,
  code text not null unique,
  project_id uuid not null references projects (id),
  kind text not null check (kind in ('project_sheet')),
  file_id uuid not null references files (id),
  sha256 text not null,
  -- The name printed on the sheet: the verification page shows what the paper says, even after a rename.
  project_title text not null,
  issued_at timestamptz not null default now(),
  issued_by uuid references users (id)
);
create index issued_documents_project on issued_documents (project_id, kind, id desc);

create function issued_documents_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'issued_documents are append-only: % is not allowed', tg_op;
end $$;
create trigger issued_documents_no_update before update or delete on issued_documents
  for each row execute function issued_documents_append_only();

-- City measures against a district (二.5 约谈 / 通报 / 收回认定权) are events without a project; this index
-- finds a district's measures.
create index events_district_measures on events ((payload->>'authorityCode'), id) where action = 'district_measure';

-- Uploaded files in the database (issue 17.4): with DATABASE_URL every app instance reads and writes the
-- same files here (FILE_STORAGE=postgres, the default then), so instances behind a load balancer need no
-- shared disk. Keys: files/<sha256> (content-addressed, never changed) and uploads/<id>.json (manifests).
-- pg_dump carries them with the rest of the installation.
create table stored_objects (
  key text primary key,
  bytes bytea not null,
  size_bytes bigint not null,
  stored_at timestamptz not null default now()
);

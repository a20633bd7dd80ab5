-- Service accounts and API tokens for other government systems (issue 17.1).
-- A service account is a users row with service = true: it has a role and a district like a person, so
-- every existing permission check applies to it, but it has no usable password (password_hash '!') and
-- signs in only with tokens. A token carries scopes (which operations it may call, named in the OpenAPI
-- document) and its own rate limit; only its SHA-256 is stored, the token itself is shown once.
alter table users add column service boolean not null default false;

create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id),
  name text not null,
  token_hash text not null unique,
  prefix text not null,                         -- the first characters, to recognise a token in lists and logs
  scopes text[] not null check (cardinality(scopes) > 0),
  rate_per_minute integer not null default 600 check (rate_per_minute between 1 and 100000),
  created_by uuid not null references users (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  revoked_at timestamptz,
  revoked_by uuid references users (id),
  last_used_at timestamptz
);
create index api_tokens_user on api_tokens (user_id);

-- Request counts per key and minute, shared by every app instance (rate limits hold behind a load balancer).
create table api_rate (
  key text not null,
  window_start timestamptz not null,
  count integer not null,
  primary key (key, window_start)
);

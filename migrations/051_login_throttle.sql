-- Login throttling (issue 11.9): one row per (account, address) and one per address (username ''),
-- counted atomically with INSERT … ON CONFLICT DO UPDATE … WHERE blocked_until <= now(): of concurrent
-- attempts exactly the allowed number get through. Delays grow per pair instead of a hard account lock,
-- so nobody can lock a named account for everyone. Replaces login_failures.
create table login_throttle (
  username text not null,        -- lower-case; '' = every account from this address
  ip text not null,
  failures integer not null,
  last_failure_at timestamptz not null default now(),
  blocked_until timestamptz not null default '-infinity',
  primary key (username, ip)
);
create index login_throttle_stale on login_throttle (last_failure_at);
drop table login_failures;

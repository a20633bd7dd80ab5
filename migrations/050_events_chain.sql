-- A log that cannot be erased quietly (issue 11.11). TRUNCATE is refused like UPDATE and DELETE, and every
-- event row carries the hash of its predecessor: `zeroland audit verify` recomputes the chain and names the
-- first row that was changed, removed or slipped in.
--
-- The chain is kept by a BEFORE INSERT trigger, so every insert path (services, seeds, psql) is covered.
-- The one-row events_chain_head is locked FOR UPDATE by the trigger: concurrent writers take their place in
-- the chain one after another (the lock is held to commit; a rolled-back insert rolls the head back too).
-- chain_no is the position in the chain (ids are drawn from a sequence before the trigger runs, so with
-- concurrent writers id order and chain order can differ).

alter table events add column chain_no bigint;
alter table events add column prev_hash text;
alter table events add column hash text;

create table events_chain_head (
  one boolean primary key default true check (one),
  last_no bigint not null,
  last_hash text not null,
  last_id bigint
);

-- The hashed text: every column of the row, each quoted (quote_nullable keeps NULL and '' apart), the time
-- in UTC so the session's TimeZone does not matter, jsonb in its canonical text form.
create function events_row_hash(prev text, e events) returns text language sql stable as $$
  select encode(sha256(convert_to(concat_ws('|',
    quote_nullable(prev), quote_nullable(e.chain_no), quote_nullable(e.id), quote_nullable(e.project_id),
    quote_nullable(e.actor_id), quote_nullable(e.actor_role),
    quote_nullable(to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')),
    quote_nullable(e.action), quote_nullable(e.from_stage), quote_nullable(e.to_stage), quote_nullable(e.comment),
    quote_nullable(e.payload::text), quote_nullable(e.version)), 'UTF8')), 'hex')
$$;

-- Existing rows (an installation upgraded in place) are chained in id order.
alter table events disable trigger events_no_update;
do $$
declare
  r events;
  prev text := repeat('0', 64);
  n bigint := 0;
begin
  for r in select * from events order by id loop
    n := n + 1;
    r.chain_no := n;
    update events set chain_no = n, prev_hash = prev, hash = events_row_hash(prev, r) where id = r.id;
    prev := events_row_hash(prev, r);
  end loop;
  insert into events_chain_head (one, last_no, last_hash, last_id) values (true, n, prev, (select max(id) from events));
end $$;
alter table events enable trigger events_no_update;

create unique index events_chain_no on events (chain_no);

create function events_chain() returns trigger language plpgsql as $$
declare
  h events_chain_head;
begin
  select * into h from events_chain_head where one for update;
  new.chain_no := h.last_no + 1;
  new.prev_hash := h.last_hash;
  new.hash := events_row_hash(h.last_hash, new);
  update events_chain_head set last_no = new.chain_no, last_hash = new.hash, last_id = new.id where one;
  return new;
end $$;
create trigger events_chain before insert on events for each row execute function events_chain();

create trigger events_no_truncate before truncate on events
  for each statement execute function events_append_only();

-- The head moves only inside the chain trigger (trigger depth 1); by hand it is refused.
create function events_chain_head_guard() returns trigger language plpgsql as $$
begin
  raise exception 'events_chain_head is kept by the events trigger: % is not allowed', tg_op;
end $$;
create trigger events_chain_head_no_edit before update or delete on events_chain_head
  for each row when (pg_trigger_depth() < 1) execute function events_chain_head_guard();
create trigger events_chain_head_no_truncate before truncate on events_chain_head
  for each statement execute function events_chain_head_guard();

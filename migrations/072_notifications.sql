-- Issue 13.4/13.5: 站内信 and the deadline sweep.
-- One message per person; stored in the transaction of the event that caused it. E-mail (when SMTP_URL is
-- set) is sent after the commit from this table (an outbox): pending → sent | failed; 'none' when the person
-- has no address or SMTP is not configured.
create table notifications (
  id bigserial primary key,
  user_id uuid not null references users (id),
  project_id uuid references projects (id),
  kind text not null,
  subject_zh text not null,
  subject_en text not null,
  body_zh text not null,
  body_en text not null,
  created_at timestamptz not null default now(),
  read_at timestamptz,
  email_to text,
  email_status text not null default 'none' check (email_status in ('none', 'pending', 'sending', 'sent', 'failed')),
  email_error text,
  emailed_at timestamptz
);
create index notifications_user on notifications (user_id, id desc);
create index notifications_unread on notifications (user_id) where read_at is null;
create index notifications_outbox on notifications (id) where email_status = 'pending';

-- Deadline notices sent (each level of each run of each clock once): clock acceptance | recognition | opinion,
-- subject the department code of an opinion clock ('' otherwise), cycle the day the run started.
create table deadline_notices (
  project_id uuid not null references projects (id),
  clock text not null,
  subject text not null default '',
  cycle date not null,
  level text not null check (level in ('warning', 'alert', 'overdue')),
  noticed_on date not null,
  at timestamptz not null default now(),
  primary key (project_id, clock, subject, cycle, level)
);

-- Accounts managed in the browser (issue 11.8): a temporary password set by an administrator must be
-- changed at the first sign-in; when the password last changed and who disabled an account are kept.
alter table users add column must_change_password boolean not null default false;
alter table users add column password_changed_at timestamptz;
alter table users add column disabled_at timestamptz;

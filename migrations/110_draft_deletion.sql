-- Issue 14.2: the owner may delete a draft that was never submitted. The row stays (its events reference
-- it and the event log is append-only); deleted_at hides it from every list and page, and the
-- 'delete_draft' event says who deleted it, when and why.
alter table projects add column deleted_at timestamptz;
alter table projects add column deleted_by uuid references users (id);

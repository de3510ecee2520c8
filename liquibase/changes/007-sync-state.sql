--liquibase formatted sql

-- What lets a sync cost what changed rather than what exists (issue 16).
--
-- sync_state: per share of the events ('' for all of them, or 'I/N'), the id through which every event
-- had an embedding when the last complete sync ended, and the model and text expression (its md5) of the
-- last full check: a change of either makes the next sync check every event first. A sync looks
-- for new events only above it (less a trailing window for transactions that commit late), so a sync with
-- nothing to do reads a handful of index entries.
--changeset iot-embeddings:007-sync-state
create table if not exists ${toolSchema}.sync_state (
  partition text primary key,
  checked_through bigint,
  full_check_model text,
  full_check_text text,
  synced_at timestamptz not null default now()
);

-- event_changes: the change queue. The opt-in capture trigger (install-trigger) appends the id of an event
-- whose text columns an UPDATE changed; a sync embeds it again and deletes exactly the entries it read, in
-- the transaction that writes the new vector. A full check (reconcile) queues what it finds. Entries are
-- appended, never updated, so the user's write never waits for a sync's lock.
--changeset iot-embeddings:007-change-queue
create table if not exists ${toolSchema}.event_changes (
  seq bigint generated always as identity primary key,
  event_id bigint not null,
  queued_at timestamptz not null default now()
);
create index if not exists event_changes_event_id_idx on ${toolSchema}.event_changes (event_id, seq);

-- full_checks: one row per full check (reconcile), for status, validate and the reports.
--changeset iot-embeddings:007-full-checks
create table if not exists ${toolSchema}.full_checks (
  id bigint generated always as identity primary key,
  partition text not null,
  model text not null,
  started_at timestamptz not null,
  finished_at timestamptz not null,
  events bigint not null,
  missing bigint not null,
  stale_text bigint not null,
  other_model bigint not null,
  orphans bigint not null,
  queued bigint not null
);

-- The full check compares every event's text hash with the stored one: an index-only scan of this
-- (80 MB per million rows) instead of the table, whose rows carry 1.5 KB vectors.
--changeset iot-embeddings:007-provenance-index
create index if not exists event_embeddings_provenance_idx on public.event_embeddings (event_id) include (model, text_hash);

-- The newest embeddings (the specification's similarity smoke starts from the latest one) by index, not
-- by sorting the table.
--changeset iot-embeddings:007-created-at-index
create index if not exists event_embeddings_created_at_idx on public.event_embeddings (created_at);

--changeset iot-embeddings:007-revoke splitStatements:true endDelimiter:;
revoke all on all tables in schema ${toolSchema} from public;
revoke all on all sequences in schema ${toolSchema} from public;

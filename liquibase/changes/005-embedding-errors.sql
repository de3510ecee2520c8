--liquibase formatted sql

-- Events that could not be embedded (their text expression raised, or they were deleted between read
-- and write). Later runs retry them with backoff up to a maximum number of attempts; the errors command
-- lists them. No foreign key: a deleted event's error is worth keeping.
--changeset iot-embeddings:005-embedding-errors splitStatements:true endDelimiter:;
create table if not exists public.event_embedding_errors (
  event_id bigint primary key,
  error_class text not null,
  message text not null,
  attempts integer not null default 1,
  first_seen timestamptz not null default now(),
  last_seen timestamptz not null default now(),
  next_attempt_at timestamptz not null default now()
);
alter table public.event_embedding_errors enable row level security;

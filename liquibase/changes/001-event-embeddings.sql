--liquibase formatted sql

-- The specified DDL, verbatim. Every statement is idempotent, so a database where someone already
-- ran this SQL by hand (a Supabase project, say) migrates cleanly.
--changeset iot-embeddings:001-event-embeddings splitStatements:true endDelimiter:;
create extension if not exists vector;
create table if not exists public.event_embeddings (
  event_id bigint primary key references public.iot_events(id) on delete cascade,
  embedding vector(384) not null,
  created_at timestamptz default now()
);
alter table public.event_embeddings enable row level security;
create index if not exists event_embeddings_embedding_idx
  on public.event_embeddings using ivfflat (embedding vector_cosine_ops) with (lists = 100);
analyze public.event_embeddings;

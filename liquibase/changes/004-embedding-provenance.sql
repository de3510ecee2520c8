--liquibase formatted sql

-- Which model embedded each row and a hash of the exact text it embedded, so that a sync re-embeds
-- events whose text changed or that another model embedded, and leaves the rest alone. Nullable:
-- rows written before this changeset (or by hand) count as stale and are re-embedded once.
--changeset iot-embeddings:004-embedding-provenance splitStatements:true endDelimiter:;
alter table public.event_embeddings add column if not exists model text;
alter table public.event_embeddings add column if not exists text_hash text;
comment on column public.event_embeddings.model is 'model that produced the vector, with its token limit, e.g. all-MiniLM-L6-v2@256';
comment on column public.event_embeddings.text_hash is 'md5 of the text that was embedded';

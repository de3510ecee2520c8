--liquibase formatted sql

-- Each distinct text is embedded once (issue 17): before calling the model, a chunk looks up a stored
-- vector by (text hash, model), one index probe per distinct hash. Model is in the key, not a filter:
-- after a model switch, a hash stored 100,000 times under the old model must cost one probe that finds
-- nothing, not 100,000 heap rows. Both columns are equality-only, and a btree's deduplication (PostgreSQL
-- 13+) stores a repeated (hash, model) once; docs/SCALING.md has the size, build time and lookup time at 1M
-- and 10M rows against the alternatives. A plain build locks the table against writes (not reads) while
-- it runs (docs/SCALING.md: how long); on a busy table, create it beforehand with
-- `create index concurrently if not exists` under this name and this changeset does nothing.
--changeset iot-embeddings:008-text-hash-index
create index if not exists event_embeddings_text_hash_idx on public.event_embeddings (text_hash, model);

--liquibase formatted sql

-- The errors list in the order the console and `errors` show it (newest failure first), so a long list
-- is read a page at a time rather than sorted whole on every view. A file of its own: in formatted SQL,
-- lines after a changeset belong to it (and to its checksum) up to the next one.
--changeset iot-embeddings:011-error-list-order splitStatements:true endDelimiter:;
create index if not exists event_embedding_errors_last_seen_idx
  on ${toolSchema}.event_embedding_errors (last_seen desc, event_id desc);

-- scripts/bench-console-pages.sh, after scripts/bench-executions.sql: that script writes the execution
-- contexts as Jackson JSON, but this tool's Spring Batch writes them Java-serialised (its default
-- serialiser, base64 in short_context), and loading an execution (the console's execution page,
-- restart) fails on JSON with "Failed to deserialize object". Here every context still in JSON becomes
-- one the tool wrote: the job's {batch.version=6.0.4}, a chunk step's counters after one event.
--   psql -v schema=embeddings -f scripts/bench-executions-contexts.sql
\set ON_ERROR_STOP on
\if :{?schema}
\else
  \set schema embeddings
\endif
set search_path = :"schema", public;
update batch_job_execution_context set serialized_context = null,
  short_context = 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAAAx3CAAAABAAAAABdAANYmF0Y2gudmVyc2lvbnQABTYuMC40eA=='
where short_context like '{%';
update batch_step_execution_context set serialized_context = null,
  short_context = 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAAAx3CAAAABAAAAAFdAAOcGVuZGluZy5zb3VyY2VzcgARamF2YS5sYW5nLkludGVnZXIS4qCk94GHOAIAAUkABXZhbHVleHIAEGphdmEubGFuZy5OdW1iZXKGrJUdC5TgiwIAAHhwAAAAAHQAD3BlbmRpbmcuYXQubW9zdHNyAA5qYXZhLmxhbmcuTG9uZzuL5JDMjyPfAgABSgAFdmFsdWV4cQB+AAQAAAAAAA9CP3QADHBlbmRpbmcucmVhZHNxAH4ABwAAAAAAAAABdAANYmF0Y2gudmVyc2lvbnQABTYuMC40dAAOYmF0Y2guc3RlcFR5cGV0ADpvcmcuc3ByaW5nZnJhbWV3b3JrLmJhdGNoLmNvcmUuc3RlcC5pdGVtLkNodW5rT3JpZW50ZWRTdGVweA=='
where short_context like '{%';

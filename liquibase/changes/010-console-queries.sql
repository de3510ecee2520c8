--liquibase formatted sql

-- What the operator console (issue 18) asks of the Batch history and the errors list, each page at 50,000
-- executions and 1M events (docs/BENCHMARKS.md, "Console queries at 50,000 executions"). Spring Batch's
-- DDL (changeset 002) has primary keys and nothing else: without these, every list of executions reads
-- all of batch_job_execution_params and batch_step_execution. Each serves one query:
--   params by execution: the mode, limit, chunk size and model of a page's rows (one probe each);
--   the mode filter: executions of one mode, newest first (partial: mode values only, which are short);
--   steps by execution: a page's read/write/skip counts and an execution's steps;
--   executions by instance: a restart's later execution, the latest execution of an instance (restart,
--     retention);
--   status: the status filter, newest first;
--   start time: the day filter, whose pages go by start time (then id), newest first.
-- The Batch tables stay small between retention purges, so a plain build takes a moment.
--changeset iot-embeddings:010-batch-history-indexes splitStatements:true endDelimiter:;
create index if not exists batch_job_execution_params_execution_idx
  on ${toolSchema}.batch_job_execution_params (job_execution_id, parameter_name);
create index if not exists batch_job_execution_params_mode_idx
  on ${toolSchema}.batch_job_execution_params (parameter_value, job_execution_id) where parameter_name = 'mode';
create index if not exists batch_step_execution_job_execution_idx
  on ${toolSchema}.batch_step_execution (job_execution_id);
create index if not exists batch_job_execution_instance_idx
  on ${toolSchema}.batch_job_execution (job_instance_id, job_execution_id);
create index if not exists batch_job_execution_status_idx
  on ${toolSchema}.batch_job_execution (status, job_execution_id);
create index if not exists batch_job_execution_start_time_idx
  on ${toolSchema}.batch_job_execution (start_time, job_execution_id);

-- The execution that last failed on an event, so an execution's page lists the events it failed on.
-- Nullable: errors recorded before this changeset, or outside a run, have none.
--changeset iot-embeddings:010-error-failed-execution splitStatements:true endDelimiter:;
alter table ${toolSchema}.event_embedding_errors add column if not exists failed_execution_id bigint;
create index if not exists event_embedding_errors_failed_execution_idx
  on ${toolSchema}.event_embedding_errors (failed_execution_id, event_id);

-- Synthetic Spring Batch history for the console's benchmarks: :rows executions of the embedding job
-- (embedEvents), as the tool records them, appended to what the database has.
--   psql -v rows=50000 [-v errors=1000] [-v schema=embeddings] -f scripts/bench-executions.sql
-- On a database migrated by the tool (`migrate`: the Batch tables and changeset 010's indexes live in
-- the tool's schema, embeddings by default). One execution a minute, the newest ending a minute ago, so
-- :rows = 50,000 spans about 35 days. Each has its parameters (mode, chunk.size, model, fire.time or
-- launched.at, limit for backfills, sync.checked.through for syncs), one step with its counts, and both
-- execution contexts. Modes: 85 % schedule, 7 % backfill, 5 % sync and one reconcile a day (the rare
-- mode); 1 in 97 FAILED (half of them restarted by the next execution, which keeps the instance and its
-- parameters), 1 in 211 STOPPED, 1 in 503 ABANDONED, the rest COMPLETED. A failure's exit description
-- is a 2,500-character stack trace, as Batch stores one.
-- :errors (default 0) rows are added to the errors list, each naming one of the failed executions
-- (failed_execution_id); their event ids are negative, so they are no real event, and their next attempt
-- is a century away, so no run counts them as due. Sequences are moved
-- past the new ids, so the tool's own runs go on from there. Takes about 10 s for 50,000 on 2 cores.
\set ON_ERROR_STOP on
\if :{?rows}
\else
  \echo 'usage: psql -v rows=N -f scripts/bench-executions.sql'
  \quit
\endif
\if :{?errors}
\else
  \set errors 0
\endif
\if :{?schema}
\else
  \set schema embeddings
\endif
set search_path = :"schema", public;

begin;
create temporary table bench_plan on commit drop as
with base as (
  select coalesce((select max(job_execution_id) from batch_job_execution), 0) as execution_id,
         coalesce((select max(job_instance_id) from batch_job_instance), 0) as instance_id,
         coalesce((select max(step_execution_id) from batch_step_execution), 0) as step_id
), numbered as (
  select i,
    case when i % 1440 = 0 then 'reconcile'
         when i % 100 < 7 then 'backfill'
         when i % 100 < 12 then 'sync'
         else 'schedule' end as mode,
    case when i % 97 = 0 then 'FAILED' when i % 211 = 0 then 'STOPPED' when i % 503 = 0 then 'ABANDONED'
         else 'COMPLETED' end as own_status,
    -- The execution after every other failure restarts it.
    (i > 1 and (i - 1) % 194 = 0) as is_restart
  from generate_series(1, :rows) as i
)
select n.i, b.execution_id + n.i as execution_id, b.step_id + n.i as step_id,
  b.instance_id + case when n.is_restart then n.i - 1 else n.i end as instance_id,
  n.is_restart,
  -- A restart keeps the mode of the execution it resumes, and completes.
  case when n.is_restart then p.mode else n.mode end as mode,
  case when n.is_restart then 'COMPLETED' else n.own_status end as status,
  localtimestamp - make_interval(mins => :rows - n.i + 1) as start_time
from numbered n
cross join base b
left join numbered p on p.i = n.i - 1;

insert into batch_job_instance (job_instance_id, version, job_name, job_key)
select instance_id, 0, 'embedEvents', md5('bench-' || instance_id) from bench_plan where not is_restart;

insert into batch_job_execution (job_execution_id, version, job_instance_id, create_time, start_time, end_time,
  status, exit_code, exit_message, last_updated)
select execution_id, 2, instance_id, start_time, start_time,
  start_time + make_interval(secs => case mode when 'backfill' then 40 when 'reconcile' then 25 else 3 end),
  status, status,
  case status when 'FAILED' then left('org.springframework.batch.core.step.FatalStepExecutionException: Unable to'
    || ' process chunk' || repeat(E'\n\tat org.springframework.batch.core.step.item.ChunkOrientedStep.doExecute'
    || '(ChunkOrientedStep.java:372)', 30), 2500) else '' end,
  start_time
from bench_plan;

-- Parameters: a restart's are its instance's (Batch copies them to each execution).
insert into batch_job_execution_params (job_execution_id, parameter_name, parameter_type, parameter_value, identifying)
select execution_id, 'mode', 'java.lang.String', mode, 'Y' from bench_plan
union all
select execution_id, 'chunk.size', 'java.lang.Long', '256', 'Y' from bench_plan
union all
select execution_id, 'model', 'java.lang.String', 'all-minilm-l6-v2/max128/mean/prefix=none', 'Y' from bench_plan
union all
select execution_id, case when mode = 'schedule' then 'fire.time' else 'launched.at' end, 'java.time.LocalDateTime',
  to_char(start_time - make_interval(mins => case when is_restart then 1 else 0 end), 'YYYY-MM-DD"T"HH24:MI:SS'), 'Y'
from bench_plan
union all
select execution_id, 'limit', 'java.lang.Long', '10000', 'Y' from bench_plan where mode = 'backfill'
union all
select execution_id, 'sync.checked.through', 'java.lang.Long', (1000000 + i)::text, 'N' from bench_plan
where mode <> 'backfill';

-- The contexts as the tool's Spring Batch stores them (Java serialisation, base64; loading an execution
-- reads them): the job's {batch.version=6.0.4}, and a chunk step's counters after one event, copied from
-- contexts the tool wrote.
insert into batch_job_execution_context (job_execution_id, short_context, serialized_context)
select execution_id, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAAAx3CAAAABAAAAABdAANYmF0Y2gudmVyc2lvbnQABTYuMC40eA==', null from bench_plan;

insert into batch_step_execution (step_execution_id, version, step_name, job_execution_id, create_time, start_time,
  end_time, status, commit_count, read_count, filter_count, write_count, read_skip_count, write_skip_count,
  process_skip_count, rollback_count, exit_code, exit_message, last_updated)
select step_id, 3, 'embedChunks', execution_id, start_time, start_time,
  start_time + make_interval(secs => case mode when 'backfill' then 40 when 'reconcile' then 25 else 3 end),
  status, case mode when 'backfill' then 40 else 1 end, rows_read, 0, rows_read - skipped, 0, 0, skipped,
  case status when 'FAILED' then 1 else 0 end, status, '', start_time
from (select *, case mode when 'backfill' then 10000 when 'reconcile' then 500 else 20 + i % 40 end as rows_read,
        case when i % 50 = 0 then 1 else 0 end as skipped from bench_plan) p;

insert into batch_step_execution_context (step_execution_id, short_context, serialized_context)
select step_id, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAAAx3CAAAABAAAAAFdAAOcGVuZGluZy5zb3VyY2VzcgARamF2YS5sYW5nLkludGVnZXIS4qCk94GHOAIAAUkABXZhbHVleHIAEGphdmEubGFuZy5OdW1iZXKGrJUdC5TgiwIAAHhwAAAAAHQAD3BlbmRpbmcuYXQubW9zdHNyAA5qYXZhLmxhbmcuTG9uZzuL5JDMjyPfAgABSgAFdmFsdWV4cQB+AAQAAAAAAA9CP3QADHBlbmRpbmcucmVhZHNxAH4ABwAAAAAAAAABdAANYmF0Y2gudmVyc2lvbnQABTYuMC40dAAOYmF0Y2guc3RlcFR5cGV0ADpvcmcuc3ByaW5nZnJhbWV3b3JrLmJhdGNoLmNvcmUuc3RlcC5pdGVtLkNodW5rT3JpZW50ZWRTdGVweA==', null
from bench_plan;

insert into event_embedding_errors (event_id, error_class, message, attempts, first_seen, last_seen, next_attempt_at,
  failed_execution_id)
select -(coalesce((select -min(event_id) from event_embedding_errors where event_id < 0), 0) + n),
  'TextExpressionFailed', 'invalid input syntax for type integer: "not-a-number"', 1 + n % 5, now(), now(),
  now() + interval '100 years', f.execution_id
from generate_series(1, :errors) as n
join (select execution_id, row_number() over (order by execution_id) as k, count(*) over () as total
      from bench_plan where status = 'FAILED') f on f.k = n % f.total + 1;

select setval('batch_job_execution_seq', (select max(job_execution_id) from batch_job_execution));
select setval('batch_job_instance_seq', (select max(job_instance_id) from batch_job_instance));
select setval('batch_step_execution_seq', (select max(step_execution_id) from batch_step_execution));
commit;

analyze batch_job_instance, batch_job_execution, batch_job_execution_params, batch_job_execution_context,
  batch_step_execution, batch_step_execution_context, event_embedding_errors;

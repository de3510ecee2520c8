-- The console's queries at scale, as prepared statements, for scripts/bench-console-queries.sh, which
-- EXPLAIN ANALYZEs each one. The same SQL as ExecutionHistory and EmbeddingErrors send (keep them equal),
-- with the filters' fragments put together as ExecutionHistory.page puts them, and the queries Spring
-- Batch's JDBC repository sends to load one execution (JdbcJobExecutionDao, JdbcStepExecutionDao).
-- Parameters: the values, typed as the JDBC driver sends them.
\set ON_ERROR_STOP on
set search_path = :"schema", public;
-- As ExecutionHistory.page sets it for its query: after five runs PostgreSQL would otherwise settle on
-- a generic plan, made without the values (RUNS=7 and GENERIC=true show what that costs).
\if :{?generic}
\else
set plan_cache_mode = force_custom_plan;
\endif

-- page(filter, before, 25): 26 rows asked, the 26th says whether there is an older page.
prepare page_none(bigint) as
select je.job_execution_id, je.status, je.start_time, je.end_time, je.exit_message,
  (select p.parameter_value from batch_job_execution_params p
    where p.job_execution_id = je.job_execution_id and p.parameter_name = 'mode') as mode,
  (select p.parameter_value from batch_job_execution_params p
    where p.job_execution_id = je.job_execution_id and p.parameter_name = 'limit') as run_limit,
  (select p.parameter_value from batch_job_execution_params p
    where p.job_execution_id = je.job_execution_id and p.parameter_name = 'chunk.size') as chunk_size,
  (select p.parameter_value from batch_job_execution_params p
    where p.job_execution_id = je.job_execution_id and p.parameter_name = 'model') as model,
  s.read_count, s.write_count, s.skip_count
from (select je.job_execution_id from batch_job_execution je
      join batch_job_instance ji on ji.job_instance_id = je.job_instance_id
      where ji.job_name = 'embedEvents' and je.job_execution_id < $1
      order by je.job_execution_id desc limit 26) page
join batch_job_execution je on je.job_execution_id = page.job_execution_id
cross join lateral (select coalesce(sum(se.read_count), 0) as read_count,
    coalesce(sum(se.write_count), 0) as write_count,
    coalesce(sum(se.read_skip_count + se.process_skip_count + se.write_skip_count), 0) as skip_count
  from batch_step_execution se where se.job_execution_id = je.job_execution_id) s
order by je.job_execution_id desc;

-- The other pages differ only in the inner query: the fragments ExecutionHistory.page adds.
\set summary 'select je.job_execution_id, je.status, je.start_time, je.end_time, je.exit_message, (select p.parameter_value from batch_job_execution_params p where p.job_execution_id = je.job_execution_id and p.parameter_name = ''mode'') as mode, (select p.parameter_value from batch_job_execution_params p where p.job_execution_id = je.job_execution_id and p.parameter_name = ''limit'') as run_limit, (select p.parameter_value from batch_job_execution_params p where p.job_execution_id = je.job_execution_id and p.parameter_name = ''chunk.size'') as chunk_size, (select p.parameter_value from batch_job_execution_params p where p.job_execution_id = je.job_execution_id and p.parameter_name = ''model'') as model, s.read_count, s.write_count, s.skip_count from ('
\set rest ') page join batch_job_execution je on je.job_execution_id = page.job_execution_id cross join lateral (select coalesce(sum(se.read_count), 0) as read_count, coalesce(sum(se.write_count), 0) as write_count, coalesce(sum(se.read_skip_count + se.process_skip_count + se.write_skip_count), 0) as skip_count from batch_step_execution se where se.job_execution_id = je.job_execution_id) s order by je.job_execution_id desc'
\set executions 'select je.job_execution_id from batch_job_execution je join batch_job_instance ji on ji.job_instance_id = je.job_instance_id where ji.job_name = ''embedEvents'''
\set mode_filter ' and je.job_execution_id in (select p.job_execution_id from batch_job_execution_params p where p.parameter_name = ''mode'' and p.parameter_value = $2)'
\set newest ' order by je.job_execution_id desc limit 26'

prepare page_status(bigint, varchar) as :summary :executions and je.job_execution_id < $1 and je.status = $2 :newest :rest;
prepare page_mode(bigint, varchar) as :summary :executions and je.job_execution_id < $1
  and je.job_execution_id in (select p.job_execution_id from batch_job_execution_params p
    where p.parameter_name = 'mode' and p.parameter_value = $2 and p.job_execution_id < $1) :newest :rest;
-- With a day filter, pages go by start time, then id (the start time index), from the row of $1.
\set before_start ' and (je.start_time, je.job_execution_id) < (coalesce((select b.start_time from batch_job_execution b where b.job_execution_id = $1), ''-infinity''), $1)'
\set by_start ' order by je.start_time desc, je.job_execution_id desc'
\set rest_by_start ') page join batch_job_execution je on je.job_execution_id = page.job_execution_id cross join lateral (select coalesce(sum(se.read_count), 0) as read_count, coalesce(sum(se.write_count), 0) as write_count, coalesce(sum(se.read_skip_count + se.process_skip_count + se.write_skip_count), 0) as skip_count from batch_step_execution se where se.job_execution_id = je.job_execution_id) s order by je.start_time desc, je.job_execution_id desc'
prepare page_days_first(timestamp, timestamp) as :summary :executions
  and je.start_time >= $1 and je.start_time < $2 :by_start limit 26 :rest_by_start;
prepare page_days(bigint, timestamp, timestamp) as :summary :executions :before_start
  and je.start_time >= $2 and je.start_time < $3 :by_start limit 26 :rest_by_start;
prepare page_status_mode_days_first(varchar, varchar, timestamp, timestamp) as :summary :executions
  and je.status = $2
  and je.job_execution_id in (select p.job_execution_id from batch_job_execution_params p
    where p.parameter_name = 'mode' and p.parameter_value = $1)
  and je.start_time >= $3 and je.start_time < $4 :by_start limit 26 :rest_by_start;
prepare page_status_mode_days(bigint, varchar, varchar, timestamp, timestamp) as :summary :executions
  :before_start and je.status = $3
  and je.job_execution_id in (select p.job_execution_id from batch_job_execution_params p
    where p.parameter_name = 'mode' and p.parameter_value = $2)
  and je.start_time >= $4 and je.start_time < $5 :by_start limit 26 :rest_by_start;
-- latest(100): the throughput chart.
prepare latest_100 as :summary :executions order by je.job_execution_id desc limit 101 :rest;
-- detail(id): its summary, then what JobRepository.getJobExecution reads, the restart that followed it,
-- the events it failed on; and the latest execution of its instance (what restart and abandon check).
prepare detail_summary(bigint) as :summary :executions and je.job_execution_id = $1 :rest;
prepare detail_execution(bigint) as
select job_execution_id, start_time, end_time, status, exit_code, exit_message, create_time, last_updated, version
from batch_job_execution where job_execution_id = $1;
prepare detail_parameters(bigint) as
select job_execution_id, parameter_name, parameter_type, parameter_value, identifying
from batch_job_execution_params where job_execution_id = $1;
prepare detail_steps(bigint) as
select step_execution_id, step_name, start_time, end_time, status, commit_count, read_count, filter_count,
  write_count, exit_code, exit_message, read_skip_count, write_skip_count, process_skip_count, rollback_count,
  last_updated, version, create_time
from batch_step_execution where job_execution_id = $1 order by step_execution_id;
prepare detail_restarted_as(bigint, bigint) as
select min(job_execution_id) from batch_job_execution where job_instance_id = $1 and job_execution_id > $2;
prepare detail_failed_in(integer, bigint, integer) as
select event_id, error_class, message, attempts, first_seen, last_seen, next_attempt_at, attempts >= $1 as given_up
from event_embedding_errors where failed_execution_id = $2 order by event_id desc limit $3;
prepare last_of_instance(bigint) as
select job_execution_id from batch_job_execution
where job_instance_id = $1 and job_execution_id in (select max(job_execution_id) from batch_job_execution e2
  where e2.job_instance_id = $1);
-- Before issue 18: EmbeddingRuns.recent's query (`executions`, `status`, the reports), which grouped
-- every execution with its steps before taking the latest; the script times it without changeset 010's
-- indexes (dropped in a transaction it rolls back) and with them.
prepare recent_before_010(integer) as
select je.job_execution_id, je.status, je.start_time, je.end_time, je.exit_message,
  (select p.parameter_value from batch_job_execution_params p
    where p.job_execution_id = je.job_execution_id and p.parameter_name = 'mode') as mode,
  (select p.parameter_value from batch_job_execution_params p
    where p.job_execution_id = je.job_execution_id and p.parameter_name = 'limit') as run_limit,
  (select p.parameter_value from batch_job_execution_params p
    where p.job_execution_id = je.job_execution_id and p.parameter_name = 'chunk.size') as chunk_size,
  (select p.parameter_value from batch_job_execution_params p
    where p.job_execution_id = je.job_execution_id and p.parameter_name = 'model') as model,
  coalesce(sum(se.read_count), 0) as read_count, coalesce(sum(se.write_count), 0) as write_count,
  coalesce(sum(se.read_skip_count + se.process_skip_count + se.write_skip_count), 0) as skip_count
from batch_job_execution je
join batch_job_instance ji on ji.job_instance_id = je.job_instance_id and ji.job_name = 'embedEvents'
left join batch_step_execution se on se.job_execution_id = je.job_execution_id
group by je.job_execution_id
order by je.job_execution_id desc
limit $1;

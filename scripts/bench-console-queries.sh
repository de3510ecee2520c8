#!/usr/bin/env bash
# The console's queries at scale, for docs/BENCHMARKS.md ("Console queries at 50,000 executions"):
#   scripts/bench-console-queries.sh [EXECUTIONS]        (default 50000)
# In a throw-away database on the local default server (iot_embeddings_console_EXECUTIONS; the main
# database is not touched): the demo events table, empty, and `migrate` (so the Batch tables and
# changeset 010's indexes are the ones users get); then scripts/bench-executions.sql with EXECUTIONS
# executions and 1,000 failed events. Each query of scripts/bench-console-queries.sql is run 7 times
# in one session (EXPLAIN ANALYZE, warm cache); the table gives the median execution time, the slowest,
# and the buffers and rows of the last run; the plans go to target/bench-console/EXECUTIONS/plans.txt.
# Measurements hold /tmp/iot-bench.lock (shared with the other benchmarks); `uptime` is printed with them.
# The number of events does not matter: none of these queries reads iot_events or event_embeddings.
# KEEP=true reuses a database already built with EXECUTIONS executions. GENERIC=true leaves PostgreSQL's
# plan cache alone (its default, plan_cache_mode = auto), to see why ExecutionHistory plans each page.
set -euo pipefail

cd "$(dirname "$0")/.."
source scripts/lib.sh

EXECUTIONS="${1:-50000}"
BENCH_DB="iot_embeddings_console_$EXECUTIONS"
OUT="target/bench-console/$EXECUTIONS"
RUNS=7
SCHEMA=embeddings

using_local_default || die "scripts/bench-console-queries.sh uses the local default server: unset DATABASE_URL (environment and .env)"
mkdir -p "$OUT"
generic=()
[[ "${GENERIC:-false}" == true ]] && generic=(-v generic=true)
db() { runuser -u postgres -- psql -X -d "$BENCH_DB" -v ON_ERROR_STOP=1 -v schema="$SCHEMA" "${generic[@]}" -qAt "$@"; }

if [[ "${KEEP:-false}" != true ]] || [[ "$(db -c "select count(*) from $SCHEMA.batch_job_execution" 2>/dev/null || echo 0)" -lt "$EXECUTIONS" ]]; then
  bash scripts/provision-db.sh >/dev/null
  ensure_jar
  use_scratch_database "$BENCH_DB"
  scripts/iot-embeddings demo-seed --events=0 >/dev/null
  scripts/iot-embeddings migrate >/dev/null
  start=$(date +%s%3N)
  db -v rows="$EXECUTIONS" -v errors=1000 -f scripts/bench-executions.sql >/dev/null
  say "loaded $EXECUTIONS executions in $(( $(date +%s%3N) - start )) ms"
fi

# Parameters: the newest page and the oldest one (the 25 oldest rows of the filter), a day in the middle
# of the history and a week around it, a failed execution with failed events and a restart after it.
q() { db -c "set search_path = $SCHEMA, public" -c "$1"; }
newest=$(( $(q "select max(job_execution_id) from batch_job_execution") + 1 ))
oldest_before() { q "select job_execution_id + 1 from batch_job_execution je where $1 order by job_execution_id offset 25 limit 1"; }
oldest_before_start() { q "select job_execution_id from batch_job_execution je where $1 order by start_time, job_execution_id offset 25 limit 1"; }
mode_is() { echo "exists (select 1 from batch_job_execution_params p where p.job_execution_id = je.job_execution_id and p.parameter_name = 'mode' and p.parameter_value = '$1')"; }
day=$(q "select (start_time::date) from batch_job_execution order by job_execution_id offset ($EXECUTIONS / 2) limit 1")
first_day=$(q "select min(start_time)::date + 1 from batch_job_execution")
failed=$(q "select failed_execution_id from event_embedding_errors group by 1 order by count(*) desc, 1 desc limit 1")
instance=$(q "select job_instance_id from batch_job_execution where job_execution_id = $failed")

# add LABEL [SETUP] STATEMENT: SETUP runs first in a transaction that is rolled back at the end.
declare -a LABELS=() SETUPS=() STATEMENTS=()
add() {
  LABELS+=("$1")
  if (( $# == 3 )); then SETUPS+=("$2"); STATEMENTS+=("$3"); else SETUPS+=(""); STATEMENTS+=("$2"); fi
}
add "page, no filter, newest" "execute page_none($newest)"
add "page, no filter, oldest" "execute page_none($(oldest_before true))"
add "page, status FAILED, newest" "execute page_status($newest, 'FAILED')"
add "page, status FAILED, oldest" "execute page_status($(oldest_before "status = 'FAILED'"), 'FAILED')"
add "page, status COMPLETED, oldest" "execute page_status($(oldest_before "status = 'COMPLETED'"), 'COMPLETED')"
add "page, status STARTED (none)" "execute page_status($newest, 'STARTED')"
add "page, mode reconcile (rare), newest" "execute page_mode($newest, 'reconcile')"
add "page, mode reconcile (rare), oldest" "execute page_mode($(oldest_before "$(mode_is reconcile)"), 'reconcile')"
add "page, mode schedule (common), oldest" "execute page_mode($(oldest_before "$(mode_is schedule)"), 'schedule')"
add "page, one day in the middle" "execute page_days_first('$day', date '$day' + 1)"
add "page, the oldest day" "execute page_days_first('$first_day', date '$first_day' + 1)"
add "page, one week, oldest" "execute page_days($(oldest_before_start "start_time >= date '$day' - 3 and start_time < date '$day' + 4"), date '$day' - 3, date '$day' + 4)"
add "page, from a day on, next page" "execute page_days($(q "select job_execution_id from batch_job_execution order by start_time desc, job_execution_id desc offset 25 limit 1"), '$first_day', 'infinity')"
add "page, FAILED + backfill + one week" "execute page_status_mode_days_first('backfill', 'FAILED', date '$day' - 3, date '$day' + 4)"
add "page, COMPLETED + schedule + from a day on, oldest" "execute page_status_mode_days($(oldest_before_start "status = 'COMPLETED' and $(mode_is schedule) and start_time >= date '$first_day'"), 'schedule', 'COMPLETED', '$first_day', 'infinity')"
add "page, FAILED + reconcile (none) + all days" "execute page_status_mode_days_first('reconcile', 'FAILED', date '2000-01-01', date '2100-01-01')"
add "latest(100)" "execute latest_100"
add "detail: summary" "execute detail_summary($failed)"
add "detail: execution (Batch)" "execute detail_execution($failed)"
add "detail: parameters (Batch)" "execute detail_parameters($failed)"
add "detail: steps (Batch)" "execute detail_steps($failed)"
add "detail: restarted as" "execute detail_restarted_as($instance, $failed)"
add "detail: failedIn(id, 100)" "execute detail_failed_in(5, $failed, 100)"
add "last execution of its instance (Batch)" "execute last_of_instance($instance)"
add "before: recent(20) as it was, with changeset 010's indexes" "execute recent_before_010(20)"
drop_010="drop index batch_job_execution_params_execution_idx, batch_job_execution_params_mode_idx,
  batch_step_execution_job_execution_idx, batch_job_execution_instance_idx, batch_job_execution_status_idx,
  batch_job_execution_start_time_idx"
add "before: recent(20) as it was, without them" "$drop_010" "execute recent_before_010(20)"
add "before: detail's parameters and steps (Batch), without them" "$drop_010" "execute detail_steps($failed)"

# Measurements hold the lock other benchmarks on this machine share (10 minutes at most, then say so).
exec 9>/tmp/iot-bench.lock
flock -w 600 9 || say "measuring without /tmp/iot-bench.lock: another benchmark held it for 10 minutes"
: >"$OUT/plans.txt"
echo "Console queries at $EXECUTIONS executions ($(q "select count(*) from batch_job_execution_params") parameters," \
  "$(q "select count(*) from event_embedding_errors") failed events); $(uptime | sed 's/.*load average: /load /')"
echo
echo "| Query | Median | Slowest | Rows | Buffers (last run) | Plan (outermost scans) |"
echo "|---|---:|---:|---:|---|---|"
for i in "${!LABELS[@]}"; do
  plans=$({
    echo '\i scripts/bench-console-queries.sql'
    if [[ -n "${SETUPS[$i]}" ]]; then echo "begin; ${SETUPS[$i]};"; fi
    for _ in $(seq "$RUNS"); do echo "explain (analyze, buffers) ${STATEMENTS[$i]};"; done
    if [[ -n "${SETUPS[$i]}" ]]; then echo "rollback;"; fi
  } | db -f -)
  last=$(awk -v runs="$RUNS" 'BEGIN { n = 0 } { block[n] = block[n] $0 "\n" } /^Execution Time/ { n++ } END { printf "%s", block[runs - 1] }' <<<"$plans")
  times=$(sed -n 's/^Execution Time: \([0-9.]*\) ms/\1/p' <<<"$plans" | sort -n)
  median=$(awk -v runs="$RUNS" '{ v[NR] = $1 } END { print v[int((runs + 1) / 2)] }' <<<"$times")
  slowest=$(tail -n 1 <<<"$times")
  rows=$(head -n 1 <<<"$last" | sed -n 's/.*actual time=[^ ]* rows=\([0-9]*\).*/\1/p')
  buffers=$(grep -m 1 'Buffers:' <<<"$last" | sed 's/^ *Buffers: //')
  scans=$(grep -o '\(Index Only Scan\( Backward\)\? using [a-z_]*\|Index Scan\( Backward\)\? using [a-z_]*\|Bitmap Index Scan on [a-z_]*\|Seq Scan on [a-z_]*\)' <<<"$last" | sort | uniq | paste -sd ';' | sed 's/;/; /g')
  printf '| %s | %s ms | %s ms | %s | %s | %s |\n' "${LABELS[$i]}" "$median" "$slowest" "$rows" "$buffers" "$scans"
  { echo "=== ${LABELS[$i]}: ${STATEMENTS[$i]}"; echo "$last"; echo; } >>"$OUT/plans.txt"
done
echo
echo "Plans: $OUT/plans.txt"

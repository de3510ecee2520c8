#!/usr/bin/env bash
# Recovery from a network partition with the DEFAULT bounds (statement 60 s, read 75 s, lock sessions
# 60 s, idle in transaction 60 s), and a backfill over a slow network, for docs/BENCHMARKS.md and
# docs/RELIABILITY.md, in throw-away databases (iot_embeddings_partition, iot_embeddings_slow) on the
# local default server; the main database is left alone.
#
#   scripts/bench-partition.sh      # BACKLOG_EVENTS=3000 WRITE_DELAY=0.02 CUT_AFTER=640 SLOW_EVENTS=1000 DELAY_MS=50
#
# The network is the FaultyProxy of the tests (src/test/java/.../support/FaultyProxy.java), run as a
# process of its own (support/FaultyProxyMain, from target/test-classes: built with `./mvnw test-compile`
# when missing): it forwards TCP to the server and, when told, silences every open flow for good (no FIN,
# no RST; new flows work: the heal is immediate for new connections) or delays every chunk of bytes.
#
# 1. Partition: `schedule` (default cron, every minute; change trigger installed; default bounds) talks to
#    PostgreSQL through the proxy while it embeds a backlog of BACKLOG_EVENTS demo events; a trigger makes
#    each embedding write sleep WRITE_DELAY s (as TestDatabase.recordWrites does), so a 64-event chunk
#    takes over a second and the partition lands mid-run, after CUT_AFTER events. Then every open flow
#    goes silent, and a new event is inserted. Measured from the cut, on the server's clock: when the
#    interrupted execution ends (its end_time) or is resumed, when the new event and the whole backlog
#    are embedded (commit of the write), that each event was written once (a deferred trigger records
#    every committed write), the liveness and readiness probes every second, and the server's sessions
#    of the database every second (target/bench-partition/sessions.txt).
# 2. Slow network: `backfill --limit=SLOW_EVENTS` through the proxy, with no delay and with DELAY_MS per
#    chunk of bytes (each way), twice each (0, DELAY_MS, DELAY_MS, 0), the embeddings deleted between
#    runs so each run embeds the same texts with the model.
# Measurements hold /tmp/iot-bench.lock (shared with the other benchmarks); the load average is printed.
set -euo pipefail

cd "$(dirname "$0")/.."
source scripts/lib.sh

BENCH_DB=iot_embeddings_partition
SLOW_DB=iot_embeddings_slow
BACKLOG="${BACKLOG_EVENTS:-3000}"
WRITE_DELAY="${WRITE_DELAY:-0.02}"
CUT_AFTER="${CUT_AFTER:-640}"
SLOW_EVENTS="${SLOW_EVENTS:-1000}"
DELAY_MS="${DELAY_MS:-50}"
ROLE="${LOCAL_DB_ROLE:-iot_embeddings}"
DB_PORT="${LOCAL_DB_PORT:-5432}"
OUT="target/bench-partition"
PROXY_CLASS=target/test-classes/io/github/iotembeddings/support/FaultyProxyMain.class

using_local_default || die "scripts/bench-partition.sh uses the local default server: unset DATABASE_URL (environment and .env)"
command -v python3 >/dev/null || die "python3 is needed to pick free ports"
bash scripts/provision-db.sh >/dev/null
ensure_jar
if [[ ! -f $PROXY_CLASS || -n "$(find src/test/java/io/github/iotembeddings/support -name 'FaultyProxy*.java' -newer "$PROXY_CLASS")" ]]; then
  say "compiling the test classes (the proxy)"
  ./mvnw -B -q test-compile
fi
mkdir -p "$OUT"
rm -rf "${OUT:?}"/*

exec 9>/tmp/iot-bench.lock
say "waiting for /tmp/iot-bench.lock (another benchmark may be running)"
flock -w 1800 9 || die "another benchmark held /tmp/iot-bench.lock for 30 minutes"

app() { scripts/iot-embeddings "$@"; }
db() { runuser -u postgres -- psql -X -d "$BENCH_DB" -v ON_ERROR_STOP=1 -qAt "$@"; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

scheduler=""
proxy_pid=""
background=()
cleanup() {
  for pid in "${background[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [[ -n "$scheduler" ]]; then
    kill -TERM "$scheduler" 2>/dev/null || true
    wait "$scheduler" 2>/dev/null || true
  fi
  stop_proxy
}
trap cleanup EXIT

# The proxy to the local server; commands go to its standard input (fd 8), answers to $OUT/proxy-N.out.
proxies=0
start_proxy() {
  proxies=$((proxies + 1))
  local fifo="$OUT/proxy-$proxies.in"
  proxy_out="$OUT/proxy-$proxies.out"
  mkfifo "$fifo"
  java -cp target/test-classes:target/classes io.github.iotembeddings.support.FaultyProxyMain 127.0.0.1 "$DB_PORT" \
    <"$fifo" >"$proxy_out" 2>&1 &
  proxy_pid=$!
  exec 8>"$fifo"
  for _ in $(seq 1 100); do
    proxy_port=$(awk '/^port / { print $2 }' "$proxy_out")
    [[ -n "$proxy_port" ]] && return
    sleep 0.1
  done
  die "the proxy did not start: $(cat "$proxy_out")"
}
proxy() { echo "$*" >&8; sleep 0.2; say "proxy: $(tail -n 1 "$proxy_out")"; }
stop_proxy() {
  if [[ -n "$proxy_pid" ]]; then
    exec 8>&- || true
    wait "$proxy_pid" 2>/dev/null || true
    proxy_pid=""
  fi
}

# Every committed write of an embedding (rolled-back ones leave nothing), with its commit time, in $1;
# each write sleeps $2 s.
record_writes() {
  runuser -u postgres -- psql -X -d "$1" -v ON_ERROR_STOP=1 -qAt <<SQL
set role $ROLE;
create table public.bench_writes (event_id bigint not null, op text not null,
  xact_at timestamptz not null default now(), committed_at timestamptz not null default clock_timestamp());
create function public.bench_record_write() returns trigger language plpgsql as \$\$
begin insert into public.bench_writes (event_id, op) values (new.event_id, tg_op); return null; end \$\$;
create constraint trigger bench_record_write after insert or update on public.event_embeddings
  deferrable initially deferred for each row execute function public.bench_record_write();
create function public.bench_slow_write() returns trigger language plpgsql as \$\$
begin perform pg_sleep($2); return new; end \$\$;
create trigger bench_slow_write before insert or update on public.event_embeddings
  for each row execute function public.bench_slow_write();
SQL
}

########## 1. A partition in the middle of a schedule's sync, default bounds
use_scratch_database "$BENCH_DB"
say "preparing: 100 demo events embedded, the change trigger, writes slowed to ${WRITE_DELAY} s each"
app demo-seed --events=100 >/dev/null
app migrate >/dev/null
app sync --reports-dir="$OUT/reports" >/dev/null 2>&1
app install-trigger >/dev/null
record_writes "$BENCH_DB" "$WRITE_DELAY"
seeded=$(db -c "select max(id) from public.iot_events")

start_proxy
ports=($(free_port) $(free_port))
management=${ports[1]}
say "starting the scheduler through the proxy (port $proxy_port), default cron and bounds; probes on $management"
DATABASE_URL="jdbc:postgresql://127.0.0.1:$proxy_port/$BENCH_DB" SERVER_PORT=${ports[0]} MANAGEMENT_SERVER_PORT=$management \
  scripts/iot-embeddings schedule --reports-dir="$OUT/reports" >"$OUT/schedule.log" 2>&1 &
scheduler=$!
status() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$management/actuator/health/$1" || true; }
for _ in $(seq 1 900); do
  [[ $(status readiness) == 200 ]] && break
  kill -0 "$scheduler" 2>/dev/null || die "the scheduler exited: $(tail -n 5 "$OUT/schedule.log")"
  sleep 0.2
done
[[ $(status readiness) == 200 ]] || die "the scheduler is not ready: $(tail -n 5 "$OUT/schedule.log")"

# Probes every second (epoch ms, liveness, readiness); the server's sessions of this database every second.
(while true; do echo "$(date +%s%3N) $(status liveness) $(status readiness)"; sleep 1; done) >"$OUT/health.txt" &
background+=($!)
runuser -u postgres -- psql -X -d "$BENCH_DB" -qAt -F ' ' >"$OUT/sessions.txt" 2>/dev/null <<'SQL' &
select to_char(clock_timestamp(), 'HH24:MI:SS'), count(*),
  coalesce(string_agg(pid || ':' || coalesce(state, '-') || ':' || coalesce(wait_event, '-'), ' ' order by pid), '')
  from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and application_name <> 'psql' \watch 1
SQL
background+=($!)

say "inserting a backlog of $BACKLOG demo events (the change trigger wakes the scheduler)"
app demo-seed --events="$BACKLOG" >/dev/null
for _ in $(seq 1 1200); do
  (( $(db -c "select count(*) from public.bench_writes") >= CUT_AFTER )) && break
  sleep 0.5
done
interrupted=$(db -c "select job_execution_id from embeddings.batch_job_execution where status = 'STARTED' order by 1 desc limit 1")
[[ -n "$interrupted" ]] || die "no execution is running after $CUT_AFTER events: nothing to interrupt"
load_at_cut=$(load)
db -F ' | ' -c "select pid, state, wait_event, left(query, 70) from pg_stat_activity where datname = current_database()
  and pid <> pg_backend_pid() and application_name <> 'psql' order by pid" >"$OUT/sessions-at-cut.txt"
proxy partition
cut=$(db -c "select clock_timestamp()")
cut_ms=$(date +%s%3N)
probe=$(db -c "insert into public.iot_events (device_id, event_type, payload)
  values ('bench-partition', 'partition_probe', jsonb_build_object('inserted_at', cast(clock_timestamp() as text))) returning id")
say "partitioned at $cut (load $load_at_cut), execution $interrupted running, $(db -c "select count(*) from public.bench_writes") events written; new event $probe"

running_sql="select count(*) from embeddings.batch_job_execution where status in ('STARTING', 'STARTED', 'STOPPING')"
missing_sql="select count(*) from public.iot_events e left join public.event_embeddings ee on ee.event_id = e.id where ee.event_id is null"
done_at=""
for _ in $(seq 1 900); do
  if [[ $(db -c "$missing_sql") == 0 && $(db -c "$running_sql") == 0 ]]; then
    done_at=$(date +%s%3N)
    break
  fi
  sleep 1
done
[[ -n "$done_at" ]] || say "NOT recovered within 15 minutes"
sleep 15
for pid in "${background[@]}"; do kill "$pid" 2>/dev/null || true; done
background=()
term=$(date +%s%3N)
kill -TERM "$scheduler"
wait "$scheduler" && scheduler_exit=0 || scheduler_exit=$?
scheduler=""
term_took=$(( $(date +%s%3N) - term ))
stop_proxy

since() { echo "round(extract(epoch from ($1) - '$cut'::timestamptz)::numeric, 1)"; }
q() { db -F ' | ' -c "$1"; }
{
  echo "## Partition with the default bounds: $(date '+%Y-%m-%d %H:%M')"
  echo
  echo "Backlog $BACKLOG events, writes slowed to $WRITE_DELAY s per row; cut after $CUT_AFTER events written, load average $load_at_cut at the cut, $(load) at the end."
  echo
  echo "| what | seconds after the cut |"
  echo "| --- | --- |"
  q "select '| interrupted execution $interrupted ends ' || status, $(since "end_time::timestamp at time zone current_setting('TimeZone')") || ' |'
     from embeddings.batch_job_execution where job_execution_id = $interrupted"
  q "select '| new event $probe embedded (commit)', $(since "min(committed_at)") || ' |' from public.bench_writes where event_id = $probe"
  q "select '| whole backlog embedded (last commit)', $(since "max(committed_at)") || ' |' from public.bench_writes"
  q "select '| no execution running, nothing missing (seen by the poll)', round(($done_at - $cut_ms) / 1000.0, 1) || ' |'" 2>/dev/null || true
  echo
  echo "Executions since the backlog arrived:"
  echo
  echo "| id | status | started (s after the cut) | ended (s) | written | rollbacks | exit message |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  q "select '| ' || je.job_execution_id, je.status,
       $(since "je.start_time::timestamp at time zone current_setting('TimeZone')"),
       $(since "je.end_time::timestamp at time zone current_setting('TimeZone')"),
       sum(se.write_count), sum(se.rollback_count), left(replace(coalesce(je.exit_message, ''), E'\n', ' '), 160) || ' |'
     from embeddings.batch_job_execution je left join embeddings.batch_step_execution se using (job_execution_id)
     where je.job_execution_id >= $interrupted group by je.job_execution_id order by je.job_execution_id"
  echo
  echo "Writes: $(q "select count(*) || ' committed for ' || count(distinct event_id) || ' events' from public.bench_writes");" \
    "events written more than once: $(q "select count(*) from (select event_id from public.bench_writes group by event_id having count(*) > 1) d");" \
    "missing: $(db -c "$missing_sql"); events above the seed: $(db -c "select count(*) from public.iot_events where id > $seeded")."
  awk -v cut="$cut_ms" '{ t = ($1 - cut) / 1000; n++
      if ($2 != 200) { lb++; if (lf == "") lf = sprintf(" (first at %+.1f s)", t) }
      if ($3 != 200) { rb++; if (rf == "") rf = sprintf(", first at %+.1f s", t); ru = "" }
      else if (rf != "" && ru == "") ru = sprintf(", 200 again from %+.1f s", t) }
    END { printf "Probes (%d samples, every second): liveness non-200 in %d samples%s; readiness non-200 in %d samples%s%s.\n", n, lb, lf, rb, rf, ru }' "$OUT/health.txt"
  echo "SIGTERM after the recovery: exit $scheduler_exit in $term_took ms."
  echo
  echo "Sessions of the database at the cut (pid | state | wait | query):"
  echo
  sed 's/^/    /' "$OUT/sessions-at-cut.txt"
  echo
  echo "Scheduler log from the cut on (WARN and ERROR, and lines about executions, locks and the listener):"
  echo
  awk -v c="$(date -d "@$((cut_ms / 1000))" +%T)" '$1 >= c' "$OUT/schedule.log" |
    grep -E ' WARN | ERROR |Execution|Resumed|lock|Listening|stalled|COMPLETED|FAILED' | cut -c1-400 | sed 's/^/    /' | head -n 40
} | tee "$OUT/result.md"

########## 2. A slow network: backfill of SLOW_EVENTS through the proxy, no delay and DELAY_MS per chunk of bytes
use_scratch_database "$SLOW_DB"
BENCH_DB=$SLOW_DB
app demo-seed --events="$SLOW_EVENTS" >/dev/null
app migrate >/dev/null
record_writes "$SLOW_DB" 0
start_proxy
slow_backfill() {
  local delay=$1 started took output code=0
  db -c "delete from public.event_embeddings; delete from public.bench_writes; delete from embeddings.event_embedding_errors" >/dev/null
  proxy delay "$delay"
  local load_before
  load_before=$(load)
  started=$(date +%s%3N)
  output=$(DATABASE_URL="jdbc:postgresql://127.0.0.1:$proxy_port/$SLOW_DB" app backfill --limit="$SLOW_EVENTS" \
    --reports-dir="$OUT/reports" 2>"$OUT/backfill-$delay-$started.err") || code=$?
  took=$(( $(date +%s%3N) - started ))
  local execution
  execution=$(db -c "select max(job_execution_id) from embeddings.batch_job_execution")
  echo "| $delay ms | $code | $(q "select status from embeddings.batch_job_execution where job_execution_id = $execution") |" \
    "$(grep -o 'embedded in [0-9.]* s' <<<"$output" | grep -o '[0-9.]*' | head -n 1) | $(awk "BEGIN { printf \"%.1f\", $took / 1000 }") |" \
    "$(q "select sum(write_count) || ' | ' || sum(rollback_count) from embeddings.batch_step_execution where job_execution_id = $execution") |" \
    "$(q "select count(*) || ' / ' || count(distinct event_id) from public.bench_writes") | $(q "select count(*) from embeddings.event_embedding_errors") |" \
    "$load_before |"
}
{
  echo
  echo "## A slow network: backfill --limit=$SLOW_EVENTS through the proxy: $(date '+%Y-%m-%d %H:%M')"
  echo
  echo "| delay per chunk of bytes, each way | exit | status | job's time s | JVM start to exit s | written | rollbacks | writes / events | failed events | load average before |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  slow_backfill 0
  slow_backfill "$DELAY_MS"
  slow_backfill "$DELAY_MS"
  slow_backfill 0
  echo
  echo "Flows through the proxy: $(echo flows >&8; sleep 0.3; tail -n 1 "$proxy_out")."
} | tee -a "$OUT/result.md"

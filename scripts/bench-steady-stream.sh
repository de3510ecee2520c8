#!/usr/bin/env bash
# The "steady stream" figures for docs/BENCHMARKS.md: `schedule` (default cron, every minute) with the
# change trigger installed, under 150 inserts/s and one edit/s for 2 minutes, in a throw-away database
# (iot_embeddings_steady) on the local default server; the main database is left alone.
#
#   scripts/bench-steady-stream.sh            # STREAM_SECONDS=120 INSERT_RATE=150 EDIT_RATE=1 SEED_EVENTS=2000
#
# Load: pgbench (PostgreSQL's own client, rate-limited, Poisson arrivals) over the local socket.
#   - inserts: a copy of one of the first 1,000 seeded events (device, type, payload; created_at = now()),
#     so the text is one whose vector is stored: the tool copies it (IoT feeds repeat their messages);
#   - edits: the payload of one of the next 1,000 seeded events gets a new key (a new text, computed by
#     the model), and bench_edits records the event, the md5 of its new text and the time, in the same
#     transaction.
# Measured, on the server's clock:
#   - insert-to-embedded lag: from iot_events.created_at (now() of the insert, which commits at once) to
#     the commit of the transaction that wrote the embedding (a deferred constraint trigger records
#     clock_timestamp() at commit, in bench_writes, with the text hash and that transaction's now());
#     also, for comparison, to event_embeddings.created_at (now() of the writing transaction: its start,
#     before the chunk was read and embedded, so it understates the lag);
#   - edit-to-embedded lag: from the edit to the commit of the first write of the edited text;
#   - executions started during the run and their statuses; the most sync triggers stored
#     (embeddings.qrtz_triggers, job 'sync', sampled every 0.5 s); events missing and edits not embedded
#     when the load stops and once the backlog is drained; each event's writes;
#   - the load average (every 5 s), and the CPU time of the generator (pgbench and its server sessions)
#     and of the scheduler.
# Measurements hold /tmp/iot-bench.lock (shared with the other benchmarks).
set -euo pipefail

cd "$(dirname "$0")/.."
source scripts/lib.sh

BENCH_DB=iot_embeddings_steady
SECONDS_OF_LOAD="${STREAM_SECONDS:-120}"
INSERT_RATE="${INSERT_RATE:-150}"
EDIT_RATE="${EDIT_RATE:-1}"
SEED_EVENTS="${SEED_EVENTS:-2000}"
ROLE="${LOCAL_DB_ROLE:-iot_embeddings}"
OUT="target/bench-steady-stream"

using_local_default || die "scripts/bench-steady-stream.sh uses the local default server: unset DATABASE_URL (environment and .env)"
command -v pgbench >/dev/null || die "pgbench is missing: install postgresql-contrib (or postgresql-client) for it"
bash scripts/provision-db.sh >/dev/null
ensure_jar
mkdir -p "$OUT"
rm -rf "${OUT:?}"/*

exec 9>/tmp/iot-bench.lock
say "waiting for /tmp/iot-bench.lock (another benchmark may be running)"
flock -w 1800 9 || die "another benchmark held /tmp/iot-bench.lock for 30 minutes"

use_scratch_database "$BENCH_DB"
app() { scripts/iot-embeddings "$@"; }
db() { runuser -u postgres -- psql -X -d "$BENCH_DB" -v ON_ERROR_STOP=1 -qAt "$@"; }
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
HZ=$(getconf CLK_TCK)

scheduler=""
background=()
cleanup() {
  for pid in "${background[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [[ -n "$scheduler" ]]; then
    kill -TERM "$scheduler" 2>/dev/null || true
    wait "$scheduler" 2>/dev/null || true
  fi
}
trap cleanup EXIT

say "seeding $SEED_EVENTS demo events and embedding them"
app demo-seed --events="$SEED_EVENTS" >/dev/null
app migrate >/dev/null
app sync --reports-dir="$OUT/reports" >/dev/null 2>&1
app install-trigger >/dev/null
read -r lo hi < <(db -F ' ' -c "select min(id), max(id) from public.iot_events")
(( hi - lo + 1 >= 2000 )) || die "need at least 2,000 seeded events (SEED_EVENTS), got $(( hi - lo + 1 ))"

# What the run writes, recorded at each commit (rolled-back writes leave nothing), and what the edits wrote.
db <<SQL
set role $ROLE;
create table public.bench_writes (event_id bigint not null, text_hash text, op text not null,
  xact_at timestamptz not null default now(), committed_at timestamptz not null default clock_timestamp());
create function public.bench_record_write() returns trigger language plpgsql as \$\$
begin insert into public.bench_writes (event_id, text_hash, op) values (new.event_id, new.text_hash, tg_op); return null; end \$\$;
create constraint trigger bench_record_write after insert or update on public.event_embeddings
  deferrable initially deferred for each row execute function public.bench_record_write();
create table public.bench_edits (event_id bigint not null, text_hash text not null,
  edited_at timestamptz not null default clock_timestamp());
SQL
# The hash the tool stores must be the one the edits record.
[[ $(db -c "select count(*) from public.event_embeddings ee join public.iot_events e on e.id = ee.event_id
  where ee.text_hash is distinct from md5(coalesce(embeddings.iot_embeddings_event_text(e), ''))") == 0 ]] ||
  die "the stored text hashes are not md5(iot_embeddings_event_text(e)): the edit lag cannot be measured this way"

cat >"$OUT/insert.sql" <<'SQL'
\set src random(:lo, :lo + 999)
insert into public.iot_events (device_id, event_type, payload) select device_id, event_type, payload from public.iot_events where id = :src;
SQL
cat >"$OUT/edit.sql" <<'SQL'
\set id random(:lo + 1000, :lo + 1999)
begin;
update public.iot_events set payload = payload || jsonb_build_object('edited_at', cast(clock_timestamp() as text)) where id = :id;
insert into public.bench_edits (event_id, text_hash) select e.id, md5(coalesce(embeddings.iot_embeddings_event_text(e), '')) from public.iot_events e where e.id = :id;
commit;
SQL
chmod 644 "$OUT/insert.sql" "$OUT/edit.sql"

say "starting the scheduler (default cron)"
SERVER_PORT=0 MANAGEMENT_SERVER_PORT=0 JAVA_OPTS="${JAVA_OPTS:-} -Xlog:gc:file=$OUT/gc.log" scripts/iot-embeddings schedule --reports-dir="$OUT/reports" >"$OUT/schedule.log" 2>&1 &
scheduler=$!
for _ in $(seq 1 600); do
  grep -q "schedule: running" "$OUT/schedule.log" && break
  kill -0 "$scheduler" 2>/dev/null || die "the scheduler exited: $(tail -n 5 "$OUT/schedule.log")"
  sleep 0.1
done
grep -q "schedule: running" "$OUT/schedule.log" || die "the scheduler did not start: $(tail -n 5 "$OUT/schedule.log")"
sleep 5

# Samplers: sync triggers stored (one session, every 0.5 s: name:state:seconds past its next fire time),
# the load average (every 5 s), and a thread dump of the scheduler whenever its log stays silent for 3 s
# under load (at most 3: $OUT/stall-*.txt; it logs a line per pass).
# (psql over TCP as the tool's role, so that $! is psql itself)
PGPASSWORD="$DATABASE_PASSWORD" psql -X -h 127.0.0.1 -p "${LOCAL_DB_PORT:-5432}" -U "$DATABASE_USER" -d "$BENCH_DB" -qAt -F ' ' \
  >"$OUT/triggers.txt" 2>/dev/null <<'SQL' &
select to_char(clock_timestamp(), 'HH24:MI:SS.MS'), count(*),
  coalesce(string_agg(trigger_name || ':' || trigger_state || ':' || round((extract(epoch from clock_timestamp()) * 1000 - next_fire_time) / 1000.0, 1),
    ',' order by trigger_name), '')
  from embeddings.qrtz_triggers where job_name = 'sync' \watch 0.5
SQL
background+=($!)
(while true; do echo "$(date +%T) $(cut -d' ' -f1-3 /proc/loadavg)"; sleep 5; done) >"$OUT/load.txt" &
background+=($!)
(dumps=0
 while (( dumps < 3 )); do
   sleep 1
   [[ -f "$OUT/load-on" ]] || continue
   if (( $(date +%s) - $(stat -c %Y "$OUT/load-on") >= 5 && $(date +%s) - $(stat -c %Y "$OUT/schedule.log") >= 3 )); then
     dumps=$((dumps + 1))
     jstack "$scheduler" >"$OUT/stall-$(date +%H%M%S).txt" 2>&1 || true
     sleep 5
   fi
 done) &
background+=($!)

started=$(db -c "select clock_timestamp()")
say "load: $INSERT_RATE inserts/s and $EDIT_RATE edit/s for $SECONDS_OF_LOAD s (load average $(cut -d' ' -f1-3 /proc/loadavg))"
scheduler_ticks=$(ticks "$scheduler")
pgbench_run() {
  local name=$1 rate=$2 clients=$3 script=$4
  /usr/bin/time -f "%U %S" -o "$OUT/$name.time" runuser -u postgres -- env PGAPPNAME="bench-$name" \
    pgbench -n -f "$script" -D lo="$lo" -R "$rate" -T "$SECONDS_OF_LOAD" -c "$clients" -j 1 -P 30 "$BENCH_DB" \
    >"$OUT/$name.out" 2>&1
}
touch "$OUT/load-on"
pgbench_run inserts "$INSERT_RATE" 2 "$OUT/insert.sql" &
inserts=$!
pgbench_run edits "$EDIT_RATE" 1 "$OUT/edit.sql" &
edits=$!

# The generator's server sessions: their CPU time, read just before the load ends.
sleep $(( SECONDS_OF_LOAD - 3 ))
backend_ticks=0
for pid in $(db -c "select pid from pg_stat_activity where datname = '$BENCH_DB' and application_name like 'bench-%'"); do
  backend_ticks=$(( backend_ticks + $(ticks "$pid") ))
done
wait "$inserts" "$edits"
rm -f "$OUT/load-on"
stopped=$(db -c "select clock_timestamp()")
scheduler_ticks=$(( $(ticks "$scheduler") - scheduler_ticks ))
load_at_end=$(cut -d' ' -f1-3 /proc/loadavg)

missing_sql="select count(*) from public.iot_events e left join public.event_embeddings ee on ee.event_id = e.id where ee.event_id is null"
unembedded_edits_sql="select count(*) from (select distinct on (event_id) event_id, text_hash from public.bench_edits order by event_id, edited_at desc) last
  join public.event_embeddings ee using (event_id) where ee.text_hash <> last.text_hash"
missing_at_stop=$(db -c "$missing_sql")
edits_at_stop=$(db -c "$unembedded_edits_sql")
drained=""
for _ in $(seq 1 240); do
  if [[ $(db -c "$missing_sql") == 0 && $(db -c "$unembedded_edits_sql") == 0 ]]; then
    drained=$(db -c "select round(extract(epoch from clock_timestamp() - '$stopped'::timestamptz)::numeric, 1)")
    break
  fi
  sleep 0.5
done
sleep 2
for pid in "${background[@]}"; do kill "$pid" 2>/dev/null || true; done
background=()
kill -TERM "$scheduler"
wait "$scheduler" || true
scheduler=""

q() { db -F ' | ' -c "$1"; }
{
  echo "## Steady stream: $(date '+%Y-%m-%d %H:%M')"
  echo
  echo "$INSERT_RATE inserts/s + $EDIT_RATE edit/s for $SECONDS_OF_LOAD s; schedule, default cron, change trigger installed; $SEED_EVENTS seeded events."
  echo "Load average (1/5/15 min): at the start $(head -n 1 "$OUT/load.txt" | cut -d' ' -f2-), at the end $load_at_end;" \
    "mean of the 1-min figure over the run $(awk '{ s += $2; n++ } END { printf "%.2f", s / n }' "$OUT/load.txt")."
  echo
  echo "| what | count | p50 s | p95 s | max s |"
  echo "| --- | --- | --- | --- | --- |"
  q "with ins as (select id, created_at from public.iot_events where id > $hi),
       w as (select event_id, min(committed_at) committed_at from public.bench_writes group by event_id)
     select '| insert to embedding committed', count(*) || ' (' || count(w.event_id) || ' embedded)',
       round(percentile_cont(0.5) within group (order by extract(epoch from w.committed_at - ins.created_at))::numeric, 3),
       round(percentile_cont(0.95) within group (order by extract(epoch from w.committed_at - ins.created_at))::numeric, 3),
       round(max(extract(epoch from w.committed_at - ins.created_at))::numeric, 3) || ' |'
     from ins left join w on w.event_id = ins.id"
  q "select '| insert to event_embeddings.created_at (start of the writing transaction)', count(*),
       round(percentile_cont(0.5) within group (order by extract(epoch from ee.created_at - e.created_at))::numeric, 3),
       round(percentile_cont(0.95) within group (order by extract(epoch from ee.created_at - e.created_at))::numeric, 3),
       round(max(extract(epoch from ee.created_at - e.created_at))::numeric, 3) || ' |'
     from public.iot_events e join public.event_embeddings ee on ee.event_id = e.id where e.id > $hi"
  q "with lag as (select (select min(w.committed_at) from public.bench_writes w where w.event_id = ed.event_id
         and w.text_hash = ed.text_hash and w.committed_at > ed.edited_at) - ed.edited_at as lag from public.bench_edits ed)
     select '| edit to embedding committed', count(*) || ' (' || count(lag) || ' embedded; the rest edited again first)',
       round(percentile_cont(0.5) within group (order by extract(epoch from lag))::numeric, 3),
       round(percentile_cont(0.95) within group (order by extract(epoch from lag))::numeric, 3),
       round(max(extract(epoch from lag))::numeric, 3) || ' |' from lag"
  echo
  echo "Worst insert lags, the five worst seconds (inserted at: lag s): $(q "select string_agg(to_char(at, 'HH24:MI:SS.MS') || ': ' || lag, ', ' order by lag desc)
     from (select * from (select distinct on (date_trunc('second', e.created_at)) e.created_at at,
         round(extract(epoch from w.committed_at - e.created_at)::numeric, 2) lag
       from public.iot_events e join (select event_id, min(committed_at) committed_at from public.bench_writes group by event_id) w on w.event_id = e.id
       where e.id > $hi order by date_trunc('second', e.created_at), w.committed_at - e.created_at desc) per_second order by lag desc limit 5) worst")."
  echo
  echo "Executions started during the run and the drain: $(q "select coalesce(string_agg(n || ' ' || status, ', '), 'none') from (select status, count(*) n
     from embeddings.batch_job_execution where create_time >= '$started'::timestamptz::timestamp group by status) s")."
  echo "Of those, each one's events: $(q "select 'median ' || percentile_cont(0.5) within group (order by w) || ', max ' || max(w)
     from (select sum(write_count) w from embeddings.batch_step_execution se join embeddings.batch_job_execution je using (job_execution_id)
     where je.create_time >= '$started'::timestamptz::timestamp group by je.job_execution_id) s") written; rollbacks: $(q "select coalesce(sum(rollback_count), 0)
     from embeddings.batch_step_execution se join embeddings.batch_job_execution je using (job_execution_id) where je.create_time >= '$started'::timestamptz::timestamp")."
  echo "Sync triggers stored (sampled every 0.5 s, $(wc -l <"$OUT/triggers.txt") samples): most $(awk 'NF >= 2 { if ($2 > m) m = $2 } END { print m + 0 }' "$OUT/triggers.txt");" \
    "2 or fewer in $(awk 'NF >= 2 && $2 <= 2 { n++ } END { print n + 0 }' "$OUT/triggers.txt") samples;" \
    "the sync-now trigger at most $(awk '{ n = split($3, a, ","); for (i = 1; i <= n; i++) { split(a[i], b, ":"); if (b[1] == "sync-now" && b[2] != "COMPLETE" && b[3] + 0 > m) m = b[3] + 0 } } END { printf "%.1f", m }' "$OUT/triggers.txt") s past its fire time (Quartz's misfire threshold is $(( $(sed -n 's/^spring.quartz.properties.org.quartz.jobStore.misfireThreshold=//p' src/main/resources/application-schedule.properties) / 1000 )) s)."
  echo "Missing when the load stopped: $missing_at_stop events, $edits_at_stop edits not embedded yet; all embedded ${drained:-NOT within 120} s after it stopped;" \
    "missing at the end: $(db -c "$missing_sql"), edits not embedded: $(db -c "$unembedded_edits_sql")."
  echo "Writes: $(q "select count(*) || ' rows written for ' || count(distinct event_id) || ' events'
     from public.bench_writes"); inserted events written more than once: $(q "select count(*) from (select event_id from public.bench_writes
     where event_id > $hi group by event_id having count(*) > 1) d")."
  echo "Generated: $(grep -h 'number of transactions actually processed' "$OUT/inserts.out" | grep -o '[0-9]*' | head -n 1) inserts" \
    "(pgbench: $(grep -h 'rate limit schedule lag' "$OUT/inserts.out" | sed 's/.*: //' | head -n 1) schedule lag)," \
    "$(grep -h 'number of transactions actually processed' "$OUT/edits.out" | grep -o '[0-9]*' | head -n 1) edits."
  read -r cu cs <"$OUT/inserts.time"
  read -r eu es <"$OUT/edits.time"
  awk -v cu="$cu" -v cs="$cs" -v eu="$eu" -v es="$es" -v bt="$backend_ticks" -v st="$scheduler_ticks" -v hz="$HZ" -v t="$SECONDS_OF_LOAD" 'BEGIN {
    client = cu + cs + eu + es; server = bt / hz; sched = st / hz;
    printf "CPU over the %d s: the generator %.1f s (pgbench %.1f s, its server sessions %.1f s) = %.0f%% of one core; the scheduler %.1f s = %.0f%% of one core.\n",
      t, client + server, client, server, 100 * (client + server) / t, sched, 100 * sched / t }'
  echo "Longest silences of the scheduler's log during the load (a line per pass): $(awk -v from="$(date -d "$started" +%T)" -v to="$(date -d "$stopped" +%T)" '
    /^[0-9][0-9]:[0-9][0-9]:[0-9][0-9]\./ && $1 >= from && $1 <= to { split($1, t, /[:.]/); ms = ((t[1] * 60 + t[2]) * 60 + t[3]) * 1000 + t[4]
      if (prev) printf "%.1f s before %s\n", (ms - prev) / 1000, $1; prev = ms }' "$OUT/schedule.log" | sort -rn | head -n 3 | paste -sd ';' -);" \
    "longest GC pause $(grep -o '[0-9.]*ms$' "$OUT/gc.log" | sort -rn | head -n 1) ($(grep -c 'Pause' "$OUT/gc.log") pauses); thread dumps taken on a 3 s silence: $(ls "$OUT" | grep -c '^stall-' || true)."
  echo "Scheduler log: $(grep -c ' WARN ' "$OUT/schedule.log" || true) WARN lines, $(grep -c ' ERROR ' "$OUT/schedule.log" || true) ERROR lines ($OUT/schedule.log)."
} | tee "$OUT/result.md"

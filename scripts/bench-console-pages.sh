#!/usr/bin/env bash
# The console's pages end to end at 1M events and 50,000 executions, for docs/BENCHMARKS.md ("Console
# pages at 1M events and 50,000 executions"):
#   scripts/bench-console-pages.sh
# Database: iot_embeddings_console_1000000 on the local default server, a copy (CREATE DATABASE ...
# TEMPLATE) of SOURCE_DB (default iot_embeddings_search_1000000: 1M demo events, each embedded, HNSW
# index; built by scripts/bench-search.sh, see the message below when it is missing), never modified in
# place. The copy is `migrate`d with the current jar, then scripts/bench-executions.sql appends 50,000
# executions and 1,000 failed events. KEEP=true reuses a copy built before.
#
# Then `schedule` runs against it (admin and search tokens generated here, never printed; a free port;
# a cron that does not fire before 2099, so no sync runs meanwhile; the index type of the copy, so the
# overview does not ask for a rebuild), and curl signs in as a browser does (GET /login for the session
# and the CSRF token, POST /login, follow to /). Each page: 3 requests to warm up, then RUNS (30) timed
# requests (curl's time_total: connect to last byte, server-side rendering included, gzip as a browser
# asks), each checked for 200 and the page's own element (not the sign-in page); p50, p95 and max. The
# pages are requested in rounds (each page once per round), so load from elsewhere falls on all alike.
# Measurements hold /tmp/iot-bench.lock; `uptime` is printed with them.
#
# Then what PostgreSQL ran for each page: `schedule` is restarted with auto_explain on the copy (set on
# the database, reset afterwards), each page is requested once between two marker statements, and every
# statement the app sent in between is kept with its plan (EXPLAIN ANALYZE, buffers) in
# target/bench-console-pages/statements/; the summary lists those that touch iot_events or
# event_embeddings and how they reach them. Output: Markdown on stdout, details in
# target/bench-console-pages/.
set -euo pipefail

cd "$(dirname "$0")/.."
source scripts/lib.sh

SOURCE_DB="${SOURCE_DB:-iot_embeddings_search_1000000}"
BENCH_DB=iot_embeddings_console_1000000
EXECUTIONS=50000
ERRORS=1000
RUNS="${RUNS:-30}"
WARMUP=3
OUT=target/bench-console-pages
PG_LOG="${PG_LOG:-/var/log/postgresql/postgresql-15-main.log}"
SCHEMA=embeddings

using_local_default || die "scripts/bench-console-pages.sh uses the local default server: unset DATABASE_URL (environment and .env)"
pg() { runuser -u postgres -- psql -X -v ON_ERROR_STOP=1 -qAt "$@"; }
db() { pg -d "$BENCH_DB" "$@"; }
q() { db -c "set search_path = $SCHEMA, public" -c "$1"; }
exists() { [[ "$(pg -c "select 1 from pg_database where datname = '$1'")" == 1 ]]; }
load() { uptime | sed 's/.*load average: /load /'; }
mkdir -p "$OUT"

# ---------------------------------------------------------------------------------------------------
# 1-2. The copy, migrated, with the executions and the failed events.
if [[ "${KEEP:-false}" == true ]] && exists "$BENCH_DB" \
    && [[ "$(q "select count(*) from batch_job_execution" 2>/dev/null || echo 0)" -ge "$EXECUTIONS" ]]; then
  say "reusing $BENCH_DB (KEEP=true)"
else
  exists "$SOURCE_DB" || die "no database $SOURCE_DB (1M embedded events): build it with
  scripts/bench-search.sh 100000 && SEARCH_POOL=iot_embeddings_search_100000 SEARCH_PREPARE_ONLY=true scripts/bench-search.sh 1000000
(about 1.5 hours on 2 cores), or set SOURCE_DB to a migrated database with 1M embedded events"
  bash scripts/provision-db.sh >/dev/null
  ensure_jar
  start=$(date +%s)
  pg -c "drop database if exists $BENCH_DB with (force)"
  # FILE_COPY: a checkpoint and a copy of the files, instead of writing 4.4 GB through the WAL.
  pg -c "create database $BENCH_DB template $SOURCE_DB strategy file_copy owner ${LOCAL_DB_ROLE:-iot_embeddings}"
  say "copied $SOURCE_DB to $BENCH_DB in $(( $(date +%s) - start )) s"
  # The 1M database of 2026-12-02 was migrated while changeset 009-match-function-grants was being
  # written (before 51be8c6), whose checksum Liquibase then refuses ("Validation Failed"): on the copy,
  # that changeset (a rerunnable revoke) is forgotten so that `migrate` runs it as it is now.
  q "delete from databasechangelog where id = '009-match-function-grants' and md5sum = '9:5e4747009d20e97a73083b8652296cd3'" >/dev/null
  (use_database "$BENCH_DB" && scripts/iot-embeddings migrate >/dev/null)
  db -v rows="$EXECUTIONS" -v errors="$ERRORS" -v schema="$SCHEMA" -f scripts/bench-executions.sql >/dev/null
  q "vacuum analyze batch_job_instance, batch_job_execution, batch_job_execution_params, batch_job_execution_context,
    batch_step_execution, batch_step_execution_context, event_embedding_errors" >/dev/null
  say "migrated, $EXECUTIONS executions and $ERRORS failed events loaded, vacuumed, in $(( $(date +%s) - start )) s"
fi

# The pages' parameters: a day in the middle of the history, an execution 45,000 back (90 % of the way
# to the oldest), the FAILED execution with the most failed events, a COMPLETED one in the middle.
executions=$(q "select count(*) from batch_job_execution")
day=$(q "select start_time::date from batch_job_execution order by job_execution_id offset ($executions / 2) limit 1")
deep=$(q "select job_execution_id from batch_job_execution order by job_execution_id desc offset ($executions * 9 / 10) limit 1")
failed=$(q "select failed_execution_id from event_embedding_errors group by 1 order by count(*) desc, 1 desc limit 1")
completed=$(q "select job_execution_id from batch_job_execution where status = 'COMPLETED' order by job_execution_id offset ($executions / 2) limit 1")
index_type=$(q "select am.amname from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am am on am.oid = c.relam
  where c.relname = 'event_embeddings_embedding_idx' and c.relnamespace = 'public'::regnamespace")
events=$(q "select count(*) from public.iot_events")
embedded=$(q "select count(*) from public.event_embeddings")
failing=$(q "select count(*) from event_embedding_errors")

# PAGE|ELEMENT: the path and what the real page (not the sign-in page) contains.
PAGES=(
  "/|id=\"coverage\""
  "/executions|id=\"executions-table\""
  "/executions?status=FAILED|id=\"executions-table\""
  "/executions?mode=reconcile|id=\"executions-table\""
  "/executions?from=$day&to=$day|id=\"executions-table\""
  "/executions?before=$deep|id=\"executions-table\""
  "/executions/$failed|id=\"failed-events\""
  "/executions/$completed|id=\"steps\""
  "/errors|id=\"errors-table\""
  "/events/search?q=temperature+spike+in+the+freezer|id=\"search-results\""
  "/charts/runs.json|\"runs\":"
)

# ---------------------------------------------------------------------------------------------------
# 3. `schedule` on the copy, and a signed-in session.
work=$(mktemp -d)
chmod 700 "$work"
pid=""
cleanup() {
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
  # auto_explain off again, whatever happened.
  explain_settings reset >/dev/null 2>&1 || true
}
trap cleanup EXIT
# explain_settings set|reset: auto_explain for the copy's new sessions, or not.
explain_settings() {
  local setting args=()
  for setting in "session_preload_libraries = 'auto_explain'" "auto_explain.log_min_duration = 0" \
      "auto_explain.log_analyze = on" "auto_explain.log_buffers = on" "auto_explain.log_timing = off" \
      "auto_explain.log_nested_statements = on"; do
    if [[ $1 == set ]]; then args+=(-c "alter database $BENCH_DB set $setting"); else args+=(-c "alter database $BENCH_DB reset ${setting%% *}"); fi
  done
  db "${args[@]}"
}
random_token() { head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
# The admin token reaches curl from a private file (--data-urlencode token@FILE): never on a command line.
random_token >"$work/admin"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# The metrics are on the management port, beside the console's.
management_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"

# start_schedule LOG: starts `schedule` in the background (exec all the way down, so $pid is the JVM)
# and waits for its console line.
start_schedule() {
  local log=$1
  : >"$log"
  (use_database "$BENCH_DB"
   EMBEDDINGS_ADMIN_TOKEN=$(cat "$work/admin") EMBEDDINGS_SEARCH_TOKEN=$(random_token) SERVER_PORT=$port MANAGEMENT_SERVER_PORT=$management_port \
     EMBEDDINGS_INDEX_TYPE="${index_type:-ivfflat}" exec scripts/iot-embeddings schedule --cron='0 0 0 1 1 ? 2099' \
     >"$log" 2>&1) &
  pid=$!
  for _ in $(seq 1 300); do
    grep -q 'schedule: console at' "$log" && break
    kill -0 "$pid" 2>/dev/null || { tail -n 20 "$log" >&2; die "schedule stopped before it served the console"; }
    sleep 0.2
  done
  grep -q 'schedule: console at' "$log" || { tail -n 20 "$log" >&2; die "schedule did not serve the console within 60 s"; }
}

stop_schedule() {
  kill -TERM "$pid"
  wait "$pid" 2>/dev/null || true
  pid=""
}

sign_in() { console_sign_in "$base" "$work"; }

# get PATH ELEMENT BODY: one request as the browser sends it; prints "status seconds"; fails unless the
# answer is 200 and holds ELEMENT.
get() {
  local path=$1 element=$2 body=$3 answer
  answer=$(curl -s --compressed -b "$work/cookies" -H 'Accept: text/html,application/json;q=0.9,*/*;q=0.8' \
    -o "$body" -w '%{http_code} %{time_total}' "$base$path")
  [[ "${answer%% *}" == 200 ]] || die "GET $path answered ${answer%% *}"
  grep -q 'id="signin-form"' "$body" && die "GET $path answered the sign-in page"
  grep -qF "$element" "$body" || die "GET $path: no $element in the answer"
  echo "$answer"
}

# The overview reads the scheduler's backlog snapshot, measured in the background once the model is
# loaded (signing in loaded it: the overview names the model); until then it measures on each request.
# Wait for the snapshot, as a scheduler that has run a while has one.
wait_for_backlog_snapshot() {
  for _ in $(seq 1 150); do
    curl -s "http://127.0.0.1:$management_port/actuator/prometheus" | grep -qE '^iot_embeddings_backlog_age_seconds(\{[^}]*\})? [0-9]' && return
    sleep 0.2
  done
  die "schedule measured no backlog within 30 s"
}

# ---------------------------------------------------------------------------------------------------
# 4. The times.
start_schedule "$OUT/schedule.log"
sign_in
wait_for_backlog_snapshot
say "schedule on $base, signed in; measuring"

exec 9>/tmp/iot-bench.lock
flock -w 600 9 || say "measuring without /tmp/iot-bench.lock: another benchmark held it for 10 minutes"
up_before=$(load)
: >"$OUT/times.txt"
# In rounds (every page once, in order, then again), so that the other work on the machine falls on
# every page alike rather than on whichever page was being timed when it came.
for round in $(seq 1 $((WARMUP + RUNS))); do
  n=0
  for entry in "${PAGES[@]}"; do
    path=${entry%%|*}
    n=$((n + 1))
    answer=$(get "$path" "${entry#*|}" "$work/body")
    (( round > WARMUP )) && echo "$path ${answer#* }" >>"$OUT/times.txt"
    (( round == WARMUP + RUNS )) && cp "$work/body" "$OUT/page-$n.body"
  done
done
up_after=$(load)
flock -u 9

echo "Console pages at $events events ($embedded embedded, index $index_type), $executions executions," \
  "$failing failed events; $RUNS requests each after $WARMUP to warm up; curl time_total"
echo "Before: $up_before; after: $up_after ($(nproc) cores)"
echo
echo "| Page | p50 | p95 | max | target | met? |"
echo "|---|---:|---:|---:|---:|---|"
python3 - "$OUT/times.txt" <<'PY'
import math, sys
times = {}
for line in open(sys.argv[1]):
    path, seconds = line.rsplit(" ", 1)
    times.setdefault(path, []).append(float(seconds) * 1000)
def pct(values, p):  # nearest rank
    values = sorted(values)
    return values[max(math.ceil(p * len(values) / 100) - 1, 0)]
for path, values in times.items():
    p50, p95, top = pct(values, 50), pct(values, 95), max(values)
    print(f"| `{path}` | {p50:.0f} ms | {p95:.0f} ms | {top:.0f} ms | 300 ms | {'yes' if p95 <= 300 else '**no**'} |")
PY
stop_schedule

# ---------------------------------------------------------------------------------------------------
# 5. What PostgreSQL ran for one request of each page: auto_explain on the copy's new sessions (the
# settings are the database's, so they reach the app's pool), one request per page between two
# markers, then the settings reset.
explain_settings set >/dev/null
start_schedule "$OUT/schedule-explained.log"
sign_in
wait_for_backlog_snapshot
for entry in "${PAGES[@]}"; do
  get "${entry%%|*}" "${entry#*|}" "$work/body" >/dev/null   # plans cached, as in the timed runs
done
rm -rf "$OUT/statements"
mkdir -p "$OUT/statements"
n=0
for entry in "${PAGES[@]}"; do
  path=${entry%%|*}
  n=$((n + 1))
  offset=$(stat -c %s "$PG_LOG")
  db -c "select 'bench-console-pages begin $n'" >/dev/null
  get "$path" "${entry#*|}" "$work/body" >/dev/null
  db -c "select 'bench-console-pages end $n'" >/dev/null
  sleep 0.5   # the server writes its log asynchronously to the file
  tail -c +"$((offset + 1))" "$PG_LOG" \
    | awk -v b="bench-console-pages begin $n" -v e="bench-console-pages end $n" '
        index($0, e) && index($0, "Query Text") { exit } on { print } index($0, b) && index($0, "Query Text") { on = 1 }' \
    >"$OUT/statements/$n.log"
  printf '%s\n' "$path" >"$OUT/statements/$n.path"
done
stop_schedule
explain_settings reset >/dev/null

echo
echo "Statements per page (one request, auto_explain; plans in $OUT/statements/):"
echo
echo "| Page | statements | reading iot_events / event_embeddings: scan (rows out x loops) | Batch tables: sequential scans; most rows through one scan |"
echo "|---|---:|---|---|"
python3 - "$OUT/statements" "$BENCH_DB" <<'PY'
import glob, os, re, sys
d, database = sys.argv[1], sys.argv[2]
scan = re.compile(r"((?:Parallel )?(?:Seq Scan|Index Scan(?: Backward)?|Index Only Scan(?: Backward)?|Bitmap Heap Scan)"
                  r" (?:using (\S+) )?on (?:\w+\.)?(\w+)(?: \w+)?)\s+\(cost=[^)]*\) \(actual rows=(\d+) loops=(\d+)\)")
for n in sorted(int(os.path.basename(p)[:-5]) for p in glob.glob(f"{d}/*.path")):
    path = open(f"{d}/{n}.path").read().strip()
    # One auto_explain entry per statement: a "duration: ... plan:" line, the query text, the plan.
    entries = re.split(r"\n(?=\S.*LOG:  duration: )", open(f"{d}/{n}.log").read())
    # The app's statements (its role, this database), not the markers (postgres) nor other databases'.
    entries = [e for e in entries if "Query Text:" in e and f" iot_embeddings@{database} " in e.split("\n", 1)[0]]
    events, batch_seq, batch_most = [], 0, (0, "")
    for e in entries:
        lines = e.split("\n")
        for i, line in enumerate(lines):
            m = scan.search(line)
            if not m:
                continue
            node, index, table, rows, loops = m.group(1), m.group(2), m.group(3), int(m.group(4)), int(m.group(5))
            # Rows a scan looked at: what it returned and what its filter removed (both per loop).
            removed = 0
            for below in lines[i + 1:i + 6]:
                r = re.search(r"Rows Removed by (?:Filter|Index Recheck): (\d+)", below)
                if r:
                    removed += int(r.group(1))
            seen = (rows + removed) * loops
            if table in ("iot_events", "event_embeddings"):
                kind = "Seq Scan" if node.endswith("Seq Scan") else node.split(" using")[0]
                events.append(f"{kind} {index or table} ({rows} x {loops})")
            elif table.startswith("batch_"):
                batch_seq += node.endswith("Seq Scan")
                if seen > batch_most[0]:
                    batch_most = (seen, index or table)
    batch = f"{batch_seq}; {batch_most[0]} ({batch_most[1]})" if batch_most[0] else f"{batch_seq}; -"
    print(f"| `{path}` | {len(entries)} | {'; '.join(dict.fromkeys(events)) or 'none'} | {batch} |")
PY

#!/usr/bin/env bash
# HTTP load during a backfill, for docs/BENCHMARKS.md ("HTTP load during a backfill", issue 24 item 6):
#   scripts/bench-http-load.sh
# Targets: the backfill completes with no failed chunk, and its throughput under load drops by at most
# 30 %; /search p50/p95 and the share of requests refused are reported.
#
# Database: iot_embeddings_http_load on the local default server: STORED + EVENTS demo events (default
# 10,000 + 40,000), migrated, the newest STORED embedded by `backfill` (so that searches find neighbours,
# and the vector index is rebuilt on real rows, as `backfill` does past 10,000). KEEP=true reuses it when
# it has at least EVENTS events left to embed.
# Each run gets a fresh copy of it (CREATE DATABASE ... TEMPLATE), so every run does the same work.
#
# A run: `schedule` on a fresh copy (the jar extracted at the start, with the launcher's 512 MB heap; a
# cron that does not fire before 2099; generated admin and search tokens, never printed; index management
# off, so no rebuild follows the run), signed in as a browser, launches "backfill of EVENTS" from the console
# (POST /backfills: the pass runs on the process's background thread, beside its HTTP server). From
# LOAD_AFTER (20) seconds after its first committed chunk:
#   1. three windows of LOAD_SECONDS (60): before, during, after; during the middle one, CLIENTS (50)
#      clients of scripts/http-load.py (keep-alive connections; 3 GET /search for each POST /embed;
#      Retry-After honoured: RETRY_AFTER=ignore asks again at once);
#   2. then CYCLES (4) times: the same clients for 10 s, then 10 s without.
# The embedded rows are counted at every boundary. Other work on this shared machine (other engineers'
# builds and tests) changes the backfill's speed from one minute to the next, so the load is compared
# within the run: the middle window against the mean of the windows before and after it, and the cycles'
# 10 s with clients against their 10 s without (many short alternations cancel most of the drift). A
# first run without any client (ALONE=true; false skips it) does the same with no load at all, to show
# what the method reads when nothing changes. Also per run: CPU seconds in the middle window of the JVM
# (and of it the HTTP server's request threads, http-nio-*), of PostgreSQL's sessions on the copy, of the
# load generator and of the whole machine; the execution's status, rollbacks and rows, and the JVM's peak
# resident memory; requests by status, the share refused (429, 503), and p50/p95 of the answered ones
# (in the middle window). Settings for `schedule` go in SCHEDULE_ENV
# ("EMBEDDINGS_HTTP_MAX_CONCURRENT_SEARCHES=2 ..."), to try the levers. Measurements hold
# /tmp/iot-bench.lock; `uptime` is printed with them. Output: Markdown on stdout, details in
# target/bench-http-load/. About 7 minutes a run, plus 5 to prepare the database.
set -euo pipefail

cd "$(dirname "$0")/.."
source scripts/lib.sh

EVENTS="${EVENTS:-40000}"
CYCLES="${CYCLES:-4}"
STORED="${STORED:-10000}"
CLIENTS="${CLIENTS:-50}"
LOAD_AFTER="${LOAD_AFTER:-20}"
LOAD_SECONDS="${LOAD_SECONDS:-60}"
PREPARED=iot_embeddings_http_load
RUN_DB=iot_embeddings_http_load_run
OUT=target/bench-http-load
SCHEMA=embeddings

using_local_default || die "scripts/bench-http-load.sh uses the local default server: unset DATABASE_URL (environment and .env)"
pg() { runuser -u postgres -- psql -X -v ON_ERROR_STOP=1 -qAt "$@"; }
q() { pg -d "$RUN_DB" -c "set search_path = $SCHEMA, public" -c "$1"; }
exists() { [[ "$(pg -c "select 1 from pg_database where datname = '$1'")" == 1 ]]; }
load() { uptime | sed 's/.*load average: /load /'; }
now() { date +%s.%N; }
mkdir -p "$OUT"
bash scripts/provision-db.sh >/dev/null
ensure_jar

# The lock covers the preparation too (seeding and embedding 10,000 events would load the cores under
# another benchmark); a benchmark holding it for LOCK_WAIT seconds (default 2 hours) ends this one.
exec 9>/tmp/iot-bench.lock
say "waiting for /tmp/iot-bench.lock (another benchmark may be running)"
flock -w "${LOCK_WAIT:-7200}" 9 || die "another benchmark held /tmp/iot-bench.lock for ${LOCK_WAIT:-7200} s"

# ---------------------------------------------------------------------------------------------------
# 1. The prepared database.
if [[ "${KEEP:-false}" == true ]] && exists "$PREPARED" \
    && (( $(pg -d "$PREPARED" -c "select count(*) from public.iot_events") >= STORED + EVENTS )) \
    && [[ "$(pg -d "$PREPARED" -c "select count(*) from public.event_embeddings")" == "$STORED" ]]; then
  say "reusing $PREPARED (KEEP=true)"
else
  start=$(date +%s)
  use_scratch_database "$PREPARED"
  scripts/iot-embeddings demo-seed --events="$((STORED + EVENTS))" >/dev/null
  scripts/iot-embeddings migrate >/dev/null
  scripts/iot-embeddings backfill --limit="$STORED" >/dev/null
  say "prepared $PREPARED: $((STORED + EVENTS)) events, $STORED embedded, in $(( $(date +%s) - start )) s"
fi

# ---------------------------------------------------------------------------------------------------
# 2. One run. `schedule` runs from the jar as extracted now, with the launcher's heap: a build during the
# benchmark (the launcher rebuilds when a source changes) cannot change what is measured.
work=$(mktemp -d)
chmod 700 "$work"
java -Djarmode=tools -jar "$JAR" extract --destination "$work/app" >/dev/null
pid=""
cleanup() {
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
  pg -c "drop database if exists $RUN_DB with (force)" >/dev/null 2>&1 || true
}
trap cleanup EXIT
random_token() { head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
random_token >"$work/admin"
random_token >"$work/search"
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port)
management_port=$(free_port)
base="http://127.0.0.1:$port"

start_schedule() {
  local log=$1
  : >"$log"
  # shellcheck disable=SC2086 # SCHEDULE_ENV is a list of NAME=VALUE words
  (use_database "$RUN_DB"
   exec env EMBEDDINGS_ADMIN_TOKEN="$(cat "$work/admin")" EMBEDDINGS_SEARCH_TOKEN="$(cat "$work/search")" \
     SERVER_PORT="$port" MANAGEMENT_SERVER_PORT="$management_port" EMBEDDINGS_INDEX_MANAGE=false ${SCHEDULE_ENV:-} \
     java -Xmx"${JAVA_HEAP:-512m}" -jar "$work/app/iot-embeddings.jar" schedule --cron='0 0 0 1 1 ? 2099' >"$log" 2>&1) &
  pid=$!
  for _ in $(seq 1 600); do
    grep -q 'schedule: console at' "$log" && return
    kill -0 "$pid" 2>/dev/null || { tail -n 20 "$log" >&2; die "schedule stopped before it served the console"; }
    sleep 0.2
  done
  tail -n 20 "$log" >&2
  die "schedule did not serve the console within 120 s"
}

stop_schedule() {
  kill -TERM "$pid"
  wait "$pid" 2>/dev/null || true
  pid=""
}

sign_in() { console_sign_in "$base" "$work"; }

embedded() { pg -d "$RUN_DB" -c "select count(*) from public.event_embeddings"; }
ended() { [[ "$(q "select end_time is not null from batch_job_execution order by job_execution_id desc limit 1")" == t ]]; }
ticks=$(getconf CLK_TCK)
# CPU seconds (user + system) so far: of process $1; of its threads whose name starts with $2 (Tomcat's
# request threads: http-nio-); of the PostgreSQL sessions on the copy; of the whole machine.
cpu_of() { awk -v t="$ticks" '{ print ($14 + $15) / t }' "/proc/$1/stat"; }
cpu_of_threads() {
  cat /proc/"$1"/task/*/stat 2>/dev/null | awk -v t="$ticks" -v name="($2" '
    { i = index($0, ") "); if (substr($0, index($0, "("), length(name)) == name) { split(substr($0, i + 2), f, " "); s += f[12] + f[13] } }
    END { print s / t }'
}
cpu_of_sessions() {
  local total=0 p
  for p in $(pgrep -u postgres -f "postgres: .* $RUN_DB "); do
    total=$(awk -v t="$ticks" -v s="$total" '{ print s + ($14 + $15) / t }' "/proc/$p/stat" 2>/dev/null || echo "$total")
  done
  echo "$total"
}
cpu_of_machine() { awk -v t="$ticks" '/^cpu / { print ($2 + $3 + $4 + $7 + $8 + $9) / t }' /proc/stat; }
# One line per window boundary: time, embedded rows, CPU of the JVM, its request threads, PostgreSQL's
# sessions and the machine, and whether the backfill has ended.
sample() {
  local done=0
  ended && done=1
  echo "$(now) $(embedded) $(cpu_of "$pid") $(cpu_of_threads "$pid" http-nio-) $(cpu_of_sessions) $(cpu_of_machine) $done"
}

# clients SECONDS OUT: the load generator for SECONDS.
clients() { python3 scripts/http-load.py "$port" "$work/search" "$1" "$CLIENTS" "$2" >&2; }

# run LABEL LOAD(true|false): the samples at every boundary in $OUT/LABEL.samples, the execution as JSON
# on stdout.
run() {
  local label=$1 with_load=$2 answer peak cycle
  pg -c "drop database if exists $RUN_DB with (force)" >/dev/null
  pg -c "create database $RUN_DB template $PREPARED owner ${LOCAL_DB_ROLE:-iot_embeddings}" >/dev/null
  start_schedule "$OUT/schedule-$label.log"
  sign_in
  answer=$(curl -s -b "$work/cookies" -o "$work/backfill.html" -w '%{http_code}' --data-urlencode "limit=$EVENTS" \
    --data-urlencode "_csrf@$work/csrf" "$base/backfills")
  [[ "$answer" == 200 ]] && grep -q 'requested' "$work/backfill.html" || die "POST /backfills answered $answer"
  until (( $(embedded) > STORED )); do sleep 0.2; done
  sleep "$LOAD_AFTER"
  sample >"$OUT/$label.samples"
  sleep "$LOAD_SECONDS"
  sample >>"$OUT/$label.samples"
  if [[ "$with_load" == true ]]; then clients "$LOAD_SECONDS" "$OUT/$label-requests.json"; else sleep "$LOAD_SECONDS"; fi
  sample >>"$OUT/$label.samples"
  sleep "$LOAD_SECONDS"
  sample >>"$OUT/$label.samples"
  for cycle in $(seq 1 "$CYCLES"); do
    ended && break
    if [[ "$with_load" == true ]]; then clients 10 "$work/cycle.json"; else sleep 10; fi
    sample >>"$OUT/$label.samples"
    sleep 10
    sample >>"$OUT/$label.samples"
  done
  until ended; do sleep 1; done
  peak=$(awk '/^VmHWM/ { print $2 / 1024 }' "/proc/$pid/status")
  q "select json_build_object('label', '$label', 'execution', e.job_execution_id, 'status', e.status,
       'written', s.write_count, 'rollbacks', s.rollback_count, 'skipped', s.process_skip_count,
       'seconds', extract(epoch from e.end_time - e.start_time), 'peak_rss_mb', $peak,
       'embedded', (select count(*) from public.event_embeddings))
     from batch_job_execution e join batch_step_execution s using (job_execution_id)
     order by e.job_execution_id desc limit 1"
  stop_schedule
}

up_before=$(load)
rm -f "$OUT"/*.samples "$OUT"/*.json
if [[ "${ALONE:-true}" == true ]]; then
  say "run 1: backfill of $EVENTS, no clients"
  run alone false >"$OUT/alone.json"
fi
say "run 2: backfill of $EVENTS, $CLIENTS clients for $LOAD_SECONDS s, then $CYCLES times 10 s"
run load true >"$OUT/load.json"
up_after=$(load)
flock -u 9

echo "HTTP load during a backfill of $EVENTS events ($STORED already embedded), $CLIENTS clients;"
echo "${SCHEDULE_ENV:+settings: $SCHEDULE_ENV; }before: $up_before; after: $up_after ($(nproc) cores)"
echo
python3 - "$OUT" "$STORED" "$EVENTS" <<'PY'
import json, math, os, sys
out, stored, events = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
labels = [label for label in ("alone", "load") if os.path.exists(f"{out}/{label}.json")]
runs = {label: json.load(open(f"{out}/{label}.json")) for label in labels}
requests = json.load(open(f"{out}/load-requests.json"))
windows = {}
for label in labels:
    rows = [list(map(float, line.split())) for line in open(f"{out}/{label}.samples")]
    windows[label] = [{"seconds": b[0] - a[0], "rows": b[1] - a[1], "rate": (b[1] - a[1]) / (b[0] - a[0]),
                       "jvm": b[2] - a[2], "http": b[3] - a[3], "pg": b[4] - a[4], "machine": b[5] - a[5],
                       "ended": b[6] == 1} for a, b in zip(rows, rows[1:])]
def pct(values, p):  # nearest rank
    values = sorted(values)
    return values[max(math.ceil(p * len(values) / 100) - 1, 0)] if values else float("nan")
def window_drop(w):
    return (1 - w[1]["rate"] / ((w[0]["rate"] + w[2]["rate"]) / 2)) * 100
def cycles(w):
    """The 10 s on / 10 s off pairs the backfill outlived."""
    return [(on, off) for on, off in zip(w[3::2], w[4::2]) if not off["ended"]]
def cycle_rates(w):
    pairs = cycles(w)
    if not pairs:
        return float("nan"), float("nan")
    rate = lambda ws: sum(x["rows"] for x in ws) / sum(x["seconds"] for x in ws)
    return rate([on for on, _ in pairs]), rate([off for _, off in pairs])
def valid(w):
    return len(w) >= 3 and not w[2]["ended"]
print("| Backfill rows/s | 60 s before | 60 s with clients | 60 s after | drop | 10 s with clients (cycles) | 10 s without | drop |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for label in labels:
    w = windows[label]
    on, off = cycle_rates(w)
    name = "run 1, no clients (the method's own noise)" if label == "alone" else f"run 2, {requests['clients']} clients"
    note = "" if valid(w) else " **(the backfill ended within the windows: raise EVENTS)**"
    print(f"| {name}{note} | {w[0]['rate']:.1f} | {w[1]['rate']:.1f} | {w[2]['rate']:.1f} | {window_drop(w):.1f} % "
          f"| {on:.1f} | {off:.1f} | {(1 - on / off) * 100:.1f} % |")
print()
w = windows["load"]
on, off = cycle_rates(w)
print("| Target | measured | met? |")
print("|---|---:|---|")
d = window_drop(w)
print(f"| throughput drops by at most 30 %: 60 s of clients against the minutes before and after | {d:.1f} % | {'yes' if d <= 30 else '**no**'} |")
d = (1 - on / off) * 100
print(f"| the same, 10 s with clients against 10 s without, {len(cycles(w))} times | {d:.1f} % | {'yes' if d <= 30 else '**no**'} |")
for label in labels:
    r = runs[label]
    ok = r["status"] == "COMPLETED" and r["rollbacks"] == 0 and r["written"] == events and r["embedded"] == stored + events
    print(f"| completes with no failed chunk ({label}): {r['status']}, {r['written']} written, {r['rollbacks']} rollbacks,"
          f" {r['skipped']} skipped, {r['embedded']} rows embedded; {r['written'] / r['seconds']:.1f} rows/s over its"
          f" {r['seconds']:.0f} s | | {'yes' if ok else '**no**'} |")
print()
print("| CPU seconds in the 60 s with clients (2 cores: 120) | run 2 |" + (" run 1, same window |" if "alone" in labels else ""))
print("|---|---:|" + ("---:|" if "alone" in labels else ""))
b = windows["load"][1]
print(f"| the JVM (backfill and HTTP) | {b['jvm']:.1f} |" + (f" {windows['alone'][1]['jvm']:.1f} |" if "alone" in labels else ""))
print(f"| of which the HTTP request threads (query embedding included) | {b['http']:.1f} |" + (f" {windows['alone'][1]['http']:.1f} |" if "alone" in labels else ""))
print(f"| PostgreSQL's sessions on the database | {b['pg']:.1f} |" + (f" {windows['alone'][1]['pg']:.1f} |" if "alone" in labels else ""))
print(f"| the load generator | {requests['generator_cpu_seconds']:.1f} |" + (" - |" if "alone" in labels else ""))
others = b["machine"] - b["jvm"] - b["pg"] - requests["generator_cpu_seconds"]
a = windows["alone"][1] if "alone" in labels else None
print(f"| everything else (other engineers' work, PostgreSQL's own processes) | {others:.1f} |"
      + (f" {a['machine'] - a['jvm'] - a['pg']:.1f} |" if a else ""))
print(f"| the JVM's peak resident memory, MB | {runs['load']['peak_rss_mb']:.0f} |" + (f" {runs['alone']['peak_rss_mb']:.0f} |" if a else ""))
print()
total = sum(sum(c.values()) for c in requests["counts"].values())
print(f"Requests in the 60 s with clients: {total}, Retry-After "
      f"{'honoured' if requests['honour_retry_after'] else 'ignored'}; latency of the answered (200) ones, client side:")
print()
print("| Endpoint | requests | 200 | 429 | 503 | other | refused | p50 | p95 |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for endpoint, counts in sorted(requests["counts"].items(), reverse=True):
    n = sum(counts.values())
    ok, busy, unavailable = counts.get("200", 0), counts.get("429", 0), counts.get("503", 0)
    times = requests["latencies_ms"].get(endpoint, [])
    print(f"| `{'GET /search' if endpoint == 'search' else 'POST /embed'}` | {n} | {ok} | {busy} | {unavailable} "
          f"| {n - ok - busy - unavailable} | {(busy + unavailable) / n * 100:.1f} % | {pct(times, 50):.0f} ms | {pct(times, 95):.0f} ms |")
PY

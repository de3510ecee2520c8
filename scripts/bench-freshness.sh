#!/usr/bin/env bash
# Insert-to-embedding latency in `schedule` mode, reproduced for docs/BENCHMARKS.md, in a throw-away
# database (iot_embeddings_fresh) on the local default server:
#   1. with the opt-in change trigger (LISTEN/NOTIFY wake-up): `sync-test --samples=50`
#   2. cron only, every 10 s: `sync-test --samples=10` (latency is bounded by the period)
set -euo pipefail

cd "$(dirname "$0")/.."
source scripts/lib.sh

FRESH_DB=iot_embeddings_fresh

using_local_default || die "scripts/bench-freshness.sh uses the local default server: unset DATABASE_URL (environment and .env)"
bash scripts/provision-db.sh
ensure_jar
use_scratch_database "$FRESH_DB"

app() { java -jar "$JAR" "$@"; }
log=$(mktemp)
scheduler=""
stop_scheduler() {
  if [[ -n "$scheduler" ]]; then
    kill -TERM "$scheduler" 2>/dev/null || true
    wait "$scheduler" 2>/dev/null || true
    scheduler=""
  fi
}
trap 'stop_scheduler; rm -f "$log"' EXIT

start_scheduler() {
  : >"$log"
  SERVER_PORT=0 MANAGEMENT_SERVER_PORT=0 java -jar "$JAR" schedule "$@" >"$log" 2>&1 &
  scheduler=$!
  for _ in $(seq 1 300); do
    grep -q "schedule: running" "$log" && return
    sleep 0.1
  done
  die "the scheduler did not start; its output: $(tail -n 5 "$log")"
}

app demo-seed --events=200 >/dev/null
app migrate >/dev/null
app sync >/dev/null 2>&1

app install-trigger >/dev/null
start_scheduler
app sync-test --samples=50 --timeout=30 --reports-dir="$(mktemp -d)" | while read -r line; do say "with change trigger: $line"; done
stop_scheduler

app remove-trigger >/dev/null
start_scheduler "--cron=0/10 * * * * ?"
app sync-test --samples=10 --timeout=30 --reports-dir="$(mktemp -d)" | while read -r line; do say "cron every 10 s, no trigger: $line"; done
stop_scheduler

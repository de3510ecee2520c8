#!/usr/bin/env bash
# Reproduces the figures in docs/BENCHMARKS.md on the local default server, in a throw-away database
# (iot_embeddings_bench, dropped and re-created each time; the main database is not touched):
#   1. cold start: wall time of `backfill --limit=1`, JVM start to exit, three runs
#   2. model alone: `bench` on the newest 512 demo texts in chunks of 64
#   3. end to end: `backfill --limit=5000` on 5,000 demo events
#   BENCH_EVENTS=N (default 5000)  CHUNK_SIZE=N (default 64)
set -euo pipefail

cd "$(dirname "$0")/.."
source scripts/lib.sh

BENCH_EVENTS="${BENCH_EVENTS:-5000}"
CHUNK_SIZE="${CHUNK_SIZE:-64}"
BENCH_DB=iot_embeddings_bench

using_local_default || die "scripts/bench.sh uses the local default server: unset DATABASE_URL (environment and .env)"
bash scripts/provision-db.sh
ensure_jar

use_scratch_database "$BENCH_DB"

app() { java -jar "$JAR" "$@"; }
now_ms() { date +%s%3N; }

say "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -n 1)"
app demo-seed --events=$((BENCH_EVENTS + 3)) >/dev/null
app migrate >/dev/null

for run in 1 2 3; do
  start=$(now_ms)
  app backfill --limit=1 --chunk-size="$CHUNK_SIZE" >/dev/null 2>&1
  say "cold start, backfill --limit=1, run $run: $(( $(now_ms) - start )) ms"
done

app bench --texts=512 --chunk-size="$CHUNK_SIZE" | grep '^bench:' | while read -r line; do say "$line"; done

start=$(now_ms)
app backfill --limit="$BENCH_EVENTS" --chunk-size="$CHUNK_SIZE" 2>/dev/null | grep -E '^(backfill|row parity):' \
  | while read -r line; do say "$line"; done
say "end to end, backfill --limit=$BENCH_EVENTS: $(( $(now_ms) - start )) ms wall, JVM start to exit"

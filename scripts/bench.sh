#!/usr/bin/env bash
# Reproduces the performance figures in docs/BENCHMARKS.md, side by side in one run, on the local default
# server in a throw-away database (iot_embeddings_bench, dropped and re-created; the main database is
# not touched). About 15 minutes on 2 cores.
#   1. cold start: JVM start to exit of `backfill --limit=1`, through scripts/iot-embeddings (three runs),
#      and once with plain `java -jar` for comparison
#   2. `bench` (scripts/iot-embeddings-bench: the benchmarks' own jar): this tool's embedder at several
#      chunk sizes, langchain4j's, a bare ONNX Runtime session, the int8 model, and the upsert path alone
#      (batched INSERT vs binary COPY)
#   3. end to end: `backfill --limit=20000`, its events/s, its ratio to model-only, and its peak RSS (demo
#      texts repeat, and each distinct text is embedded once: scripts/bench-distinct-texts.sh separates the two)
#   4. similarity at 100,000 embedded rows: `sync` the rest, rebuild the IVFFlat index on the data,
#      then `validate` (top-5 latency p50/p95 and recall@10 at the probes the tool sets)
#   BENCH_EVENTS (default 100000)  E2E_EVENTS (default 20000)  BENCH_TEXTS (default 1024)
set -euo pipefail

cd "$(dirname "$0")/.."
source scripts/lib.sh

BENCH_EVENTS="${BENCH_EVENTS:-100000}"
E2E_EVENTS="${E2E_EVENTS:-20000}"
BENCH_TEXTS="${BENCH_TEXTS:-1024}"
BENCH_DB=iot_embeddings_bench
OUT="${BENCH_OUT:-target/bench}"

using_local_default || die "scripts/bench.sh uses the local default server: unset DATABASE_URL (environment and .env)"
bash scripts/provision-db.sh
ensure_jar
ensure_bench_jar
use_scratch_database "$BENCH_DB"
mkdir -p "$OUT"

app() { scripts/iot-embeddings "$@"; }
now_ms() { date +%s%3N; }
psql_bench() { runuser -u postgres -- psql -d "$BENCH_DB" -qAt -c "$1"; }

say "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -n 1)"
start=$(now_ms)
app demo-seed --events="$((BENCH_EVENTS + 3))" >/dev/null
say "demo-seed --events=$((BENCH_EVENTS + 3)): $(( $(now_ms) - start )) ms"
app migrate >/dev/null
# Makes sure the class-data-sharing archive exists before anything is timed.
app executions --limit=1 >/dev/null

for run in 1 2 3; do
  start=$(now_ms)
  app backfill --limit=1 >/dev/null 2>&1
  say "cold start, scripts/iot-embeddings backfill --limit=1, run $run: $(( $(now_ms) - start )) ms"
done
start=$(now_ms)
java -jar "$JAR" backfill --limit=1 >/dev/null 2>&1
say "cold start, java -jar $JAR backfill --limit=1: $(( $(now_ms) - start )) ms"

scripts/iot-embeddings-bench bench --texts="$BENCH_TEXTS" 2>/dev/null | tee "$OUT/bench.md"
model_only=$(grep -m1 '^| this tool, chunk 64 |' "$OUT/bench.md" | awk -F'|' '{gsub(/ /, "", $3); print $3}')

start=$(now_ms)
/usr/bin/time -v -o "$OUT/e2e-time.txt" scripts/iot-embeddings backfill --limit="$E2E_EVENTS" 2>/dev/null \
  | tee "$OUT/e2e.txt" | grep -E '^(backfill|backlog):' | while read -r line; do say "$line"; done
say "end to end, backfill --limit=$E2E_EVENTS: $(( $(now_ms) - start )) ms wall, JVM start to exit"
rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$OUT/e2e-time.txt")
say "peak RSS of that backfill: $((rss_kb / 1024)) MiB"
e2e=$(grep -m1 '^backfill:' "$OUT/e2e.txt" | sed -E 's/.*\(([0-9.]+) events\/s\).*/\1/')
say "end to end $e2e events/s vs model-only $model_only texts/s (chunk 64): ratio $(awk -v a="$e2e" -v b="$model_only" 'BEGIN {printf "%.2f", a / b}')"

start=$(now_ms)
app sync 2>/dev/null | grep -E '^(sync|backlog):' | while read -r line; do say "$line"; done
say "sync of the rest: $(( $(now_ms) - start )) ms"
# The specified index was built on an empty table, so its centroids are meaningless: rebuild it on the
# data, as an operator would (the index lifecycle automates this).
start=$(now_ms)
psql_bench "reindex index concurrently public.event_embeddings_embedding_idx"
say "reindex of the IVFFlat index (lists = 100) on $(psql_bench 'select count(*) from public.event_embeddings') rows: $(( $(now_ms) - start )) ms"
app validate --reports-dir="$OUT/reports" >/dev/null 2>&1 || true
python3 - "$OUT/reports/emb_validation.json" <<'PY'
import json, sys
v = json.load(open(sys.argv[1]))
for s in v["similarity"]:
    print(f"[iot-embeddings] similarity, {s['name']}: p50 {s['p50Ms']:.2f} ms, p95 {s['p95Ms']:.2f} ms, index used: {s['usedIndex']}", file=sys.stderr)
r = v["recall"]
print(f"[iot-embeddings] top-5 through the index, one query per sampled vector: p50 {r['topFiveP50Ms']:.2f} ms, p95 {r['topFiveP95Ms']:.2f} ms at {r['searchSetting']} = {r['probesInUse']}", file=sys.stderr)
print(f"[iot-embeddings] recall@{r['k']} over {r['queries']} queries: {r['recallAtProbesInUse']:.3f} at {r['searchSetting']} = {r['probesInUse']} (lists {r['lists']}); smallest value reaching {r['target']}: {r['probesForTarget']}", file=sys.stderr)
PY

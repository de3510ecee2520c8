#!/usr/bin/env bash
# Events/s end to end when each distinct text is embedded once, for docs/BENCHMARKS.md ("Each distinct
# text once"). Three backfills of DISTINCT_EVENTS events (default 10000) on the local default server, in
# a throw-away database (iot_embeddings_distinct, dropped and re-created for each of the first two):
#   1. all distinct: demo events, each text made unique by one more payload field (a few tokens longer);
#      every event costs a model computation, plus the lookup that finds nothing
#   2. demo data: `demo-seed` events with the repetition the generator gives
#   3. the next DISTINCT_EVENTS demo events on top of 2: texts the first run already stored are copied
# Prints a Markdown table: events/s inside the job, and where the vectors came from (the run's line).
# Wrap it in `flock /tmp/iot-bench.lock` on a shared machine.
set -euo pipefail

cd "$(dirname "$0")/.."
source scripts/lib.sh

EVENTS="${DISTINCT_EVENTS:-10000}"
DB=iot_embeddings_distinct

using_local_default || die "scripts/bench-distinct-texts.sh uses the local default server: unset DATABASE_URL (environment and .env)"
bash scripts/provision-db.sh
ensure_jar

app() { scripts/iot-embeddings "$@"; }
db() { runuser -u postgres -- psql -d "$DB" -v ON_ERROR_STOP=1 -qAt "$@"; }
distinct_texts() {
  db -c "select count(distinct md5(coalesce(embeddings.iot_embeddings_event_text(e), ''))) from
    (select * from public.iot_events order by id desc limit $EVENTS) e"
}
# | case | events | distinct texts | events/s | by the model | copied within a chunk | copied stored | model computations saved | load |
run() {
  local name=$1 line
  line=$(app backfill --limit="$EVENTS" 2>/dev/null | grep -m1 '^backfill:')
  say "$line"
  sed -E "s/.*, ([0-9,]+) events embedded in [0-9.]+ s \(([0-9]+) events\/s\).*vectors: ([0-9,]+) by the model, ([0-9,]+) copied \(([0-9,]+) within a chunk, ([0-9,]+) stored\).*/\1 \2 \3 \4 \5 \6/" <<<"$line" | tr -d , | {
    read -r written rate model copied in_chunk stored
    printf '| %s | %s | %s | **%s** | %s | %s | %s | %s%% | %s |\n' "$name" "$written" "$2" "$rate" "$model" "$in_chunk" "$stored" \
      "$(awk -v c="$copied" -v w="$written" 'BEGIN { printf "%.0f", 100 * c / w }')" "$(uptime | sed 's/.*average: //')"
  }
}
seed() {
  use_scratch_database "$DB"
  app demo-seed --events="$EVENTS" >/dev/null
  app migrate >/dev/null
}

say "machine: $(nproc) cores; $EVENTS events per run"
echo "| case | events | distinct texts | events/s in the job | by the model | copied within a chunk | copied stored | model computations saved | load (1/5/15 min) |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
seed
db -c "update public.iot_events set payload = payload || jsonb_build_object('n', id)"
run "all distinct" "$(distinct_texts)"
seed
run "demo data" "$(distinct_texts)"
app demo-seed --events="$EVENTS" >/dev/null
run "the next $EVENTS demo events (texts stored by the run before)" "$(distinct_texts)"

#!/usr/bin/env bash
# Search quality and hybrid latency for docs/BENCHMARKS.md ("Hybrid search", issue 27).
#   scripts/bench-search-quality.sh            precision@10 and nDCG@10 of semantic, keyword and hybrid search
#                                              over the labelled queries in scripts/search-quality-queries.tsv
#   scripts/bench-search-quality.sh EVENTS     latency p50/p95 of the three at EVENTS events (e.g. 100000,
#                                              1000000), and what keyword search costs to add at that size
# Runs on the local default server in throw-away databases (the main database is not touched).
#
# Quality: iot_embeddings_quality holds QUALITY_EVENTS (3,000) demo events from a seeded generator
# (demo-seed --seed=27: the same devices, types and payloads on every run), all embedded by the tool with
# the real model. The vector index is dropped, so semantic search is exact and its figures measure the
# model, not an approximate walk. The query set is generated from that data when the file is absent (or
# QUALITY_REGENERATE=true) and written to scripts/search-quality-queries.tsv, whose columns say what is
# relevant to each query:
#   device      "<device id> <its most frequent event type>" (the issue's experiment), "<device id> battery",
#               "<device id>": relevant = the device's events
#   type_room   "<event type> <room>": relevant = events of that type whose room (payload room, zone, door or
#               circuit) is that room
#   paraphrase  hand-written queries that share no word (no lexeme) with the texts of the events they
#               mean: relevant = events of the listed types; the script checks that they share none
# Queries are embedded by the tool itself (POST /embed on `serve`, type query). Each mode returns 10 events
# per query through the SQL functions the entry points call: semantic = match_iot_events(vector, 10),
# keyword = hybrid_match_iot_events(text, null, 10), hybrid = hybrid_match_iot_events(text, vector, 10).
# precision@10 = relevant among the 10 / 10; its ideal = min(10, relevant events) / 10; "share of ideal" =
# the sum of relevant hits over the sum of the possible ones (the issue's 33 of 87); nDCG@10 with binary
# relevance. Reused between runs (QUALITY_FRESH=true starts over: the backfill takes minutes).
#
# Latency at EVENTS: iot_embeddings_hybrid_EVENTS holds EVENTS demo events (same seed). Embedding them with
# the model would take hours, so each event gets the real vector of an event of the same type from the
# quality database plus a small noise vector (bench-scale.sh's, uniform in +-0.01 per dimension), with the
# text hash the tool stores and no keywords: an install from before keyword search. Then, timed: the GIN
# index's build over the still empty column (what migrate does to such an install, concurrently), the
# vector index (the tool's `index --rebuild=true`: IVFFlat, lists = rows / 1000), `keyword-index` (the fill
# pass, with both indexes in place), and a plain build of the GIN index over the filled column (its size and
# build time). Latency: pgbench, one client, HYBRID_TX (400) calls per mode, each one of the labelled
# queries at random with its vector (10 results), p50/p95 from the per-transaction log. The latency
# measurements hold /tmp/iot-bench.lock (shared with other benchmarks on this machine); `uptime` is
# recorded beside them. HYBRID_INDEXES ("ivfflat hnsw"): the vector indexes measured, each built by the
# tool's `index --rebuild=true` (HYBRID_REBUILD=false: measure with the index as it is). The prepared
# database is kept and reused (HYBRID_FRESH=true starts over). Output: Markdown on stdout, details in
# target/bench-search-quality/.
set -euo pipefail

cd "$(dirname "$0")/.."
source scripts/lib.sh

QUERIES_FILE=scripts/search-quality-queries.tsv
QUALITY_DB=iot_embeddings_quality
QUALITY_EVENTS="${QUALITY_EVENTS:-3000}"
SEED=27
OUT=target/bench-search-quality
# BENCH_LOCK: another lock file measures without waiting for the shared one (and disturbs what others measure).
LOCK="${BENCH_LOCK:-/tmp/iot-bench.lock}"
K=10

using_local_default || die "scripts/bench-search-quality.sh uses the local default server: unset DATABASE_URL (environment and .env)"
bash scripts/provision-db.sh
ensure_jar
mkdir -p "$OUT"
# psql runs as postgres and writes some files here itself.
chmod 777 "$OUT"

app() { EMBEDDINGS_INDEX_MANAGE=false scripts/iot-embeddings "$@"; }
qdb() { runuser -u postgres -- psql -d "$QUALITY_DB" -v ON_ERROR_STOP=1 -qAt "$@"; }
now_ms() { date +%s%3N; }
load() { uptime | sed 's/.*load average: /load /'; }
exec 9>>"$LOCK"

# ---------------------------------------------------------------------------------------------------
# The quality database: seeded demo events, every one embedded by the model, no vector index.
prepare_quality() {
  use_scratch_database "$QUALITY_DB"
  app demo-seed --events="$QUALITY_EVENTS" --seed=$SEED >/dev/null
  app migrate >/dev/null
  local start
  start=$(now_ms)
  app backfill --limit="$QUALITY_EVENTS" 2>/dev/null | grep -E '^backfill:' | while read -r line; do say "$line"; done
  say "backfill of $QUALITY_EVENTS events: $(( $(now_ms) - start )) ms"
  qdb -c "drop index if exists public.event_embeddings_embedding_idx" -c "vacuum analyze public.event_embeddings" \
    -c "create schema quality" -c "create table quality.ready as select $QUALITY_EVENTS as events, now() as at"
}

# The labelled queries, from the data (devices, types, rooms) and a hand-written list (paraphrases).
generate_queries() {
  say "writing $QUERIES_FILE"
  {
    printf 'class\tquery\tdevice_id\tevent_types\troom\n'
    qdb -F $'\t' <<'SQL'
-- 30 devices, the 4-5 with the most events of each kind, each asked for with its most frequent event type
-- (the issue's "<device id> <its main event type>"); 6 with "battery"; 4 by their id alone.
with per_device as (
  select device_id, split_part(device_id, '-', 1) as kind, count(*) as events,
    mode() within group (order by event_type) as main_type,
    count(*) filter (where event_type = 'battery_low') as battery
  from public.iot_events group by device_id
), ranked as (
  select *, row_number() over (partition by kind order by events desc, device_id) as n from per_device
)
select 'device', device_id || ' ' || replace(main_type, '_', ' '), device_id, '', '' from ranked
  where n <= case when kind in ('door', 'thermo') then 5 else 4 end
union all
select 'device', device_id || ' battery', device_id, '', '' from (
  select device_id from per_device where battery > 0 order by battery desc, device_id limit 6) b
union all
select 'device', device_id, device_id, '', '' from (
  select device_id from ranked where n = 6 order by device_id limit 4) d;
SQL
    qdb -F $'\t' <<'SQL'
-- 20 (event type, room) pairs that have at least 5 events, spread over the types.
with rooms as (
  select event_type, coalesce(payload ->> 'room', payload ->> 'zone', payload ->> 'door', payload ->> 'circuit') as room,
    count(*) as events
  from public.iot_events group by 1, 2
), ranked as (
  select *, row_number() over (partition by event_type order by md5(event_type || room)) as n
  from rooms where room is not null and events >= 5
)
select 'type_room', replace(event_type, '_', ' ') || ' ' || room, '', event_type, room from ranked
  where n <= case when event_type in ('temperature_reading', 'motion_detected', 'door_opened', 'power_usage') then 3 else 2 end
  order by event_type, n;
SQL
    cat <<'TSV'
paraphrase	scorching heat in the racks		overheating_alert	
paraphrase	equipment is cooking itself		overheating_alert	
paraphrase	something is burning		smoke_detected	
paraphrase	flames and soot		smoke_detected	
paraphrase	entrance left ajar		door_opened	
paraphrase	someone unlatched the gate		door_opened	
paraphrase	the gate was shut again		door_closed	
paraphrase	power cell running out		battery_low	
paraphrase	charge nearly depleted		battery_low	
paraphrase	somebody walking around		motion_detected	
paraphrase	movement spotted		motion_detected	
paraphrase	damp air		humidity_reading	
paraphrase	how muggy is it		humidity_reading	
paraphrase	electricity consumption		power_usage	
paraphrase	energy drawn by the machines		power_usage	
paraphrase	hardware malfunction		device_error	
paraphrase	communication breakdown		device_error	
paraphrase	repair work by staff		maintenance_note	
paraphrase	crew serviced the equipment		maintenance_note	
paraphrase	how warm is it		temperature_reading,overheating_alert	
TSV
  } > "$QUERIES_FILE"
}

# The queries and their vectors in quality.queries (the tool embeds them: POST /embed, type query).
load_queries() {
  qdb -c "drop table if exists quality.queries" \
    -c "create table quality.queries (q int generated always as identity primary key, class text, query text,
      device_id text, event_types text[], room text, embedding vector(384))"
  tail -n +2 "$QUERIES_FILE" | awk -F'\t' -v OFS='\t' '{ print $1, $2, $3, "{" $4 "}", $5 }' \
    | qdb -c "\\copy quality.queries (class, query, device_id, event_types, room) from stdin with (format text, null '')"
  local port=18090 management_port=18091 token header pid
  token=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
  header=$(mktemp); chmod 600 "$header"
  printf 'Authorization: Bearer %s\nContent-Type: application/json\n' "$token" > "$header"
  (EMBEDDINGS_SEARCH_TOKEN=$token SERVER_PORT=$port MANAGEMENT_SERVER_PORT=$management_port exec scripts/iot-embeddings serve \
    >"$OUT/serve.log" 2>&1) &
  pid=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$management_port/actuator/health/readiness" >/dev/null 2>&1 && break
    sleep 1
  done
  qdb -c "select q, query from quality.queries order by q" > "$OUT/queries.txt"
  python3 - "$OUT/queries.txt" "$header" "$port" > "$OUT/vectors.tsv" <<'PY'
import json, subprocess, sys
rows = [line.rstrip('\n').split('|', 1) for line in open(sys.argv[1])]
for i in range(0, len(rows), 64):
    batch = rows[i:i + 64]
    body = json.dumps({"input": [text for _, text in batch], "type": "query"})
    out = subprocess.run(["curl", "-sf", "-H", "@" + sys.argv[2], "--data-binary", "@-",
                          f"http://127.0.0.1:{sys.argv[3]}/embed"], input=body.encode(), capture_output=True, check=True)
    for (q, _), vector in zip(batch, json.loads(out.stdout)["embeddings"]):
        print(q + "\t[" + ",".join(repr(float(x)) for x in vector) + "]")
PY
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -f "$header"
  qdb -c "create temp table v (q int, embedding vector(384))" -c "\\copy v from '$OUT/vectors.tsv'" \
    -c "update quality.queries q set embedding = v.embedding from v where v.q = q.q"
  [[ "$(qdb -c "select count(*) from quality.queries where embedding is null")" == 0 ]] || die "queries without a vector"
}

quality() {
  if [[ "${QUALITY_FRESH:-false}" != true ]] && qdb -c "select events from quality.ready" 2>/dev/null | grep -qx "$QUALITY_EVENTS"; then
    use_database "$QUALITY_DB"
    say "reusing $QUALITY_DB (QUALITY_FRESH=true starts over)"
  else
    prepare_quality
  fi
  app migrate >/dev/null
  [[ -f "$QUERIES_FILE" && "${QUALITY_REGENERATE:-false}" != true ]] || generate_queries
  load_queries
  # Paraphrases must share no lexeme with the texts of the events they mean.
  local shared
  shared=$(qdb <<'SQL'
select string_agg(q.query || ' (' || w.word || ')', '; ') from quality.queries q
cross join lateral unnest(tsvector_to_array(to_tsvector('embeddings.iot_events', q.query))) as w(word)
where q.class = 'paraphrase' and exists (select 1 from public.event_embeddings ee join public.iot_events e on e.id = ee.event_id
  where e.event_type = any(q.event_types) and ee.keywords @@ quote_literal(w.word)::tsquery);
SQL
)
  [[ -z "$shared" ]] || die "paraphrases that share a word with their events: $shared"
  # No lock: what is measured here does not depend on the machine's load.
  qdb > "$OUT/quality.txt" <<SQL
create temp table hits (q int, mode text, rank int, event_id bigint, keyword_rank int, semantic_rank int);
insert into hits select q.q, 'semantic', m.n, m.id, null, m.n from quality.queries q
  cross join lateral public.match_iot_events(q.embedding, $K) with ordinality as m(id, similarity, created_at, event, n);
insert into hits select q.q, 'keyword', m.n, m.id, m.keyword_rank, m.semantic_rank from quality.queries q
  cross join lateral public.hybrid_match_iot_events(q.query, null, $K) with ordinality as m(id, similarity, created_at, event, keyword_rank, semantic_rank, score, n);
insert into hits select q.q, 'hybrid', m.n, m.id, m.keyword_rank, m.semantic_rank from quality.queries q
  cross join lateral public.hybrid_match_iot_events(q.query, q.embedding, $K) with ordinality as m(id, similarity, created_at, event, keyword_rank, semantic_rank, score, n);
create temp table relevant as
  select q.q, e.id as event_id from quality.queries q join public.iot_events e on case q.class
    when 'device' then e.device_id = q.device_id
    when 'type_room' then e.event_type = any(q.event_types) and q.room in (e.payload ->> 'room', e.payload ->> 'zone',
      e.payload ->> 'door', e.payload ->> 'circuit')
    else e.event_type = any(q.event_types) end;
create temp table per_query as
  select q.q, q.class, m.mode, r.relevant,
    count(h.event_id) filter (where x.event_id is not null) as good,
    least($K, r.relevant) as possible,
    coalesce(sum(1 / log(2, h.rank + 1)) filter (where x.event_id is not null), 0)
      / nullif((select sum(1 / log(2, i + 1)) from generate_series(1, least($K, r.relevant)) i), 0) as ndcg
  from quality.queries q cross join (values ('semantic'), ('keyword'), ('hybrid')) m(mode)
  join lateral (select count(*) as relevant from relevant where relevant.q = q.q) r on true
  left join hits h on h.q = q.q and h.mode = m.mode
  left join relevant x on x.q = h.q and x.event_id = h.event_id
  group by q.q, q.class, m.mode, r.relevant;
select '| ' || class || ' (' || count(*) || ' queries) | ' || mode || ' | '
  || to_char(avg(good::numeric / $K), 'FM0.000') || ' | ' || to_char(avg(possible::numeric / $K), 'FM0.000') || ' | '
  || to_char(100.0 * sum(good) / nullif(sum(possible), 0), 'FM990.0') || ' % (' || sum(good) || ' of ' || sum(possible) || ') | '
  || to_char(avg(ndcg), 'FM0.000') || ' |'
from per_query group by class, mode
order by case class when 'device' then 1 when 'type_room' then 2 else 3 end, case mode when 'semantic' then 1 when 'keyword' then 2 else 3 end;
\\copy (select q.class, q.query, p.mode, p.good, p.possible, round(p.ndcg::numeric, 3) from per_query p join quality.queries q using (q) order by q.q, p.mode) to '$OUT/per-query.tsv'
SQL
  echo
  echo "## Search quality: $QUALITY_EVENTS demo events (seed $SEED), $(qdb -c "select count(*) from quality.queries") labelled queries ($(load))"
  echo
  echo "| queries | mode | precision@$K | ideal precision@$K | share of ideal (relevant hits of possible) | nDCG@$K |"
  echo "| --- | --- | --- | --- | --- | --- |"
  cat "$OUT/quality.txt"
  say "per query: $OUT/per-query.tsv"
}

# ---------------------------------------------------------------------------------------------------
# Latency and costs at EVENTS events: synthetic vectors (real ones of the same type, plus noise), real texts.
prepare_latency() {
  local events=$1 start
  # The seeded events and their vectors take minutes at 1M: a run stopped after them goes on from there.
  if hdb -c "select events from bench.seeded" 2>/dev/null | grep -qx "$events"; then
    use_database "$db"
    say "reusing the events and vectors of $db"
  else
    seed_latency "$events"
  fi
  prepare_costs "$events"
}

# EVENTS seeded demo events, each with the real vector of an event of the same type plus noise, no keywords.
seed_latency() {
  local events=$1 start
  use_scratch_database "$db"
  start=$(now_ms)
  JAVA_HEAP=$(( events > 200000 ? 3 : 1 ))g app demo-seed --events="$events" --seed=$SEED >/dev/null
  say "demo-seed --events=$events: $(( $(now_ms) - start )) ms"
  app migrate >/dev/null
  app backfill --limit=1 >/dev/null
  hdb -c "create schema bench" \
    -c "create table bench.pool (event_type text, n int, embedding vector(384))" \
    -c "create table bench.queries (q int primary key, class text, query text, embedding vector(384))"
  qdb -c "\\copy (select e.event_type, row_number() over (partition by e.event_type order by e.id), ee.embedding from public.event_embeddings ee join public.iot_events e on e.id = ee.event_id) to stdout" \
    | hdb -c "\\copy bench.pool from stdin"
  qdb -c "\\copy (select q, class, query, embedding from quality.queries) to stdout" | hdb -c "\\copy bench.queries from stdin"
  start=$(now_ms)
  hdb <<'SQL'
create index on bench.pool (event_type, n);
create table bench.sizes as select event_type, count(*) as vectors from bench.pool group by event_type;
create table bench.noise as select n, (select array_agg(random() * 0.02 - 0.01) from generate_series(1, 384) d
  where n >= 0)::vector(384) as embedding from generate_series(0, 1008) n;
create index on bench.noise (n);
insert into public.event_embeddings (event_id, embedding, model, text_hash)
  select e.id, p.embedding + z.embedding, (select model from public.event_embeddings limit 1),
    md5(coalesce(embeddings.iot_embeddings_event_text(e), ''))
  from public.iot_events e
  join bench.sizes s using (event_type)
  join bench.pool p on p.event_type = e.event_type and p.n = 1 + abs(hashint8(e.id)) % s.vectors
  join bench.noise z on z.n = abs(hashint8(-e.id)) % 1009
  where not exists (select 1 from public.event_embeddings x where x.event_id = e.id);
-- As an install from before keyword search: rows without keywords, the fill still to run.
update embeddings.keyword_fill set below = null, filled = 0, started_at = null, finished_at = null;
SQL
  hdb -c "vacuum analyze public.iot_events" -c "vacuum analyze public.event_embeddings"
  say "embeddings from real vectors of the same type plus noise: $(( $(now_ms) - start )) ms"
  hdb -c "create table bench.seeded as select $events as events, now() as at"
}

# What keyword search costs such an install: the GIN index, the fill, the table's growth (under the lock).
prepare_costs() {
  local events=$1 start
  flock 9
  local up_build gin_empty vector_ms fill_out gin_ms gin_size table_before table_after
  up_build=$(load)
  table_before=$(hdb -c "select pg_size_pretty(pg_table_size('public.event_embeddings'))")
  hdb -c "drop index public.event_embeddings_keywords_idx"
  gin_empty=$(timed "create index concurrently event_embeddings_keywords_idx on public.event_embeddings using gin (keywords)")
  start=$(now_ms)
  app index --rebuild=true >/dev/null 2>&1
  vector_ms=$(( $(now_ms) - start ))
  # With the vector index the tool builds by default (IVFFlat): the fill updates it too.
  fill_out=$(app keyword-index 2>&1 | grep -E '^keyword-index: .* rows filled in' | tail -n 1)
  hdb -c "vacuum analyze public.event_embeddings"
  table_after=$(hdb -c "select pg_size_pretty(pg_table_size('public.event_embeddings'))")
  local gin_incremental
  gin_incremental=$(hdb -c "select pg_size_pretty(pg_relation_size('public.event_embeddings_keywords_idx'))")
  hdb -c "drop index public.event_embeddings_keywords_idx"
  gin_ms=$(timed "create index event_embeddings_keywords_idx on public.event_embeddings using gin (keywords)")
  gin_size=$(hdb -c "select pg_size_pretty(pg_relation_size('public.event_embeddings_keywords_idx'))")
  hdb -c "analyze public.event_embeddings"
  local keywords_bytes
  keywords_bytes=$(hdb -c "select round(avg(pg_column_size(keywords))) from public.event_embeddings tablesample system (1)")
  echo
  echo "## $(grouped "$events") events: what keyword search costs to add ($up_build)"
  echo
  echo "| step | figure |"
  echo "| --- | --- |"
  echo "| GIN index over the still empty column (migrate's \`create index concurrently\` on an existing install) | $gin_empty ms |"
  echo "| IVFFlat vector index (\`index --rebuild=true\`, lists = rows / 1000) | $vector_ms ms |"
  echo "| \`keyword-index\` (the fill pass, with the GIN and vector indexes in place) | ${fill_out#keyword-index: } |"
  echo "| keywords per row (average \`pg_column_size\`) | $keywords_bytes bytes |"
  echo "| event_embeddings (heap and TOAST) before / after the fill and a vacuum | $table_before / $table_after |"
  echo "| GIN index after the fill (grown row by row) | $gin_incremental |"
  echo "| GIN index built over the filled column (plain \`create index\`, maintenance_work_mem $(hdb -c "show maintenance_work_mem")) | $gin_ms ms, $gin_size |"
  flock -u 9
  hdb -c "create table bench.ready as select $events as events, now() as at"
}

latency() {
  local events=$1
  db="iot_embeddings_hybrid_$1"
  qdb -c "select 1 from quality.ready" >/dev/null 2>&1 && qdb -c "select count(*) from quality.queries" >/dev/null 2>&1 \
    || die "run scripts/bench-search-quality.sh (no argument) first: its database has the vectors and queries"
  if [[ "${HYBRID_FRESH:-false}" != true ]] && hdb -c "select events from bench.ready" 2>/dev/null | grep -qx "$events"; then
    use_database "$db"
    say "reusing $db (HYBRID_FRESH=true starts over)"
  else
    prepare_latency "$events"
  fi
  app migrate >/dev/null
  local index mode script logs count up
  count=$(hdb -c "select count(*) from bench.queries")
  echo
  echo "| events | index | mode | p50 ms | p95 ms | load |"
  echo "| --- | --- | --- | --- | --- | --- |"
  for index in ${HYBRID_INDEXES:-ivfflat hnsw}; do
    flock 9
    # HYBRID_REBUILD=false measures again with the vector index as it is (of the last type built).
    if [[ "${HYBRID_REBUILD:-true}" == true ]]; then
      EMBEDDINGS_INDEX_TYPE=$index app index --rebuild=true >"$OUT/index-$events-$index.log" 2>&1
      hdb -c "analyze public.event_embeddings"
    fi
    for mode in semantic keyword hybrid; do
      script="$OUT/latency-$mode.sql"
      { echo "\\set q random(1, $count)"
        case $mode in
          semantic) echo "select count(*) from public.match_iot_events((select embedding from bench.queries where q = :q), $K);" ;;
          keyword) echo "select count(*) from public.hybrid_match_iot_events((select query from bench.queries where q = :q), null, $K);" ;;
          hybrid) echo "select count(*) from public.hybrid_match_iot_events((select query from bench.queries where q = :q), (select embedding from bench.queries where q = :q), $K);" ;;
        esac
      } > "$script"
      chmod 644 "$script"
      logs=$(mktemp -d); chmod 777 "$logs"
      up=$(load)
      runuser -u postgres -- /usr/lib/postgresql/15/bin/pgbench -n -c 1 -t "${HYBRID_TX:-400}" -f "$script" -l \
        --log-prefix="$logs/log" "$db" >"$OUT/pgbench-$mode.out" 2>&1 || { cat "$OUT/pgbench-$mode.out" >&2; die "pgbench failed"; }
      awk '{ print $3 / 1000 }' "$logs"/log.* | sort -n | awk -v e="$(grouped "$events")" -v i="$index" -v m="$mode" -v u="$up" '{ v[NR] = $1 } END {
        printf "| %s | %s | %s | %.2f | %.2f | %s |\n", e, i, m, v[int(NR * 0.50 + 0.999)], v[int(NR * 0.95 + 0.999)], u }'
      rm -rf "$logs"
    done
    flock -u 9
  done
  hdb > "$OUT/plans-$events.txt" 2>&1 <<'SQL'
load 'auto_explain';
set auto_explain.log_min_duration = 0;
set auto_explain.log_nested_statements = on;
set auto_explain.log_analyze = on;
set auto_explain.log_buffers = on;
set client_min_messages = log;
set auto_explain.log_level = notice;
select count(*) from public.hybrid_match_iot_events((select query from bench.queries where q = 1), (select embedding from bench.queries where q = 1), 10);
SQL
}

hdb() { runuser -u postgres -- psql -d "$db" -v ON_ERROR_STOP=1 -qAt "$@"; }
timed() { local s; s=$(now_ms); hdb -c "$1" >/dev/null; echo $(( $(now_ms) - s )); }
grouped() { echo "$1" | sed -E ':a; s/([0-9])([0-9]{3})($|,)/\1,\2\3/; ta'; }

if [[ $# -eq 0 ]]; then
  quality
else
  latency "$1"
fi

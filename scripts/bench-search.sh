#!/usr/bin/env bash
# Query benchmarks for docs/BENCHMARKS.md: top-10 latency p50/p95 and recall@10 against exact search,
# IVFFlat and HNSW, unfiltered and with selective filters, and what each index costs to build.
#   scripts/bench-search.sh EVENTS        (e.g. 100000, 1000000)
# Runs on the local default server in a throw-away database (iot_embeddings_search_EVENTS; the main
# database is not touched).
#
# Data: EVENTS + 200 demo events from `demo-seed`, embedded by the tool (`backfill`), each distinct text
# once: the events that repeat a text are parked while the tool embeds one event per text, then put back
# with that event's vector (the model is deterministic, so they get the vector the tool would give them;
# a `sync` afterwards must find nothing to embed, which checks every text hash). 200 events whose text
# occurs once are held out: their vectors become the queries and the events are deleted, so no query is
# in the searched set. The prepared database is kept and reused by the next run (SEARCH_FRESH=true
# starts over). Exact top-10 per query and filter: sequential scans, no index, once.
#
# Filters, each about 1% of the events: a time range (created_at between two percentiles), one device
# (to_jsonb(e) @> {"device_id": ...}) and a payload value (to_jsonb(e) @> {"payload": {"technician": ...}}).
#
# Then, per index (IVFFlat with lists = rows / 1000 as the tool builds it; HNSW m 16, ef_construction 64):
# the build through the tool's own `index --rebuild=true` (time from its log, size from the catalog), and
# for each setting tried, recall@10 over the 200 queries and per-query latency through pgbench (one
# client, a custom script that picks one of the 200 queries at random, per-transaction logs). The query
# is public.match_iot_events when the database has it, else its equivalent SQL with the same settings.
# Measurements hold /tmp/iot-bench.lock (shared with other benchmarks on this machine); `uptime` is
# recorded beside them. Output: Markdown on stdout, details in target/bench-search/EVENTS/.
# Settings: SEARCH_POOL=DB (the fallback below), SEARCH_PREPARE_ONLY=true (prepare, measure later),
# SEARCH_INDEXES ("ivfflat hnsw"), SEARCH_FILTERS ("time device payload"), SEARCH_TX (400 pgbench
# transactions per figure), SEARCH_BASELINE=false (skip exact search without a vector index),
# SEARCH_BUILD_MEMORY (4GB). At 100k it also times GET /search end to end on `serve`.
# Disk: about 2.5 GB per million events with both indexes. Time at 1M: about an hour to embed (390,000
# distinct texts), then about 30 minutes.
set -euo pipefail

cd "$(dirname "$0")/.."
source scripts/lib.sh

EVENTS="${1:?usage: scripts/bench-search.sh EVENTS}"
QUERIES=200
K=10
SEARCH_DB="iot_embeddings_search_$EVENTS"
OUT="${SEARCH_OUT:-target/bench-search}/$EVENTS"
LOCK=/tmp/iot-bench.lock

using_local_default || die "scripts/bench-search.sh uses the local default server: unset DATABASE_URL (environment and .env)"
bash scripts/provision-db.sh
ensure_jar
mkdir -p "$OUT"

app() { EMBEDDINGS_INDEX_MANAGE=false scripts/iot-embeddings "$@"; }
db() { runuser -u postgres -- psql -d "$SEARCH_DB" -v ON_ERROR_STOP=1 -qAt "$@"; }
now_ms() { date +%s%3N; }
load() { uptime | sed 's/.*load average: /load /'; }

# ---------------------------------------------------------------------------------------------------
# Data: real model vectors for EVENTS events, 200 held-out queries, the filters and the exact answers.
prepare() {
  use_scratch_database "$SEARCH_DB"
  local start
  start=$(now_ms)
  JAVA_HEAP=$(( EVENTS > 200000 ? 3 : 1 ))g app demo-seed --events="$((EVENTS + QUERIES))" >/dev/null
  say "demo-seed --events=$((EVENTS + QUERIES)): $(( $(now_ms) - start )) ms"
  app migrate >/dev/null
  # The vector index is built on the data at the end; none meanwhile.
  db -c "drop index if exists public.event_embeddings_embedding_idx"
  # One event embedded installs the tool's text function (the configured expression); its hash must be
  # the one the tool stores, or the copies below would be re-embedded.
  app backfill --limit=1 >/dev/null
  db <<'SQL'
create schema search_bench;
create table search_bench.texts as
  select e.id, md5(coalesce(embeddings.iot_embeddings_event_text(e), '')) as text_hash from public.iot_events e;
do $$ begin
  if exists (select 1 from public.event_embeddings ee join search_bench.texts t on t.id = ee.event_id
             where t.text_hash is distinct from ee.text_hash) then
    raise exception 'the text hash computed here differs from the one the tool stored';
  end if;
end $$;
create index on search_bench.texts (text_hash);
-- One event per distinct text is embedded; held out: 200 events whose text occurs once, picked by a hash.
create table search_bench.representatives as
  select min(id) as id, text_hash, count(*) as events from search_bench.texts group by text_hash;
create table search_bench.held_out as
  select id from search_bench.representatives where events = 1 order by md5(id::text) limit 200;
create table search_bench.parked as
  select e.* from public.iot_events e where e.id not in (select id from search_bench.representatives);
delete from public.iot_events e using search_bench.parked p where p.id = e.id;
SQL
  local distinct
  distinct=$(db -c "select count(*) from public.iot_events")
  say "$distinct distinct texts among $((EVENTS + QUERIES)) events: embedding them with the model"
  start=$(now_ms)
  app backfill --limit="$distinct" 2>/dev/null | grep -E '^backfill:' | while read -r line; do say "$line"; done
  say "backfill of $distinct texts: $(( $(now_ms) - start )) ms"
  db <<'SQL'
insert into public.iot_events select * from search_bench.parked;
insert into public.event_embeddings (event_id, embedding, model, text_hash)
  select t.id, ee.embedding, ee.model, ee.text_hash
  from search_bench.texts t
  join search_bench.representatives r on r.text_hash = t.text_hash and r.id <> t.id
  join public.event_embeddings ee on ee.event_id = r.id;
create table search_bench.queries as
  select row_number() over (order by h.id)::int as q, ee.event_id, ee.embedding
  from search_bench.held_out h join public.event_embeddings ee on ee.event_id = h.id;
alter table search_bench.queries add primary key (q);
delete from public.iot_events where id in (select id from search_bench.held_out);
drop table search_bench.parked;
SQL
  db -c "vacuum analyze public.iot_events" -c "vacuum analyze public.event_embeddings" -c "analyze search_bench.queries"
  # Every text hash checked by the tool itself: a sync must find nothing to embed.
  local sync
  sync=$(app sync 2>/dev/null | grep -E '^sync:' || true)
  say "after the copies, ${sync:-sync: (no summary line)}"
  [[ "$(db -c "select count(*) from public.iot_events e left join public.event_embeddings ee on ee.event_id = e.id
    where ee.event_id is null")" == 0 ]] || die "events without an embedding after preparation"
  filters
  exact
  db -c "create table search_bench.ready as select $EVENTS as events, now() as at"
}

# The fallback when the model cannot embed EVENTS events' texts in the time there is (SEARCH_POOL=DB:
# about 390,000 distinct texts at 1M, some 40 minutes on 2 idle cores): the events are the generator's,
# but each one's vector is the real vector of an event of the same type and device from database DB
# (one this script prepared, complete: a backfill goes newest first while the events that carry each
# text of a frequent kind are the oldest, so a partial one lacks whole kinds), so a device filter
# stays correlated with the vectors as on real data, moved by a small noise vector (bench-scale.sh's:
# uniform in +-0.01 per dimension) so that no two rows share one. The queries are 200 of DB's vectors
# whose text occurs once there, left out of the pool.
prepare_from_pool() {
  local pool_db=$1 start
  runuser -u postgres -- psql -d "$pool_db" -qAt -c "select 1 from search_bench.ready" >/dev/null 2>&1 \
    || die "SEARCH_POOL=$pool_db: not a database this script has prepared (run it for that size first)"
  use_scratch_database "$SEARCH_DB"
  start=$(now_ms)
  JAVA_HEAP=$(( EVENTS > 200000 ? 3 : 1 ))g app demo-seed --events="$EVENTS" >/dev/null
  say "demo-seed --events=$EVENTS: $(( $(now_ms) - start )) ms"
  app migrate >/dev/null
  db -c "drop index if exists public.event_embeddings_embedding_idx"
  app backfill --limit=1 >/dev/null
  db -c "create schema search_bench" \
    -c "create table search_bench.pool (event_id bigint, event_type text, device_id text, embedding vector(384), model text)" \
    -c "create table search_bench.queries (q int primary key, event_id bigint, embedding vector(384))"
  runuser -u postgres -- psql -d "$pool_db" -v ON_ERROR_STOP=1 -qAt -c "\\copy (select ee.event_id, e.event_type, e.device_id, ee.embedding, ee.model from public.event_embeddings ee join public.iot_events e on e.id = ee.event_id) to stdout" \
    | db -c "\\copy search_bench.pool from stdin"
  db <<SQL
insert into search_bench.queries
  select row_number() over (order by x.h)::int, x.event_id, x.embedding from (
    select p.event_id, p.embedding, md5(p.event_id::text) as h, count(*) over (partition by p.embedding) as copies
    from search_bench.pool p) x
  where x.copies = 1 order by x.h limit $QUERIES;
delete from search_bench.pool where event_id in (select event_id from search_bench.queries);
SQL
  say "pool: $(db -c "select count(*) from search_bench.pool") real vectors from $pool_db, $QUERIES more as the queries"
  start=$(now_ms)
  db <<'SQL'
create table search_bench.groups as
  select event_type, device_id, row_number() over (order by event_type, device_id) as g, count(*) as vectors
  from search_bench.pool group by event_type, device_id;
create table search_bench.numbered as
  select g.g, row_number() over (partition by g.g) as n, p.embedding, p.model
  from search_bench.pool p join search_bench.groups g using (event_type, device_id);
create index on search_bench.numbered (g, n);
create table search_bench.noise as select n, (select array_agg(random() * 0.02 - 0.01) from generate_series(1, 384) d
  where n >= 0)::vector(384) as embedding from generate_series(0, 10006) n;
create index on search_bench.noise (n);
delete from public.event_embeddings;
insert into public.event_embeddings (event_id, embedding, model, text_hash)
  select e.id, p.embedding + z.embedding, p.model, md5(coalesce(embeddings.iot_embeddings_event_text(e), ''))
  from public.iot_events e
  join search_bench.groups g using (event_type, device_id)
  join search_bench.numbered p on p.g = g.g and p.n = 1 + abs(hashint8(e.id)) % g.vectors
  join search_bench.noise z on z.n = abs(hashint8(-e.id)) % 10007;
drop table search_bench.numbered;
SQL
  db -c "vacuum analyze public.iot_events" -c "vacuum analyze public.event_embeddings" -c "analyze search_bench.queries"
  say "embeddings from $pool_db's real vectors plus noise: $(( $(now_ms) - start )) ms"
  [[ "$(db -c "select count(*) from public.iot_events e left join public.event_embeddings ee on ee.event_id = e.id
    where ee.event_id is null")" == 0 ]] || die "events of a type and device the pool lacks"
  filters
  exact
  db -c "create table search_bench.ready as select $EVENTS as events, now() as at,
    'a pool of ' || (select count(*) from search_bench.pool) || ' real vectors from $pool_db' as pool"
}

# The filtered cases, each about 1% of the events, with the share they really select.
filters() {
  db <<'SQL'
create table search_bench.variants (variant text primary key, since timestamptz, until timestamptz,
  filter jsonb not null default '{}', what text not null, rows bigint);
insert into search_bench.variants (variant, what) values ('none', 'no filter');
insert into search_bench.variants (variant, since, until, what)
  select 'time', percentile_disc(0.495) within group (order by created_at),
         percentile_disc(0.505) within group (order by created_at), 'time range: 1% of the events, mid-window'
  from public.iot_events;
insert into search_bench.variants (variant, filter, what)
  select 'device', jsonb_build_object('device_id', device_id), 'one device: ' || device_id
  from public.iot_events group by device_id order by abs(count(*) - 0.01 * (select count(*) from public.iot_events)) limit 1;
insert into search_bench.variants (variant, filter, what)
  select 'payload', jsonb_build_object('payload', jsonb_build_object('technician', payload->>'technician')),
         'payload value: technician ' || (payload->>'technician')
  from public.iot_events where payload ? 'technician'
  group by payload->>'technician' order by abs(count(*) - 0.01 * (select count(*) from public.iot_events)) limit 1;
update search_bench.variants v set rows = (select count(*) from public.iot_events e
  where (v.since is null or e.created_at >= v.since) and (v.until is null or e.created_at < v.until)
    and to_jsonb(e) @> v.filter);
SQL
}

# Exact top-10 distance per query and filter, by sequential scans (no vector index exists yet).
exact() {
  local start variant
  start=$(now_ms)
  db -c "create table search_bench.exact (variant text, q int, kth float8, qualifying int, primary key (variant, q))"
  for variant in none time device payload; do
    db <<SQL
set enable_indexscan = off;
set enable_bitmapscan = off;
create temp table candidates as
  select ee.event_id, ee.embedding from public.event_embeddings ee join public.iot_events e on e.id = ee.event_id,
    search_bench.variants v
  where v.variant = '$variant' and (v.since is null or e.created_at >= v.since)
    and (v.until is null or e.created_at < v.until) and (v.filter = '{}' or to_jsonb(e) @> v.filter);
insert into search_bench.exact
  select '$variant', q.q, max(n.distance), count(*)
  from search_bench.queries q cross join lateral (select c.embedding <=> q.embedding as distance
    from candidates c order by c.embedding <=> q.embedding limit $K) n
  group by q.q;
SQL
  done
  say "exact top-$K for $QUERIES queries x 4 filters: $(( $(now_ms) - start )) ms"
}

if [[ "${SEARCH_FRESH:-false}" != true ]] && runuser -u postgres -- psql -d "$SEARCH_DB" -qAt \
    -c "select events from search_bench.ready" 2>/dev/null | grep -qx "$EVENTS"; then
  use_database "$SEARCH_DB"
  say "reusing the prepared database $SEARCH_DB (SEARCH_FRESH=true starts over)"
elif [[ -n "${SEARCH_POOL:-}" ]]; then
  prepare_from_pool "$SEARCH_POOL"
else
  prepare
fi
[[ "${SEARCH_PREPARE_ONLY:-false}" == true ]] && exit 0
vectors=$(db -c "select coalesce('FALLBACK: ' || (to_jsonb(r) ->> 'pool') || ', plus noise', 'real model vectors')
  from search_bench.ready r")

# ---------------------------------------------------------------------------------------------------
# Measurements.
SEARCH_TX="${SEARCH_TX:-400}"
# The filters measured with each index (SEARCH_FILTERS): a filter far from the queries is slow to measure
# at 1M (each query scans up to hnsw.max_scan_tuples).
FILTERS="${SEARCH_FILTERS:-time device payload}"
# A reused database gets this build's changesets (the match function among them).
app migrate >/dev/null
FUNCTION_SIGNATURE='public.match_iot_events(vector,integer,timestamptz,timestamptz,jsonb)'
has_function=$(db -c "select to_regprocedure('$FUNCTION_SIGNATURE') is not null")
work=$(mktemp -d); chmod 777 "$work"; trap 'rm -rf "$work"' EXIT
# The lock is held for one index's build and measurements at a time (not per query: other benchmarks
# waiting on it would interleave with ours for a quarter of an hour each).
exec 9>>"$LOCK"
lock() { say "waiting for $LOCK"; flock 9; }
unlock() { flock -u 9; }

# The top-10 statement for query vector $1 under filter $2: the match function's own statement (its
# inner query walks the index, the outer one restores strict order), or a call of the function ($3 = function).
statement() {
  local vec=$1 variant=$2 how=${3:-sql} since until filter
  IFS='|' read -r since until filter < <(db -c "select coalesce(quote_literal(since), 'null'),
    coalesce(quote_literal(until), 'null'), quote_literal(filter) from search_bench.variants where variant = '$variant'")
  if [[ "$how" == function ]]; then
    echo "select f.id, 1 - f.similarity as distance, f.created_at, f.event
      from public.match_iot_events($vec, $K, $since, $until, $filter) f"
    return
  fi
  local where=""
  [[ "$since" != null ]] && where+=" and e.created_at >= $since"
  [[ "$until" != null ]] && where+=" and e.created_at < $until"
  [[ "$filter" != "'{}'" ]] && where+=" and to_jsonb(e) @> $filter"
  echo "select n.id, n.distance, n.created_at, n.event from (select e.id, ee.embedding <=> $vec as distance,
    e.created_at, to_jsonb(e) as event from public.event_embeddings ee join public.iot_events e on e.id = ee.event_id
    where true$where order by ee.embedding <=> $vec limit $K) n order by n.distance, n.id"
}

# "a=b c=d" as SET statements, and as PGOPTIONS.
set_statements() { local s; for s in $1; do echo "set ${s%%=*} = '${s#*=}';"; done; }
pgoptions() { local s o=""; for s in $1; do o+=" -c $s"; done; echo "$o"; }

# recall@10 (ties: a row as near as the exact 10th counts) and the queries that got fewer than 10 rows.
recall() {
  local variant=$1 settings=$2 how=${3:-sql}
  db <<SQL
$(set_statements "$settings")
with r as (select q.q, n.id, n.distance from search_bench.queries q
  cross join lateral ($(statement q.embedding "$variant" "$how")) n),
per as (select x.q, x.qualifying, count(distinct r.id) as returned,
    count(distinct r.id) filter (where r.distance <= x.kth + 1e-6) as hits
  from search_bench.exact x left join r on r.q = x.q where x.variant = '$variant' group by x.q, x.qualifying)
select to_char(avg(least(hits, qualifying)::numeric / qualifying), 'FM0.000') || '|' || count(*) filter (where returned < qualifying)
from per;
SQL
}

# Per-query latency: pgbench, one client, SEARCH_TX transactions of one top-10 query each (one of the
# 200 queries at random), over the local socket; p50 and p95 from the per-transaction log, in ms.
latency() {
  local variant=$1 settings=$2 how=${3:-sql} script="$work/q.sql" logs
  { echo "\\set q random(1, $QUERIES)"
    echo "$(statement "(select embedding from search_bench.queries where q = :q)" "$variant" "$how" | tr '\n' ' ');"
  } > "$script"
  chmod 644 "$script"
  rm -f "$work"/log.*
  runuser -u postgres -- env PGOPTIONS="$(pgoptions "$settings")" /usr/lib/postgresql/15/bin/pgbench -n -c 1 \
    -t "$SEARCH_TX" -f "$script" -l --log-prefix="$work/log" "$SEARCH_DB" >"$work/pgbench.out" 2>&1 \
    || { cat "$work/pgbench.out" >&2; die "pgbench failed"; }
  awk '{ print $3 / 1000 }' "$work"/log.* | sort -n | awk '{ v[NR] = $1 } END {
    p50 = v[int(NR * 0.50 + 0.999)]; p95 = v[int(NR * 0.95 + 0.999)]; printf "%.2f|%.2f", p50, p95 }'
}

grouped() { echo "$1" | sed -E ':a; s/([0-9])([0-9]{3})($|,)/\1,\2\3/; ta'; }
row() { printf '| %s |\n' "$(IFS='|'; echo "$*" | sed 's/|/ | /g')"; }

# One line of the results: recall first (it also warms the caches), then latency under the lock.
measure() {
  local index=$1 variant=$2 settings=$3 how=${4:-sql} r l up
  r=$(recall "$variant" "$settings" "$how")
  up=$(load); l=$(latency "$variant" "$settings" "$how")
  row "$(grouped "$EVENTS")" "$index" "$variant" \
    "$([[ $how == function ]] && echo "match_iot_events as shipped" || echo "${settings// /, }")" \
    "${r%%|*}" "${r#*|}" "${l%%|*}" "${l#*|}" "$up" | tee -a "$OUT/results.md"
}

# The tool's own build (`index --rebuild=true`: concurrently, its own maintenance_work_mem).
build() {
  local index=$1 out up
  up=$(load)
  out=$(EMBEDDINGS_INDEX_TYPE=$index EMBEDDINGS_INDEX_BUILD_MEMORY="${SEARCH_BUILD_MEMORY:-4GB}" \
    app index --rebuild=true 2>&1) || { echo "$out" >&2; die "index build failed"; }
  db -c "analyze public.event_embeddings"
  local seconds size definition
  seconds=$(grep -oE 'built in [0-9.]+ s' <<<"$out" | grep -oE '[0-9.]+' | head -n 1)
  size=$(db -c "select pg_size_pretty(pg_relation_size('public.event_embeddings_embedding_idx'))")
  definition=$(db -c "select pg_get_indexdef('public.event_embeddings_embedding_idx'::regclass)")
  echo "| $(grouped "$EVENTS") | $index | ${definition#*USING } | $seconds s | $size | $up |" | tee -a "$OUT/builds.md"
}

plan() {
  local index=$1 variant=$2 settings=$3 name=$4
  db > "$OUT/plan-$index-$variant-$name.txt" <<SQL
$(set_statements "$settings")
explain (analyze, buffers, costs off) $(statement "(select embedding from search_bench.queries where q = 1)" "$variant");
SQL
}

# A btree on iot_events(created_at), as a dashboard's events table usually has (the demo one has none):
# does a time-filtered query then take it instead of the vector index, and what does that cost?
btree() {
  if [[ $1 == on ]]; then
    db -c "create index if not exists search_bench_created_at_idx on public.iot_events (created_at)" -c "analyze public.iot_events"
  else
    db -c "drop index if exists public.search_bench_created_at_idx"
  fi
}

echo
echo "## $EVENTS events, $vectors: $(db -c "select string_agg(what || ' (' || to_char(rows, 'FM999,999,999') || ' events)', '; ' order by variant)
  from search_bench.variants where variant <> 'none'")"
echo
echo "| rows | index | filter | settings | recall@$K | queries short of $K rows | p50 ms | p95 ms | load (1, 5, 15 min) |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
: > "$OUT/results.md"; : > "$OUT/builds.md"

# Without any vector index (SEARCH_BASELINE=false skips it): exact search, the baseline (and with the btree, the time range's plan).
if [[ "${SEARCH_BASELINE:-true}" == true ]]; then
lock
btree on
measure none time "" sql
plan none time "" btree
btree off
[[ "$EVENTS" -le 200000 ]] && measure none none "" sql
unlock
fi

for index in ${SEARCH_INDEXES:-ivfflat hnsw}; do
  lock
  build "$index"
  if [[ "$index" == ivfflat ]]; then
    lists=$(db -c "select substring(pg_get_indexdef('public.event_embeddings_embedding_idx'::regclass) from 'lists=''?([0-9]+)')")
    probes=$(awk -v l="$lists" 'BEGIN { p = int(sqrt(l)); if (p * p < l) p++; print p }')
    tuned="ivfflat.probes=$probes ivfflat.iterative_scan=relaxed_order"
    measure ivfflat none "$tuned"
    measure ivfflat none "ivfflat.probes=$(( (probes + 2) / 3 )) ivfflat.iterative_scan=relaxed_order"
    # Above 100 lists the filtered scans get a ceiling: by default an iterative IVFFlat scan may probe
    # every list before it finds 10 rows that pass a filter far from the query.
    filtered=$tuned
    [[ "$lists" -gt 100 ]] && filtered="$tuned ivfflat.max_probes=$(( probes * 4 ))"
    for variant in $FILTERS; do
      measure ivfflat "$variant" "$filtered"
      plan ivfflat "$variant" "$filtered" tuned
    done
    [[ " $FILTERS " == *" payload "* ]] && measure ivfflat payload "ivfflat.probes=$probes ivfflat.iterative_scan=off"
    plan ivfflat none "$tuned" tuned
  else
    for ef in 40 100 200; do
      measure hnsw none "hnsw.ef_search=$ef hnsw.iterative_scan=relaxed_order"
    done
    for variant in $FILTERS; do
      for ef in 40 100; do
        measure hnsw "$variant" "hnsw.ef_search=$ef hnsw.iterative_scan=relaxed_order"
      done
      plan hnsw "$variant" "hnsw.ef_search=100 hnsw.iterative_scan=relaxed_order" tuned
    done
    [[ " $FILTERS " == *" payload "* ]] && measure hnsw payload "hnsw.ef_search=100 hnsw.iterative_scan=off"
    [[ "$EVENTS" -le 200000 && " $FILTERS " == *" payload "* ]] && measure hnsw payload "hnsw.ef_search=100 hnsw.iterative_scan=relaxed_order hnsw.max_scan_tuples=100000"
    plan hnsw none "hnsw.ef_search=100 hnsw.iterative_scan=relaxed_order" tuned
  fi
  # The time range again with the btree beside the vector index: the planner's choice.
  btree on
  if [[ "$index" == ivfflat ]]; then settings=$tuned; else settings="hnsw.ef_search=100 hnsw.iterative_scan=relaxed_order"; fi
  measure "$index + btree" time "$settings"
  plan "$index" time "$settings" btree
  [[ "$has_function" == t ]] && for variant in none $FILTERS; do
    measure "$index + btree" "$variant" "" function
  done
  btree off
  unlock
done

# End to end at the last index built: GET /search?q=...&k=10 on `serve`'s HTTP server, query embedding
# included (curl's time from connect to the last byte, on localhost), 20 query texts x 10 rounds after
# one round to warm up; the response's own embedMillis and searchMillis beside it. The token is made
# here and never printed.
end_to_end() {
  local port=18080 management_port=18081 token pid texts header
  token=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
  # The header goes to curl from a private file, so the token is not on a command line either.
  header=$(mktemp); chmod 600 "$header"
  printf 'Authorization: Bearer %s\n' "$token" > "$header"
  # exec all the way down (the launcher execs java), so that $! is the server itself.
  (EMBEDDINGS_INDEX_MANAGE=false EMBEDDINGS_SEARCH_TOKEN=$token SERVER_PORT=$port MANAGEMENT_SERVER_PORT=$management_port exec scripts/iot-embeddings serve \
    >"$work/serve.log" 2>&1) &
  pid=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$management_port/actuator/health/readiness" >/dev/null 2>&1 && break
    sleep 1
  done
  texts=("overheating in the server room" "door left open in the warehouse" "battery almost empty"
    "smoke in the kitchen" "gateway keeps losing its MQTT connection" "high power draw on the lab circuit"
    "humidity too high in cold storage" "motion in the parking garage at night" "technician replaced the filters"
    "sensor timeout errors" "temperature in the lobby" "loading dock door closed" "checksum errors on the bus"
    "notes from the last maintenance visit" "fan speed raised because of heat" "low battery on a motion sensor"
    "watchdog reset on a gateway" "cold storage is getting warm" "smoke detector obscuration" "power usage spike")
  : > "$work/e2e.txt"
  local round text
  for round in 0 1 2 3 4 5 6 7 8 9 10; do
    for text in "${texts[@]}"; do
      curl -sf -o "$work/e2e.json" -w '%{time_total}\n' -H @"$header" -G \
        --data-urlencode "q=$text" --data-urlencode "k=$K" "http://127.0.0.1:$port/search" > "$work/e2e.time" \
        || { kill "$pid"; rm -f "$header"; tail -n 5 "$work/serve.log" >&2; die "GET /search failed"; }
      [[ $round == 0 ]] && continue
      python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); t = float(open(sys.argv[2]).read())
print(t * 1000, r["embedMillis"], r["searchMillis"], len(r["hits"]))' "$work/e2e.json" "$work/e2e.time" >> "$work/e2e.txt"
    done
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -f "$header"
  python3 - "$work/e2e.txt" <<'PY'
import sys
rows = [list(map(float, line.split())) for line in open(sys.argv[1])]
def pct(values, p):
    values = sorted(values); return values[max(int(-(-p * len(values) // 100)) - 1, 0)]
for name, i in (("total (curl)", 0), ("embedMillis", 1), ("searchMillis", 2)):
    v = [r[i] for r in rows]
    print(f"{name}: p50 {pct(v, 50):.1f} ms, p95 {pct(v, 95):.1f} ms", end="; ")
print(f"{len(rows)} requests, {sum(1 for r in rows if r[3] < 10)} with fewer than 10 hits")
PY
}

if [[ "$has_function" == t && "$EVENTS" -le 200000 ]]; then
  lock; up=$(load)
  echo
  echo "End to end, \`GET /search?q=...&k=$K\` on \`serve\` (index: ${index:-none}; $up): $(end_to_end)"
  unlock
fi

echo
echo "| rows | index | definition | build (the tool's \`index --rebuild=true\`, concurrent) | size | load |"
echo "| --- | --- | --- | --- | --- | --- |"
cat "$OUT/builds.md"
say "plans: $OUT/plan-*.txt"

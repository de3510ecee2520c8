#!/usr/bin/env bash
# What the lookup that lets a chunk reuse stored vectors costs at a given table size, and which index
# shape serves it best, for docs/SCALING.md ("Reusing stored vectors").
#   scripts/bench-text-hash-index.sh EVENTS        (e.g. 1000000, 10000000)
# Builds the tables with scripts/bench-scale.sh (SCALE_BUILD_ONLY=true, no vector index) in its own
# throw-away database (iot_embeddings_reuse_EVENTS; KEEP=true reuses one already built with EVENTS events), then:
#   1. how long `migrate` takes to build changeset 008's index on the existing table (its record and the
#      index dropped first), wall time with JVM start-up, and the same build timed alone in psql;
#   2. per index shape (btree (text_hash, model), btree (text_hash), hash (text_hash)): size, build time,
#      and the job's lookup for a chunk of 64 distinct hashes (the median of 25 chunks in one session,
#      each from a different slice of the table, so mostly uncached pages) when every hash is stored, when the model differs (a model switch: nothing may
#      be reused), and its plan;
#   3. what the index costs the job's writes: a 10,000-row upsert like the writer's, without and with it.
set -euo pipefail

cd "$(dirname "$0")/.."
source scripts/lib.sh

EVENTS="${1:?usage: scripts/bench-text-hash-index.sh EVENTS}"
export SCALE_DB="iot_embeddings_reuse_$EVENTS"
CHUNK=64
CHUNKS=25

db() { runuser -u postgres -- psql -d "$SCALE_DB" -v ON_ERROR_STOP=1 -qAt "$@"; }
now_ms() { date +%s%3N; }
# The last "Time:" psql's \timing printed, in ms.
timed() { db -c '\timing on' "$@" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -n 1; }
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

if [[ "${KEEP:-false}" == true ]] && [[ "$(db -c 'select count(*) from public.iot_events' 2>/dev/null || echo 0)" -ge "$EVENTS" ]]; then
  say "reusing $SCALE_DB"
else
  SCALE_BUILD_ONLY=true SCALE_INDEX=false scripts/bench-scale.sh "$EVENTS"
fi
use_database() { set -a; source .env; set +a; DATABASE_URL="${DATABASE_URL%/*}/$SCALE_DB"; export DATABASE_URL; }
use_database
model=$(db -c "select model from public.event_embeddings order by event_id desc limit 1")
say "$(db -c "select count(*) || ' rows, ' || count(distinct text_hash) || ' distinct hashes' from public.event_embeddings")"

# 1. migrate on an existing table
db -c "drop index if exists public.event_embeddings_text_hash_idx" \
   -c "delete from embeddings.databasechangelog where id = '008-text-hash-index'" -c "checkpoint"
start=$(now_ms)
scripts/iot-embeddings migrate >/dev/null
migrate_ms=$(( $(now_ms) - start ))

# 2. index shapes
declare -A shapes=(
  [btree_hash_model]="btree (text_hash, model)"
  [btree_hash]="btree (text_hash)"
  [hash_hash]="hash (text_hash)"
)
# CHUNKS chunks of CHUNK distinct stored hashes, each from a different slice of the table.
db -c "drop table if exists reuse_bench_chunks" -c "create table reuse_bench_chunks as
  select c as chunk, (select array_agg(text_hash) from (select distinct text_hash from public.event_embeddings
    where event_id between 1 + c * ($EVENTS / $CHUNKS) and c * ($EVENTS / $CHUNKS) + 1000 limit $CHUNK) s) as hashes
  from generate_series(0, $CHUNKS - 1) c"
lookup_sql() { # $1 = chunk, $2 = model
  echo "select h.hash, vector_send(ee.embedding) from unnest((select hashes from reuse_bench_chunks where chunk = $1)) as h(hash)
  cross join lateral (select embedding from public.event_embeddings where text_hash = h.hash and model = '$2' limit 1) ee"
}
lookup_ms() { # $1 = model; the median over the chunks, in ms, in one session (as the job's pooled
  # connection: a new session's first statement would also pay for loading the catalog caches)
  local i args=(-c '\timing on' -c "$(lookup_sql 0 "$1")")
  for ((i = 0; i < CHUNKS; i++)); do
    args+=(-c "$(lookup_sql "$i" "$1")")
  done
  # The first statement only warms the session; the chunks after it are what is measured.
  median $(db "${args[@]}" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -n +2)
}
echo
echo "## $EVENTS events: reuse lookup ($(db -c "select pg_size_pretty(pg_total_relation_size('public.event_embeddings'))") embeddings table)"
echo
echo "\`migrate\` building changeset 008's index on the existing table: $migrate_ms ms wall (JVM start-up included)."
echo
echo "| index | size | build (psql) | lookup, 64 hashes, all stored (median of $CHUNKS) | lookup after a model switch | plan |"
echo "| --- | --- | --- | --- | --- | --- |"
for name in btree_hash_model btree_hash hash_hash; do
  db -c "drop index if exists public.event_embeddings_text_hash_idx" -c "drop index if exists public.reuse_bench_idx" -c "checkpoint"
  build=$(timed -c "create index reuse_bench_idx on public.event_embeddings using ${shapes[$name]}")
  db -c "analyze public.event_embeddings"
  size=$(db -c "select pg_size_pretty(pg_relation_size('public.reuse_bench_idx'))")
  stored=$(lookup_ms "$model")
  switched=$(lookup_ms "another-model@256")
  plan=$(db -c "explain (costs off) $(lookup_sql 0 "$model")" | grep -oE '(Index|Bitmap|Seq)[A-Za-z ]*Scan( using [a-z_]+)?' | sort -u | paste -sd ',' -)
  echo "| \`${shapes[$name]}\` | $size | $build ms | $stored ms | $switched ms | $plan |"
done
echo
echo "Plan and buffers of one chunk's lookup with \`btree (text_hash, model)\`:"
echo
db -c "drop index public.reuse_bench_idx" -c "create index event_embeddings_text_hash_idx on public.event_embeddings (text_hash, model)" \
   -c "analyze public.event_embeddings"
echo '```'
db -c "explain (analyze, buffers, costs off, timing off, summary off) $(lookup_sql $(( CHUNKS / 2 )) "$model")"
echo '```'

# 3. the writer's upsert of 10,000 existing rows (a re-embedding: new hash, same vector), without and with the index
upsert() {
  timed -c "insert into public.event_embeddings (event_id, embedding, model, text_hash)
    select event_id, embedding, model, md5(text_hash || '$1') from public.event_embeddings
    where event_id between $2 and $2 + 9999
    on conflict (event_id) do update set embedding = excluded.embedding, model = excluded.model,
      text_hash = excluded.text_hash, created_at = now()"
}
with1=$(upsert a 100001); db -c "drop index public.event_embeddings_text_hash_idx" -c "checkpoint"
without1=$(upsert b 200001); without2=$(upsert c 300001)
db -c "create index event_embeddings_text_hash_idx on public.event_embeddings (text_hash, model)" -c "checkpoint"
with2=$(upsert d 400001)
echo
echo "10,000-row upsert (the writer's statement): without the index $without1 / $without2 ms, with it $with1 / $with2 ms (two runs each, alternating)."
echo
echo "load: $(uptime)"
db -c "drop table reuse_bench_chunks"

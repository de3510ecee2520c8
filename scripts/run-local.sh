#!/usr/bin/env bash
# The main job on the local default, in one command: provisions PostgreSQL + pgvector when DATABASE_URL
# is not set, builds the jar when the sources changed, seeds demo events into an empty local database,
# then runs migrate and backfill and lists the latest runs. Idempotent: a second run only embeds what
# is still missing.
#
#   DEMO_EVENTS=N      demo events to seed into an empty local database (default 1000)
#   BACKFILL_LIMIT=N   events to embed in this run (default 1000)
set -euo pipefail

cd "$(dirname "$0")/.."
source scripts/lib.sh

DEMO_EVENTS="${DEMO_EVENTS:-1000}"
BACKFILL_LIMIT="${BACKFILL_LIMIT:-1000}"

local_default=""
using_local_default && local_default=1
bash scripts/provision-db.sh

ensure_jar

app() {
  say "scripts/iot-embeddings $*"
  scripts/iot-embeddings "$@"
}

if [[ -n "$local_default" ]]; then
  # Local default only: never seed a database the user pointed us at.
  events=$(runuser -u postgres -- psql -d "${LOCAL_DB_NAME:-iot_embeddings}" -qAt \
    -c "select case when to_regclass('public.iot_events') is null then 0 else (select count(*) from public.iot_events) end" \
    2>/dev/null || echo 0)
  if [[ "$events" == "0" ]]; then
    app demo-seed --events="$DEMO_EVENTS"
  else
    say "public.iot_events already holds $events events: not seeding"
  fi
fi

app migrate
app backfill --limit="$BACKFILL_LIMIT"
app executions --limit=5

#!/usr/bin/env bash
# The main job on the local default, in one command: provisions PostgreSQL + pgvector when DATABASE_URL
# is not set, builds the jar when the sources changed, seeds demo events into an empty local database,
# runs migrate and backfill, times a sync against a scheduler (local default only), validates, and
# ends with every report in _reports/ and the commands to run next. Idempotent: a second run only
# embeds what is still missing.
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

# A `schedule` process is connected to the local database (its sessions carry this application name).
scheduler_running() {
  local count
  count=$(runuser -u postgres -- psql -X -d "${LOCAL_DB_NAME:-iot_embeddings}" -qAt -c "
    select count(*) from pg_stat_activity
    where datname = current_database() and application_name = 'iot-embeddings schedule'" 2>/dev/null || echo 0)
  [[ "$count" != "0" ]]
}

# The sync check needs something that syncs: a scheduler of the user's when one runs, else a short-lived
# one of ours (syncing every 2 s, so the check takes seconds, not minutes), stopped with SIGTERM after.
sync_test() {
  if scheduler_running; then
    app sync-test --samples=1 --timeout=150
    return
  fi
  local log pid status=0
  log=$(mktemp)
  say "starting a scheduler for the sync check (stopped again afterwards)"
  SERVER_PORT=0 MANAGEMENT_SERVER_PORT=0 scripts/iot-embeddings schedule --cron='0/2 * * * * ?' >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do
    grep -q '^schedule: running' "$log" && break
    if ! kill -0 "$pid" 2>/dev/null; then
      cat "$log" >&2
      die "the scheduler for the sync check did not start (its output is above)"
    fi
    sleep 0.2
  done
  app sync-test --samples=3 --timeout=30 || status=$?
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" || true
  rm -f "$log"
  return "$status"
}

started=$SECONDS
app migrate
app backfill --limit="$BACKFILL_LIMIT"
if [[ -n "$local_default" ]]; then
  sync_test
else
  say "not running sync-test: it inserts (and deletes) marked events, so it runs only on the local demo database; run it yourself against a running scheduler"
fi
validation=0
app validate || validation=$?
app executions --limit=5

reports="$(pwd)/_reports"
echo
say "done in $((SECONDS - started)) s. Reports: $reports/ ($(ls "$reports" | grep -c '^emb_') files; _reports/README.md explains them)"
if [[ "$validation" -ne 0 ]]; then
  say "validate found a problem (see $reports/emb_validation.md): scripts/iot-embeddings sync embeds what is missing"
fi
say "next: scripts/iot-embeddings schedule    # sync every minute in the foreground; Ctrl-C stops it"
say "      scripts/iot-embeddings status      # coverage, backlog and the latest runs at a glance"
if [[ -n "$local_default" ]]; then
  say "console: scripts/iot-embeddings schedule prints its URL (http://localhost:8080/); sign in with the admin token:"
  say "      grep EMBEDDINGS_ADMIN_TOKEN .env   # generated once for this machine, never printed by the tool"
else
  say "console: EMBEDDINGS_ADMIN_TOKEN=<a long random secret> scripts/iot-embeddings schedule, then open the URL it prints"
fi
exit "$validation"

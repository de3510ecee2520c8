#!/usr/bin/env bash
# The whole test suite: provisions the local PostgreSQL + pgvector (unless DATABASE_URL points at a
# server already), installs the tools the integration tests start themselves (PgBouncer), then runs unit
# and integration tests against it with the real model.
# Extra arguments go to Maven, e.g. scripts/test.sh -Dit.test=BackfillIntegrationTests
set -euo pipefail

cd "$(dirname "$0")/.."
source scripts/lib.sh
bash scripts/provision-db.sh

# PoolerIntegrationTests runs a real PgBouncer in front of a test database (Debian/Ubuntu package).
if [[ ! -x /usr/sbin/pgbouncer ]] && command -v apt-get >/dev/null; then
  say "installing pgbouncer for the pooler tests"
  sudo_cmd=""
  [[ $(id -u) -eq 0 ]] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pgbouncer >/dev/null
fi

exec ./mvnw -B verify "$@"

#!/usr/bin/env bash
# The whole test suite: provisions the local PostgreSQL + pgvector (unless DATABASE_URL points at a
# server already), then runs unit and integration tests against it with the real model.
# Extra arguments go to Maven, e.g. scripts/test.sh -Dit.test=BackfillIntegrationTests
set -euo pipefail

cd "$(dirname "$0")/.."
bash scripts/provision-db.sh
exec ./mvnw -B verify "$@"

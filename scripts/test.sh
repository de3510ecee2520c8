#!/usr/bin/env bash
# The whole test suite: provisions the local PostgreSQL + pgvector (unless DATABASE_URL points at a
# server already), installs the tools the integration tests start themselves (PgBouncer, Chromium and its driver), then runs unit
# and integration tests against it with the real model.
# Extra arguments go to Maven, e.g. scripts/test.sh -Dit.test=BackfillIntegrationTests
set -euo pipefail

cd "$(dirname "$0")/.."
source scripts/lib.sh
bash scripts/provision-db.sh

# PoolerIntegrationTests runs a real PgBouncer in front of a test database (Debian/Ubuntu package).
if [[ ! -x /usr/sbin/pgbouncer ]] && command -v apt-get >/dev/null; then
  say "installing pgbouncer for the pooler tests"
  apt_install pgbouncer
fi

# The browser tests drive a real headless Chromium through its driver: both from the distribution, so
# nothing is downloaded at test time (support/HeadlessBrowser reads the same two variables).
# Set both variables where they live elsewhere (Ubuntu's chromium is a snap).
chromium=${CHROMIUM_BINARY:-/usr/bin/chromium}
chromedriver=${CHROMEDRIVER:-/usr/bin/chromedriver}
if [[ ! -x $chromium || ! -x $chromedriver ]] && command -v apt-get >/dev/null; then
  say "installing chromium and chromium-driver for the browser tests"
  apt_install chromium chromium-driver
fi
check_browser_versions "$chromium" "$chromedriver"

./mvnw -B verify "$@"
# The benchmarks are not in the product's build (profile bench); compiling them here keeps them from
# falling behind the product's code unnoticed.
exec ./mvnw -B -q -Pbench compile

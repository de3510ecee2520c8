#!/usr/bin/env bash
# Provisions the local default database: PostgreSQL with the pgvector extension, a password role and
# a database (the tests create and drop their own databases beside it). Idempotent; fast when everything is in place.
#
# Skipped entirely when DATABASE_URL is set (environment or .env): the user brought their own database.
# Writes the local connection settings to .env (git-ignored) the first time, and reuses them after.
set -euo pipefail

cd "$(dirname "$0")/.."
source scripts/lib.sh

if ! using_local_default; then
  say "DATABASE_URL is set (environment or .env): using that database, nothing to provision"
  exit 0
fi

PG_MAJOR="${PG_MAJOR:-15}"
DB_ROLE="${LOCAL_DB_ROLE:-iot_embeddings}"
DB_NAME="${LOCAL_DB_NAME:-iot_embeddings}"
DB_PORT="${LOCAL_DB_PORT:-5432}"
LOCAL_URL="$(local_database_url)"

source scripts/lib-postgres.sh

ensure_postgresql() {
  if [[ -x "/usr/lib/postgresql/$PG_MAJOR/bin/postgres" ]] && command -v pg_ctlcluster >/dev/null; then
    return
  fi
  say "installing PostgreSQL $PG_MAJOR"
  apt_install "postgresql-$PG_MAJOR" || apt_install postgresql
}

ensure_pgvector() {
  if [[ -f "/usr/share/postgresql/$PG_MAJOR/extension/vector.control" ]]; then
    return
  fi
  say "installing pgvector for PostgreSQL $PG_MAJOR"
  # The packaged extension is the normal path (Ubuntu, the PostgreSQL project's apt repository).
  if apt_install "postgresql-$PG_MAJOR-pgvector" 2>/dev/null; then
    return
  fi
  build_pgvector_from_debian_source
}

# Debian 12 has no pgvector package; Debian 13 has its source. Fetch that source package with a
# throw-away apt configuration (the machine's own sources stay untouched) and build it here.
build_pgvector_from_debian_source() {
  say "pgvector is not packaged here: building Debian's pgvector source package"
  apt_update_once
  apt_install "$(server_dev_package)" build-essential
  local mirror tarball
  mirror=$(grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' \
    | grep -v -- '-security' | head -n 1 || true)
  if [[ -z "$mirror" ]]; then
    mirror=$(grep -hE '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}' | head -n 1 || true)
  fi
  [[ -n "$mirror" ]] || die "cannot find a Debian mirror in the apt sources to fetch pgvector's source from"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  mkdir -p "$tmp/lists/partial" "$tmp/cache/archives/partial"
  echo "deb-src $mirror trixie main" >"$tmp/sources.list"
  local opts=(-o "Dir::Etc::sourcelist=$tmp/sources.list" -o Dir::Etc::sourceparts=/dev/null
    -o "Dir::State::Lists=$tmp/lists" -o "Dir::Cache=$tmp/cache" -o APT::Sandbox::User=root)
  as_root apt-get "${opts[@]}" update -qq
  (cd "$tmp" && as_root apt-get "${opts[@]}" source --download-only pgvector >/dev/null)
  tarball=$(ls "$tmp"/pgvector_*.orig.tar.* | head -n 1)
  mkdir "$tmp/src"
  tar -xf "$tarball" -C "$tmp/src" --strip-components=1
  make -s -C "$tmp/src" PG_CONFIG="/usr/lib/postgresql/$PG_MAJOR/bin/pg_config" >/dev/null
  as_root make -s -C "$tmp/src" PG_CONFIG="/usr/lib/postgresql/$PG_MAJOR/bin/pg_config" install >/dev/null
}

ensure_cluster_running() {
  if ! pg_lsclusters -h | awk -v v="$PG_MAJOR" '$1 == v && $2 == "main"' | grep -q .; then
    say "creating PostgreSQL cluster $PG_MAJOR/main"
    as_root pg_createcluster "$PG_MAJOR" main >/dev/null
  fi
  if ! pg_lsclusters -h | awk -v v="$PG_MAJOR" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
    say "starting PostgreSQL $PG_MAJOR/main"
    as_root pg_ctlcluster --skip-systemctl-redirect "$PG_MAJOR" main start
  fi
  wait_for_server
}

# The local role is a superuser so that `migrate` can create the (untrusted) vector extension and the
# tests can create throw-away databases, as Supabase's `postgres` role can. Local default only.
# Its password is generated once per machine and kept in a private file outside the checkout, so every
# clone on the machine shares it; each clone gets a copy in its .env (git-ignored, mode 600). It is
# never printed.
LOCAL_SETTINGS="${XDG_CONFIG_HOME:-$HOME/.config}/iot-embeddings/local-db.env"

ensure_env_file() {
  umask 077
  if [[ ! -f "$LOCAL_SETTINGS" ]]; then
    mkdir -p "$(dirname "$LOCAL_SETTINGS")"
    local password
    password=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24)
    cat >"$LOCAL_SETTINGS" <<EOF
# Local default database, written by scripts/provision-db.sh. Never commit this file.
DATABASE_URL=$LOCAL_URL
DATABASE_USER=$DB_ROLE
DATABASE_PASSWORD=$password
EOF
  fi
  # The console's sign-in secret (EMBEDDINGS_ADMIN_TOKEN), generated once like the password, so that
  # `scripts/iot-embeddings schedule` opens the console with nothing else to set. Files made before it
  # existed get it added.
  if ! grep -q '^EMBEDDINGS_ADMIN_TOKEN=' "$LOCAL_SETTINGS"; then
    printf '# Sign-in token of the console (schedule or serve, http://localhost:8080/) and the admin API.\nEMBEDDINGS_ADMIN_TOKEN=%s\n' \
      "$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" >>"$LOCAL_SETTINGS"
  fi
  if ! cmp -s "$LOCAL_SETTINGS" .env; then
    cp "$LOCAL_SETTINGS" .env
    say "wrote .env with the local connection settings and the console's admin token (neither shown)"
  fi
}

ensure_role_and_databases() {
  local password
  password=$(grep '^DATABASE_PASSWORD=' "$LOCAL_SETTINGS" | head -n 1 | cut -d= -f2-)
  # The password is fed on stdin so it never shows in a process list.
  psql_admin -v role="$DB_ROLE" -v pw="$password" <<'SQL'
select format('create role %I login', :'role')
  where not exists (select 1 from pg_roles where rolname = :'role') \gexec
alter role :"role" with login superuser password :'pw';
SQL
  psql_admin -v db="$DB_NAME" -v role="$DB_ROLE" <<'SQL'
select format('create database %I owner %I', :'db', :'role')
  where not exists (select 1 from pg_database where datname = :'db') \gexec
SQL
}

ensure_postgresql
ensure_pgvector
ensure_cluster_running
ensure_server_matches_binaries
ensure_env_file
ensure_role_and_databases
say "local PostgreSQL $PG_MAJOR with pgvector is ready: database $DB_NAME, role $DB_ROLE"

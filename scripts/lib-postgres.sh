# PostgreSQL provisioning helpers for scripts/provision-db.sh. Sourced after scripts/lib.sh, with
# PG_MAJOR and DB_PORT set. Kept apart from provision-db.sh so that ProvisioningScriptTests can run each
# function against fake PostgreSQL commands (PATH, PG_BINDIR).

PG_BINDIR="${PG_BINDIR:-/usr/lib/postgresql/$PG_MAJOR/bin}"

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

as_postgres() {
  if [[ $(id -un) == postgres ]]; then "$@"; else as_root runuser -u postgres -- "$@"; fi
}

psql_admin() { as_postgres psql -X -v ON_ERROR_STOP=1 -qAt -p "$DB_PORT" "$@"; }

apt_updated=""
apt_update_once() {
  if [[ -z "$apt_updated" ]]; then
    as_root apt-get update -qq
    apt_updated=1
  fi
}

apt_install() {
  apt_update_once
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# The version of an installed Debian package (e.g. 15.18-0+deb12u1); empty when it is not installed.
installed_package_version() {
  dpkg-query -W -f='${Version}' "$1" 2>/dev/null || true
}

# postgresql-server-dev-N (to build pgvector) at exactly the installed server's package version when
# apt still offers it: the newest one depends on a newer server, and installing it would upgrade the
# server's binaries underneath a running cluster. Falls back to the newest when that version is gone.
server_dev_package() {
  local package="postgresql-server-dev-$PG_MAJOR" server_version
  server_version=$(installed_package_version "postgresql-$PG_MAJOR")
  if [[ -n "$server_version" ]] && apt-cache madison "$package" 2>/dev/null \
      | awk -F'|' '{ gsub(/ /, "", $2); print $2 }' | grep -qxF -- "$server_version"; then
    say "installing $package at the server's own version, $server_version, so the server is not upgraded"
    echo "$package=$server_version"
  else
    echo "$package"
  fi
}

# The version of the server binaries installed for PG_MAJOR, e.g. 15.20.
installed_server_version() {
  "$PG_BINDIR/postgres" --version 2>/dev/null | sed -n 's/^postgres (PostgreSQL) \([0-9][0-9.]*\).*/\1/p'
}

# The version the running cluster reports, e.g. 15.18; empty when it does not answer.
running_server_version() {
  psql_admin -c 'show server_version' 2>/dev/null | awk 'NR == 1 { print $1 }' || true
}

wait_for_server() {
  for _ in $(seq 1 50); do
    if psql_admin -c 'select 1' >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  die "PostgreSQL $PG_MAJOR/main did not accept connections; see /var/log/postgresql/postgresql-$PG_MAJOR-main.log"
}

# A server keeps running the binaries it started with; after apt upgrades the package underneath it,
# every library it loads from then on (plpgsql.so, vector.so) is the new build and fails to link
# against the old process ("undefined symbol"). Restarting is the one fix; say so in one line.
ensure_server_matches_binaries() {
  local running installed
  running=$(running_server_version)
  installed=$(installed_server_version)
  if [[ -z "$running" || -z "$installed" || "$running" == "$installed" ]]; then
    return 0
  fi
  say "PostgreSQL $PG_MAJOR/main was running $running, but $installed is installed on disk (upgraded by apt): restarting it so it loads the installed binaries"
  as_root pg_ctlcluster --skip-systemctl-redirect "$PG_MAJOR" main restart
  wait_for_server
  running=$(running_server_version)
  [[ "$running" == "$installed" ]] \
    || die "PostgreSQL $PG_MAJOR/main still runs $running after a restart, with $installed installed: restart it by hand (pg_ctlcluster $PG_MAJOR main restart)"
}

# Shared helpers for the project's scripts. Sourced, not run.
say() { printf '[iot-embeddings] %s\n' "$*" >&2; }
die() { printf '[iot-embeddings] error: %s\n' "$*" >&2; exit 2; }

# The local default database URL that scripts/provision-db.sh provisions.
local_database_url() { echo "jdbc:postgresql://127.0.0.1:${LOCAL_DB_PORT:-5432}/${LOCAL_DB_NAME:-iot_embeddings}"; }

# True when the tool will use the local default database: DATABASE_URL is set neither in the
# environment nor (to anything else) in .env.
using_local_default() {
  [[ -z "${DATABASE_URL:-}" ]] || return 1
  local dotenv_url
  dotenv_url=$(grep -s '^DATABASE_URL=' .env | head -n 1 | cut -d= -f2- || true)
  [[ -z "$dotenv_url" || "$dotenv_url" == "$(local_database_url)" ]]
}

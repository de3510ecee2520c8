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

JAR=target/iot-embeddings.jar

# Builds the jar when it is missing or older than any source.
ensure_jar() {
  if [[ ! -f "$JAR" ]] || [[ -n "$(find pom.xml src liquibase -newer "$JAR" -print -quit)" ]]; then
    say "building $JAR"
    ./mvnw -B -q package -DskipTests
    # Maven leaves an up-to-date jar untouched (a change to a test, say): mark it as checked.
    touch "$JAR"
  fi
}

BENCH_JAR=target/bench-build/iot-embeddings-bench.jar

# Builds the benchmarks' jar (`./mvnw -Pbench`: the product with src/bench and langchain4j's embedder, which
# the product jar does not hold) when it is missing or older than any source.
ensure_bench_jar() {
  if [[ ! -f "$BENCH_JAR" ]] || [[ -n "$(find pom.xml src liquibase -newer "$BENCH_JAR" -print -quit)" ]]; then
    say "building $BENCH_JAR"
    ./mvnw -B -q -Pbench package -Dmaven.test.skip=true
    touch "$BENCH_JAR"
  fi
}

# Drops and re-creates database $1 on the local default server and points DATABASE_URL (exported) at
# it, with the local credentials from .env. For benchmarks: the main database is left alone.
use_scratch_database() {
  local name=$1
  runuser -u postgres -- psql -qAt -c "drop database if exists $name with (force)" >/dev/null 2>&1
  runuser -u postgres -- psql -qAt -c "create database $name owner ${LOCAL_DB_ROLE:-iot_embeddings}" >/dev/null
  use_database "$name"
}

# Points DATABASE_URL (exported) at database $1 on the local default server, with the local credentials
# from .env, leaving the database as it is.
use_database() {
  local name=$1
  set -a
  source .env
  set +a
  DATABASE_URL="${DATABASE_URL%/*}/$name"
  export DATABASE_URL
}

# Installs Debian/Ubuntu packages quietly, as root or through sudo, after refreshing the package lists.
apt_install() {
  local sudo_cmd=""
  [[ $(id -u) -eq 0 ]] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# Fails unless browser $1 and driver $2 run and share a major version: a chromedriver only drives the
# Chromium release it was built with, and the mismatch otherwise shows up as a session error mid-test.
check_browser_versions() {
  local browser=$1 driver=$2 browser_version driver_version
  browser_version=$("$browser" --version 2>/dev/null | head -n 1) || die "$browser does not run: install chromium (Debian/Ubuntu) or set CHROMIUM_BINARY"
  driver_version=$("$driver" --version 2>/dev/null | head -n 1) || die "$driver does not run: install chromium-driver (Debian/Ubuntu) or set CHROMEDRIVER"
  [[ $(major_version "$browser_version") == "$(major_version "$driver_version")" ]] ||
    die "$browser ($browser_version) and $driver ($driver_version) differ in major version: install matching chromium and chromium-driver"
}

# The first dotted version number's major part, e.g. 156 from "Chromium 156.0.8078.114 built on Debian".
major_version() { grep -oE '[0-9]+\.[0-9.]+' <<<"$1" | head -n 1 | cut -d. -f1; }

# The Java the image runs (eclipse-temurin:25-jre): $JAVA25, else the first Temurin 25 under /usr/lib/jvm.
java25() {
  local java="${JAVA25:-$(ls -d /usr/lib/jvm/temurin-25*/bin/java 2>/dev/null | head -n 1)}"
  [[ -x "$java" ]] || die "no Java 25 found: set JAVA25 to its bin/java (the image runs eclipse-temurin:25-jre)"
  echo "$java"
}

IMAGE_APP=target/image/app
# The image's /tmp/iot-embeddings (its DJL_CACHE_DIR is in there), as the Dockerfile leaves it (the
# tokenizer's library from the training run), and as a container finds it, a copy of that at every start.
IMAGE_SEED=target/image/tmp-image
IMAGE_TMP=target/image/tmp

# Lays out what the Dockerfile builds, without Docker, in $IMAGE_APP: the jar extracted by Spring Boot's
# tools, docker/entrypoint and docker/train-aot-cache beside it, and the AOT cache and unpacked models of the
# training run, made by that script with Java $1. Kept as it is while newer than the jar and docker/.
image_layout() {
  local java=$1 started
  if [[ -s "$IMAGE_APP/app.aot" && -d "$IMAGE_SEED" && -z "$(find "$JAR" docker -newer "$IMAGE_APP/app.aot" -print -quit)" ]]; then
    return
  fi
  rm -rf "$IMAGE_APP" "$IMAGE_SEED"
  "$java" -Djarmode=tools -jar "$JAR" extract --destination "$IMAGE_APP" >/dev/null
  cp docker/entrypoint docker/train-aot-cache "$IMAGE_APP/"
  mkdir -p "$IMAGE_SEED"
  started=$(date +%s%3N)
  APP_DIR="$IMAGE_APP" JAVA="$java" DJL_CACHE_DIR="$(cd "$IMAGE_SEED" && pwd)/djl.ai" "$IMAGE_APP/train-aot-cache"
  say "image layout in $IMAGE_APP: training run $(( $(date +%s%3N) - started )) ms, AOT cache $(du -m "$IMAGE_APP/app.aot" | cut -f1) MB"
}

# Prints the command line that runs the tool as the sync CronJob's container does, for `"${cmd[@]}" sync`:
# the entry point of $IMAGE_APP, in it (the image's WORKDIR), with Java $1, the Dockerfile's DJL_CACHE_DIR
# (under $IMAGE_TMP: run image_fresh_tmp before each start, as every fire starts a new container), the
# settings k8s/configmap.yaml gives every pod (JAVA_TOOL_OPTIONS and the EMBEDDINGS_* values), the
# CronJob's own EMBEDDINGS_SYNC_EXTERNAL_SCHEDULE, and -XX:MaxRAM for its memory limit (1536Mi), which a
# JVM in the pod reads from its cgroup. The database comes from the environment (DATABASE_URL,
# DATABASE_USER, DATABASE_PASSWORD), as the pod's Secret gives it; there is no .env in the image. One word
# per line: read it with mapfile.
image_command() {
  local java=$1 app setting
  app="$(cd "$IMAGE_APP" && pwd)"
  mkdir -p "$IMAGE_TMP"
  printf '%s\n' env -C "$app" APP_DIR="$app" JAVA="$java" DJL_CACHE_DIR="$(cd "$IMAGE_TMP" && pwd)/djl.ai"
  sed -nE 's/^  ([A-Z_]+): "(.*)"$/\1=\2/p' k8s/configmap.yaml | while IFS= read -r setting; do
    [[ "$setting" == JAVA_TOOL_OPTIONS=* ]] && setting="$setting -XX:MaxRAM=1536m"
    printf '%s\n' "$setting"
  done
  printf '%s\n' "EMBEDDINGS_SYNC_EXTERNAL_SCHEDULE=* * * * *" "$app/entrypoint"
}

# Resets $IMAGE_TMP to what a new container finds: what the image holds there, nothing a fire wrote.
image_fresh_tmp() { rm -rf "$IMAGE_TMP"; cp -a "$IMAGE_SEED" "$IMAGE_TMP"; }

# Signs in to the console at BASE as a browser does, with the admin token in WORK/admin (written without a
# newline: curl's NAME@FILE sends the file as it is): the sign-in form for a session cookie and its CSRF
# token, then the form posted. Leaves the cookies in WORK/cookies, the overview it landed on in
# WORK/landing.html, and that page's CSRF token in WORK/csrf, for the actions a benchmark posts.
console_sign_in() {
  local base=$1 work=$2 csrf landing
  rm -f "$work/cookies"
  curl -sf -c "$work/cookies" -b "$work/cookies" -o "$work/login.html" "$base/login"
  csrf=$(form_csrf "$work/login.html")
  [[ -n "$csrf" ]] || die "GET /login: no _csrf field in the sign-in form"
  landing=$(curl -s -L -c "$work/cookies" -b "$work/cookies" -o "$work/landing.html" -w '%{http_code} %{url_effective}' \
    --data-urlencode "token@$work/admin" --data-urlencode "_csrf=$csrf" "$base/login")
  [[ "$landing" == "200 $base/" ]] && grep -q 'id="coverage"' "$work/landing.html" \
    || die "sign-in did not land on the overview (got $landing)"
  csrf=$(form_csrf "$work/landing.html")
  [[ -n "$csrf" ]] || die "the overview has no _csrf field"
  printf '%s' "$csrf" >"$work/csrf"
}

form_csrf() { grep -o '<input[^>]*name="_csrf"[^>]*>' "$1" | sed -n 's/.*value="\([^"]*\)".*/\1/p' | head -n 1; }

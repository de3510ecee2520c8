#!/usr/bin/env bash
# Start-up of a one-shot command as the image runs it, for docs/BENCHMARKS.md ("Start-up"), without Docker:
# the Dockerfile's layout (the extracted jar under target/image/app, docker/entrypoint, the AOT cache from
# docker/train-aot-cache, run by the same scripts with the local Java 25), then RUNS starts of
#   executions --limit=1   (start-up: the figure the targets are stated against)
#   sync                   (with nothing to do: a CronJob's fire)
# each timed for wall time, CPU time (user + system) and peak RSS; and, for comparison, the same on the
# Java running the build, with `java -jar` on the packaged jar.
#   JAVA25=/path/to/jdk-25/bin/java RUNS=10 scripts/bench-startup.sh
# Uses the local default database (scripts/provision-db.sh) with its demo events; run it on an idle machine.
set -euo pipefail

cd "$(dirname "$0")/.."
source scripts/lib.sh

RUNS="${RUNS:-10}"
JAVA25="${JAVA25:-$(ls -d /usr/lib/jvm/temurin-25*/bin/java 2>/dev/null | head -n 1)}"
[[ -x "$JAVA25" ]] || die "no Java 25 found: set JAVA25 to its bin/java (the image runs eclipse-temurin:25-jre)"
using_local_default || die "scripts/bench-startup.sh uses the local default server: unset DATABASE_URL (environment and .env)"
bash scripts/provision-db.sh >/dev/null
ensure_jar
set -a
source .env
set +a

APP=target/image/app
rm -rf "$APP"
"$JAVA25" -Djarmode=tools -jar "$JAR" extract --destination "$APP" >/dev/null
cp docker/entrypoint docker/train-aot-cache "$APP/"
start=$(date +%s%3N)
APP_DIR="$APP" JAVA="$JAVA25" "$APP/train-aot-cache"
say "training run: $(( $(date +%s%3N) - start )) ms, cache $(du -m "$APP/app.aot" | cut -f1) MB"

# The database the commands run against: migrated, with embedded events, so that `sync` has nothing to do.
APP_DIR="$APP" JAVA="$JAVA25" "$APP/entrypoint" migrate >/dev/null
APP_DIR="$APP" JAVA="$JAVA25" "$APP/entrypoint" sync >/dev/null

measure() {
  local label=$1
  shift
  local walls=() cpus=() rss=0
  for _ in $(seq 1 "$RUNS"); do
    local out
    out=$( { /usr/bin/time -f '%e %U %S %M' "$@" >/dev/null 2>/dev/null; } 2>&1 | tail -n 1)
    read -r wall user sys kb <<<"$out"
    walls+=("$wall")
    cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')")
    (( kb > rss )) && rss=$kb
  done
  printf '| %s | %s s | %s s | %s s | %d MB |\n' "$label" "$(median "${walls[@]}")" "$(min "${walls[@]}")" \
    "$(median "${cpus[@]}")" $(( rss / 1024 ))
}
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
min() { printf '%s\n' "$@" | sort -n | head -n 1; }

say "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $RUNS runs each"
echo "| command | wall, median | wall, best | CPU (user+sys), median | peak RSS |"
echo "| --- | --- | --- | --- | --- |"
measure "image layout, Java 25 + AOT cache: executions --limit=1" env APP_DIR="$APP" JAVA="$JAVA25" "$APP/entrypoint" executions --limit=1
measure "image layout, Java 25 + AOT cache: sync, nothing to do" env APP_DIR="$APP" JAVA="$JAVA25" "$APP/entrypoint" sync
measure "java -jar (build JVM): executions --limit=1" java -jar "$JAR" executions --limit=1
measure "java -jar (build JVM): sync, nothing to do" java -jar "$JAR" sync
say "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

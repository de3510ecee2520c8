#!/usr/bin/env bash
# Start-up of a one-shot command as the image runs it, for docs/BENCHMARKS.md ("Start-up"), without Docker:
# the Dockerfile's layout (scripts/lib.sh image_layout: the extracted jar under target/image/app,
# docker/entrypoint, the AOT cache from docker/train-aot-cache, run by the same scripts with the local
# Java 25) and the sync CronJob's command line and environment (image_command: in the image's working
# directory, the ConfigMap's JAVA_TOOL_OPTIONS, its memory limit), then RUNS starts of
#   executions --limit=1   (start-up: the figure the targets are stated against)
#   sync                   (with nothing to do: a CronJob's fire)
# each timed for wall time, CPU time (user + system) and peak RSS, with the load average before and after;
# and, for comparison, the same on the Java running the build, with `java -jar` on the packaged jar.
#   JAVA25=/path/to/jdk-25/bin/java RUNS=10 scripts/bench-startup.sh
# STARTUP_COMPARE=false leaves out the comparison (on a loaded machine `java -jar` takes 10-15 s a start,
# which holds the shared lock for minutes and measures nothing the targets ask for).
# Uses the local default database (scripts/provision-db.sh) with its demo events; run it on an idle machine.
set -euo pipefail

cd "$(dirname "$0")/.."
source scripts/lib.sh

RUNS="${RUNS:-10}"
JAVA25=$(java25)
using_local_default || die "scripts/bench-startup.sh uses the local default server: unset DATABASE_URL (environment and .env)"
bash scripts/provision-db.sh >/dev/null
ensure_jar
set -a
source .env
set +a

image_layout "$JAVA25"
mapfile -t image < <(image_command "$JAVA25")

# The database the commands run against: migrated, with embedded events, so that `sync` has nothing to do.
"${image[@]}" migrate >/dev/null 2>&1
"${image[@]}" sync >/dev/null 2>&1

measure() {
  local label=$1
  shift
  local walls=() cpus=() rss=0 load_before
  load_before=$(cut -d' ' -f1 /proc/loadavg)
  for _ in $(seq 1 "$RUNS"); do
    image_fresh_tmp
    # time's own report goes to a file: the command's output, stderr included, is not measured.
    /usr/bin/time -o "$timing" -f '%e %U %S %M' "$@" >/dev/null 2>&1 || die "$label failed: $* (run it by hand to see why)"
    read -r wall user sys kb <"$timing"
    walls+=("$wall")
    cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')")
    (( kb > rss )) && rss=$kb
  done
  printf '| %s | %s s | %s s | %s s | %d MB | %s |\n' "$label" "$(median "${walls[@]}")" "$(min "${walls[@]}")" \
    "$(median "${cpus[@]}")" $(( rss / 1024 )) "$load_before -> $(cut -d' ' -f1 /proc/loadavg)"
}
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
min() { printf '%s\n' "$@" | sort -n | head -n 1; }

timing=$(mktemp)
trap 'rm -f "$timing"' EXIT
say "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $RUNS runs each"
echo "| command | wall, median | wall, best | CPU (user+sys), median | peak RSS | load (1 min) before -> after |"
echo "| --- | --- | --- | --- | --- | --- |"
measure "image layout, Java 25 + AOT cache: executions --limit=1" "${image[@]}" executions --limit=1
measure "image layout, Java 25 + AOT cache: sync, nothing to do" "${image[@]}" sync
if [[ "${STARTUP_COMPARE:-true}" == true ]]; then
  measure "java -jar (build JVM): executions --limit=1" java -jar "$JAR" executions --limit=1
  measure "java -jar (build JVM): sync, nothing to do" java -jar "$JAR" sync
fi
say "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

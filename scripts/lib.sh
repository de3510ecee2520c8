# Shared helpers for the project's scripts. Sourced, not run.
say() { printf '[iot-embeddings] %s\n' "$*" >&2; }
die() { printf '[iot-embeddings] error: %s\n' "$*" >&2; exit 2; }

#!/usr/bin/env bash
# The relay benchmark: intake rate, relay throughput (messages/s to a local receiver answering 204
# at once), end-to-end latency (Terra's POST -> the app's receiver) at half the intake's rate,
# and intake with the relay on; on SQLite, then PostgreSQL, in one go.
#
#   bench/relay/run.sh [EVENTS]     (default 8000; LATENCY_SECONDS=15, CONNECTIONS=32)
#
# TERRAAUTH_BENCH_POSTGRES_URL (default the local test database; "skip" leaves PostgreSQL out);
# SKIP_SQLITE=1 leaves SQLite out; CLI_JAR=path benchmarks another build (no build then).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
events=${1:-8000}
pg_url=${TERRAAUTH_BENCH_POSTGRES_URL:-"jdbc:postgresql://127.0.0.1:5432/test?user=postgres"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ "${SKIP_BUILD:-}" != 1 ] && [ -z "${CLI_JAR:-}" ]; then
  echo "building the CLI..." >&2
  ./mvnw -q -B -DskipTests -pl terraauth-cli -am package >&2
fi
cli_jar=${CLI_JAR:-$root/terraauth-cli/target/terra-auth.jar}
bench() { java -cp "$cli_jar" bench/relay/RelayBench.java --cli-jar "$cli_jar" --work "$work" \
  --events "$events" --connections "${CONNECTIONS:-32}" --latency-seconds "${LATENCY_SECONDS:-15}" "$@"; }

echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) on $(nproc) cores; $events events, 2 KB bodies"
if [ "${SKIP_SQLITE:-}" != 1 ]; then
  bench --label sqlite
fi
if [ "$pg_url" != skip ]; then
  schema="bench_relay_$(date +%s)_$$"
  java -cp "$cli_jar" bench/intake/Driver.java sql --jdbc "$pg_url" --exec "CREATE SCHEMA $schema"
  case "$pg_url" in *\?*) schema_url="$pg_url&currentSchema=$schema" ;; *) schema_url="$pg_url?currentSchema=$schema" ;; esac
  bench --label postgres --database-url "$schema_url"
  java -cp "$cli_jar" bench/intake/Driver.java sql --jdbc "$pg_url" --exec "DROP SCHEMA $schema CASCADE"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

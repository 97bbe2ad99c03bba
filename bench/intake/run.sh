#!/usr/bin/env bash
# The webhook intake benchmark: the gateway storing durably (SQLite, then PostgreSQL) against a
# verify-only Spring Boot receiver shaped like Terra's public sample, side by side at each
# connection count, then widget-session overhead against calling the emulator directly.
#
#   bench/intake/run.sh [SECONDS_PER_RUN]      (default 8; needs wrk: apt-get install -y wrk)
#
# Environment: CONNS (default "1 8 32 64"), TERRAAUTH_BENCH_POSTGRES_URL (default the local
# test database; "skip" leaves PostgreSQL out), BODY_BYTES (default 2048), WARMUP (seconds of
# load on each JVM before anything is measured, default 20: the JIT is still busy before that),
# POOL_RATE (pre-signed requests per second of a gateway run, default 20000: each is sent once,
# so it must exceed what the gateway takes), BENCH_NO_BUILD=1 (use the jars already built).
#
# The gateway runs with its defaults: SQLite synchronous=FULL (every acknowledged delivery is on
# disk), PostgreSQL synchronous_commit as the server has it (on by default).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
duration=${1:-8}
conns_list=${CONNS:-"1 8 32 64"}
body_bytes=${BODY_BYTES:-2048}
warmup=${WARMUP:-20}
pool_rate=${POOL_RATE:-20000}
pg_url=${TERRAAUTH_BENCH_POSTGRES_URL:-"jdbc:postgresql://127.0.0.1:5432/test?user=postgres"}
# the public signing secret of the local environment (the emulator's built-in account)
secret=local-signing-secret-not-secret-0000
command -v wrk >/dev/null || { echo "bench/intake needs wrk: apt-get install -y wrk" >&2; exit 2; }

work=$(mktemp -d)
# pre-signed requests live in memory (tmpfs), so writing them does not load the disk the
# databases fsync on
requests=$(mktemp -d -p /dev/shm 2>/dev/null || mktemp -d)
summary=$work/summary.txt
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work" "$requests"
}
trap cleanup EXIT

if [ "${BENCH_NO_BUILD:-0}" != 1 ]; then
  echo "building the CLI and the baseline receiver..." >&2
  ./mvnw -q -B -DskipTests -pl terraauth-cli -am package >&2
  ./mvnw -q -B -f bench/intake/baseline/pom.xml package -DskipTests >&2
fi
cli_jar=$root/terraauth-cli/target/terra-auth.jar
driver() { java -cp "$cli_jar" bench/intake/Driver.java "$@"; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
await_ready() {
  for _ in $(seq 1 240); do
    curl -fs -o /dev/null "$1" && return 0
    sleep 0.5
  done
  echo "not ready: $1 (see $work/*.log)" >&2
  tail -n 20 "$work"/*.log >&2
  exit 1
}

baseline_port=$(free_port)
TERRA_SIGNINGSECRET=$secret java -jar bench/intake/baseline/target/intake-baseline.jar \
  --server.port="$baseline_port" --logging.level.root=WARN > "$work/baseline.log" 2>&1 &
pids+=($!)

start_gateway() { # $1 label, then serve options
  local label=$1; shift
  gateway_port=$(free_port)
  emulator_port=$(free_port)
  java -jar "$cli_jar" serve --port "$gateway_port" --emulator-port "$emulator_port" \
    --reconcile-every PT0S "$@" > "$work/gateway-$label.log" 2>&1 &
  gateway_pid=$!
  pids+=("$gateway_pid")
  await_ready "http://127.0.0.1:$gateway_port/health/ready"
}

stop_gateway() {
  kill "$gateway_pid"
  wait "$gateway_pid" 2>/dev/null || true
}

# one wrk run; prints its RESULT line
load() { # $1 label, $2 url base, $3 connections, [$4 seconds]
  local threads=$(( $3 < 2 ? 1 : 2 )) seconds=${4:-$duration}
  # pre-signed pool: more than the gateway can take in the run (each sent once; the baseline,
  # which stores nothing, may get repeats)
  local count=$(( (seconds + 1) * pool_rate ))
  rm -f "$requests"/requests-*.txt
  driver sign --secret "$secret" --count "$count" --threads "$threads" --dir "$requests" \
    --body-bytes "$body_bytes"
  BENCH_REQUESTS=$requests BENCH_LABEL=$1 BENCH_CONNS=$3 \
    wrk -t"$threads" -c"$3" -d"${seconds}s" --latency -s bench/intake/webhooks.lua "$2" \
    | grep '^RESULT' | sed 's/^RESULT //'
}

field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<< "$2"; }

compare() { # $1 database label
  local stored_2xx=0 cut_off=0 warm
  # warm both JVMs (JIT) before anything is measured; the gateway's warm-up rows count too
  load warmup-baseline "http://127.0.0.1:$baseline_port" 32 "$warmup" > /dev/null
  warm=$(load "warmup-gateway-$1" "http://127.0.0.1:$gateway_port" 32 "$warmup")
  stored_2xx=$(field 2xx "$warm")
  cut_off=32
  for conns in $conns_list; do
    cut_off=$(( cut_off + conns ))
    local base gate
    base=$(load baseline "http://127.0.0.1:$baseline_port" "$conns")
    gate=$(load "gateway-$1" "http://127.0.0.1:$gateway_port" "$conns")
    stored_2xx=$(( stored_2xx + $(field 2xx "$gate") ))
    echo "$base"
    echo "$gate"
    python3 - "$1" "$base" "$gate" <<'PY' | tee -a "$summary"
import re, sys
def parse(line):
    return {k: float(v) for k, v in re.findall(r"(conns|req/s|p50_ms|p99_ms)=([0-9.]+)", line)}
db, b, g = sys.argv[1], parse(sys.argv[2]), parse(sys.argv[3])
print("  %-8s %3d conns | baseline %7.0f req/s p50 %6.2f p99 %7.2f ms | gateway %7.0f req/s"
      " p50 %6.2f p99 %7.2f ms | ratio req/s %.2fx p99 %.2fx"
      % (db, g["conns"], b["req/s"], b["p50_ms"], b["p99_ms"], g["req/s"], g["p50_ms"],
         g["p99_ms"], g["req/s"] / b["req/s"], g["p99_ms"] / b["p99_ms"]))
PY
  done
  sleep 1
  local rows
  rows=$(driver count --jdbc "$2")
  # wrk stops with one request in flight per connection: those may be stored without their answer
  # being counted, never the other way round
  if [ "$rows" -ge "$stored_2xx" ] && [ $(( rows - stored_2xx )) -le "$cut_off" ]; then
    echo "  rows check ($1): $rows rows stored, $stored_2xx answered 2xx (+$(( rows - stored_2xx )) in flight when wrk stopped, at most $cut_off): OK" | tee -a "$summary"
  else
    echo "  rows check ($1): $rows rows stored, $stored_2xx answered 2xx: MISMATCH" | tee -a "$summary"
    mismatch=1
  fi
}

mismatch=0
for _ in $(seq 1 240); do # the baseline answers 404 on / once it is up
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$baseline_port/" || true)" != 000 ] && break
  sleep 0.5
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) on $(nproc) cores; ${duration}s per run, ${warmup}s warm-up, ${body_bytes}-byte bodies"

start_gateway sqlite --data-dir "$work/sqlite"
compare sqlite "jdbc:sqlite:$work/sqlite/gateway.db"

# second part: widget-session overhead (the gateway's session record goes through the same writer)
token=$(curl -fs -H 'Content-Type: application/json' -d '{"name":"bench-user"}' \
  "http://127.0.0.1:$gateway_port/dev/login" | sed 's/.*"token":"\([^"]*\)".*/\1/')
widget() { # $1 "direct" or "gateway", $2 connections, $3 seconds; prints the RESULT line
  local threads=$(( $2 < 2 ? 1 : 2 ))
  if [ "$1" = direct ]; then
    BENCH_LABEL=emulator-direct BENCH_CONNS=$2 BENCH_PATH=/api/v2/auth/generateWidgetSession \
      BENCH_DEV_ID=terra-auth-local-dev BENCH_API_KEY=local-api-key-not-secret-0000 \
      BENCH_BODY='{"reference_id":"bench-user","providers":"GARMIN"}' \
      wrk -t"$threads" -c"$2" -d"${3}s" --latency -s bench/intake/widget.lua \
        "http://127.0.0.1:$emulator_port" | grep '^RESULT' | sed 's/^RESULT //'
  else
    BENCH_LABEL=gateway-widget-session BENCH_CONNS=$2 BENCH_PATH=/api/terra/widget-session \
      BENCH_AUTH="Bearer $token" BENCH_BODY='{"providers":["GARMIN"]}' \
      wrk -t"$threads" -c"$2" -d"${3}s" --latency -s bench/intake/widget.lua \
        "http://127.0.0.1:$gateway_port" | grep '^RESULT' | sed 's/^RESULT //'
  fi
}
# this path's code has not run yet: warm it (both sides) before measuring
widget direct 32 $(( (warmup + 1) / 2 )) > /dev/null
widget gateway 32 $(( (warmup + 1) / 2 )) > /dev/null
for conns in 1 32; do
  direct=$(widget direct "$conns" "$duration")
  via=$(widget gateway "$conns" "$duration")
  echo "$direct"
  echo "$via"
  python3 - "$direct" "$via" <<'PY' | tee -a "$summary"
import re, sys
def parse(line):
    return {k: float(v) for k, v in re.findall(r"(conns|req/s|p50_ms|p99_ms)=([0-9.]+)", line)}
d, g = parse(sys.argv[1]), parse(sys.argv[2])
print("  widget   %3d conns | emulator directly %6.0f req/s p50 %6.2f p99 %7.2f ms | via gateway"
      " %6.0f req/s p50 %6.2f p99 %7.2f ms | overhead p50 %+.2f ms p99 %+.2f ms"
      % (g["conns"], d["req/s"], d["p50_ms"], d["p99_ms"], g["req/s"], g["p50_ms"], g["p99_ms"],
         g["p50_ms"] - d["p50_ms"], g["p99_ms"] - d["p99_ms"]))
PY
done
stop_gateway

if [ "$pg_url" != skip ]; then
  schema="bench_intake_$(date +%s)_$$"
  driver sql --jdbc "$pg_url" --exec "CREATE SCHEMA $schema"
  case "$pg_url" in *\?*) schema_url="$pg_url&currentSchema=$schema" ;; *) schema_url="$pg_url?currentSchema=$schema" ;; esac
  start_gateway postgres --data-dir "$work/unused" --database-url "$schema_url"
  compare postgres "$schema_url"
  stop_gateway
  driver sql --jdbc "$pg_url" --exec "DROP SCHEMA $schema CASCADE"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "summary (targets at 32 connections: SQLite req/s >= 1.0x and p99 <= 2x the baseline's;"
echo "PostgreSQL req/s >= 0.5x; widget-session overhead <= +1 ms p50 and <= +3 ms p99 at 1 and 32):"
cat "$summary"
exit "$mismatch"

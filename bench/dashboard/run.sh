#!/usr/bin/env bash
# Page speed of the dashboard and the start page with 1,000 connections in the database: wrk
# against each page of one `terra-auth serve` (local, SQLite), side by side with /health/live as
# the baseline (the same server and stack doing no work), p50/p99 from wrk's latency histogram.
#
#   bench/dashboard/run.sh [SECONDS_PER_PAGE]   (default 5; needs wrk: apt-get install -y wrk)
#
# Environment: CONNECTIONS (default 1000), CONNS (wrk connections, default 8), SKIP_BUILD=1 to use
# the jar already built (then the whole run is the measurement; run it on a quiet machine).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
duration=${1:-5}
connections=${CONNECTIONS:-1000}
conns=${CONNS:-8}
token=bench-admin-token-0000
command -v wrk >/dev/null || { echo "bench/dashboard needs wrk: apt-get install -y wrk" >&2; exit 2; }

if [ "${SKIP_BUILD:-}" != 1 ]; then
  echo "building the CLI..." >&2
  ./mvnw -q -B -DskipTests -pl terraauth-cli -am package >&2
fi
cli_jar=$root/terraauth-cli/target/terra-auth.jar

work=$(mktemp -d)
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port)
base=http://127.0.0.1:$port
(cd "$work" && TERRAAUTH_ADMIN_TOKEN=$token exec java -jar "$cli_jar" serve --port "$port" \
  --emulator-port "$(free_port)" --data-dir data --reconcile-every PT0S > serve.log 2>&1) &
pid=$!
for _ in $(seq 1 240); do curl -fs -o /dev/null "$base/health/ready" && break; sleep 0.5; done
curl -fs -o /dev/null "$base/health/ready" || { tail -30 "$work/serve.log" >&2; exit 1; }

java -cp "$cli_jar" bench/dashboard/Seed.java "jdbc:sqlite:$work/data/gateway.db" "$connections" >&2

# sign in as a browser does: the sign-in form's cookie and field, then the token for a session
form=$(curl -fs -c "$work/jar" "$base/admin/sign-in")
field=$(printf '%s' "$form" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p')
curl -fs -o /dev/null -b "$work/jar" -c "$work/jar" --data-urlencode "_csrf=$field" \
  --data-urlencode "token=$token" "$base/admin/sign-in"
cookie="terraauth_admin=$(awk '$6 == "terraauth_admin" {print $7}' "$work/jar")"
# an app user with 10 connections, for the start page's own API call
login=$(curl -fs -H 'Content-Type: application/json' -d '{"name":"bench-ref-1"}' "$base/dev/login")
bearer=$(printf '%s' "$login" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')

echo "$(nproc) CPUs; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$connections connections, deliveries and sessions; wrk -t2 -c$conns -d${duration}s per page"
printf '%-46s %9s %9s %9s %8s\n' page requests/s p50 p99 non-2xx
measure() { # $1 path, then extra wrk arguments
  local path=$1; shift
  local out
  out=$(wrk -t2 -c"$conns" -d"${duration}s" --latency "$@" "$base$path")
  local rps p50 p99 bad
  rps=$(printf '%s\n' "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(printf '%s\n' "$out" | awk '$1 == "50%" {print $2}')
  p99=$(printf '%s\n' "$out" | awk '$1 == "99%" {print $2}')
  bad=$(printf '%s\n' "$out" | awk '/Non-2xx/ {print $5}')
  printf '%-46s %9s %9s %9s %8s\n' "$path" "$rps" "$p50" "$p99" "${bad:-0}"
}
measure /health/live
measure / 
measure /assets/start.js
measure /api/terra/connections -H "Authorization: Bearer $bearer"
for page in "/admin/ui/connections" "/admin/ui/connections?page=20" \
  "/admin/ui/connections?q=bench-ref-7&state=active" "/admin/ui/sessions" \
  "/admin/ui/sessions?page=20" "/admin/ui/deliveries" "/admin/ui/credentials" \
  "/admin/ui/relay" "/admin/ui/reconcile"; do
  measure "$page" -H "Cookie: $cookie"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

#!/usr/bin/env bash
# Benchmark: `terra-auth scan --history` against `git log -p --all | rg` with the same keywords on
# the same repository (target: within 5x).
#
#   bench/scan/history.sh [REPO_DIR] [MEGABYTES]
#
# Generates (once) a repository with about 136 MB of keyword-heavy history (generate_history.py),
# then times both side by side with hyperfine. Needs python3, git, rg and hyperfine:
#   apt-get update && apt-get install -y ripgrep hyperfine
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
history=${1:-${TMPDIR:-/tmp}/terra-auth-history-bench}
megabytes=${2:-136}
runs=${RUNS:-5}
for tool in rg hyperfine git python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$tool is missing (apt-get install -y ripgrep hyperfine)" >&2; exit 2; }
done
if [ ! -f "$history/.git/bench-generated" ]; then
  rm -rf "$history"
  python3 "$repo/bench/scan/generate_history.py" "$history" --megabytes "$megabytes"
  touch "$history/.git/bench-generated"
fi
"$repo/terra-auth" --version >/dev/null # build + start-up archive, not timed
echo "history: $(git -C "$history" rev-list --all | wc -l) commits, git log -p: $(git -C "$history" log -p --all | wc -c | awk '{printf "%.0f MB", $1/1048576}'); $(nproc) CPUs; load $(cut -d' ' -f1-3 /proc/loadavg)"
pattern='terra|dev[-_.]?id|api[-_.]?key|(webhook|signing)[-_.]?secret'
cd "$history"
hyperfine --warmup 1 --runs "$runs" \
  "git log -p --all | rg -i -e '$pattern' > /dev/null" \
  "$repo/terra-auth scan --history --no-progress --json > /dev/null || [ \$? -eq 1 ]"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

#!/usr/bin/env bash
# Benchmark: `terra-auth scan` against ripgrep searching the same tree for the same keywords.
#
#   bench/scan/run.sh [TREE_DIR] [MEGABYTES]
#
# Generates (once) a realistic tree of >= 200 MB under TREE_DIR (default:
# ${TMPDIR:-/tmp}/terra-auth-scan-bench), warms the page cache, then times both tools over a few
# runs each (hyperfine when installed, else a plain loop). Needs python3, a JDK 17+ and rg:
#   apt-get update && apt-get install -y ripgrep hyperfine
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
tree=${1:-${TMPDIR:-/tmp}/terra-auth-scan-bench}
megabytes=${2:-220}
runs=${RUNS:-5}

if ! command -v rg >/dev/null 2>&1; then
  echo "ripgrep (rg) is missing: apt-get update && apt-get install -y ripgrep" >&2
  exit 2
fi
jar="$repo/terraauth-cli/target/terra-auth.jar"
if [ ! -f "$jar" ]; then
  (cd "$repo" && ./mvnw -q -B -DskipTests -pl terraauth-cli -am package)
fi
if [ ! -f "$tree/.generated" ]; then
  python3 "$repo/bench/scan/generate_tree.py" "$tree" --megabytes "$megabytes"
  touch "$tree/.generated"
fi
echo "tree: $(du -sh "$tree" | cut -f1) in $(find "$tree" -type f | wc -l) files; $(nproc) CPUs"

# The keywords the scanner's prefilter and detector look for, as one case-insensitive regex.
pattern='terra|dev[-_.]?id|api[-_.]?key|(webhook|signing)[-_.]?secret'
scan="java -jar $jar scan --no-progress --json $tree"
# What users run: the ./terra-auth launcher, which starts short-lived commands with the C1 JIT
# only (a scan spends much of its CPU in C2 compilation otherwise).
scan_c1="$repo/terra-auth scan --no-progress --json $tree"
ripgrep="rg --hidden -i -n -e '$pattern' $tree"

# Warm the cache (and check both tools agree there is something to find).
cat $(find "$tree" -type f) >/dev/null 2>&1 || true
$scan > /tmp/terra-auth-scan-bench.json || [ $? -eq 1 ]
echo "terra-auth findings: $(grep -c '"rule"' /tmp/terra-auth-scan-bench.json)"
echo "rg matching lines:   $(eval "$ripgrep" | wc -l)"

if command -v hyperfine >/dev/null 2>&1; then
  hyperfine --warmup 1 --runs "$runs" -i -N "$scan" "$scan_c1" "$ripgrep" 2>/dev/null \
    || hyperfine --warmup 1 --runs "$runs" -i "$scan" "$scan_c1" "$ripgrep > /dev/null"
else
  for name in terra-auth launcher rg; do
    for run in $(seq "$runs"); do
      start=$(date +%s.%N)
      case $name in
        terra-auth) $scan >/dev/null || true ;;
        launcher) $scan_c1 >/dev/null || true ;;
        *) eval "$ripgrep" >/dev/null || true ;;
      esac
      end=$(date +%s.%N)
      printf '%-10s run %d: %.2f s\n' "$name" "$run" "$(echo "$end - $start" | bc)"
    done
  done
fi

#!/usr/bin/env bash
# Benchmark: start-up of short terra-auth commands against a Java hello-world, side by side in one
# hyperfine invocation (so a loaded machine slows both alike), with the load average printed. The
# baseline is plain `java -cp hello.jar Hello`: the same JDK, no options, the JDK's default
# class-data sharing, and a jar on the class path as ./terra-auth has. Run it on a quiet machine.
#
#   bench/startup/run.sh            # RUNS=20 by default; needs hyperfine (apt-get install -y hyperfine)
#
# Runs ./terra-auth as users do (it builds the jar and records the class-data-sharing archive on
# first use, so the first call here is not timed).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
runs=${RUNS:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! command -v hyperfine >/dev/null 2>&1; then
  echo "hyperfine is missing: apt-get update && apt-get install -y hyperfine" >&2
  exit 2
fi
cat > "$work/Hello.java" <<'JAVA'
public class Hello {
  public static void main(String[] args) {
    System.out.println("hello");
  }
}
JAVA
(cd "$work" && javac Hello.java && jar cf hello.jar Hello.class)

"$repo/terra-auth" --version >/dev/null # build + training run, not timed
# The archive must map, or every figure below is for a start without it (-Xshare:on refuses to
# start instead of silently going on without the archive).
jar="$repo/terraauth-cli/target/terra-auth.jar"
if ! java -Xshare:on -XX:SharedArchiveFile="$repo/terraauth-cli/target/terra-auth.jsa" \
     -XX:TieredStopAtLevel=1 -cp "$jar" dev.terraauth.cli.TerraAuthCli --version \
     >/dev/null; then
  echo "the class-data-sharing archive does not map (see the error above)" >&2
  exit 1
fi
printf '{"type":"auth","status":"success","user":{"user_id":"u-1"}}' > "$work/body.json"
signature=$(cd "$work" && "$repo/terra-auth" webhook sign --env local --body body.json | tail -n 1)

echo "$(nproc) CPUs; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
cd "$work"
hyperfine -N --warmup 3 --runs "$runs" \
  "java -cp $work/hello.jar Hello" \
  "$repo/terra-auth env list" \
  "$repo/terra-auth --help" \
  "$repo/terra-auth webhook verify --env local --body body.json --signature $signature"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
# The target: each command at most 3x the hello-world (hyperfine's summary above gives the ratios).

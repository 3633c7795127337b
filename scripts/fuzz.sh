#!/bin/bash
# The long fuzz run (the suite runs a short one): Jazzer's standalone driver on the trace reader
# (ior.fuzz.TraceFuzz) for RUNS inputs, then on the analyzer's replay (ReplayFuzz) for REPLAY_SECS.
# Seeds and earlier findings come from src/test/resources/**/*FuzzTestInputs; a new finding is
# copied there (commit it with the fix: it becomes a regression test). The growing corpus stays
# in src/test/target/fuzz-corpus. Prints the libFuzzer summary line of each target.
#
#   bash scripts/fuzz.sh [RUNS (default 10000000)] [REPLAY_SECS (default 1800)]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-10000000}"
replay_secs="${2:-1800}"
export JAVA_HOME="${IOR_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$root"
# one reactor run, so the test module's classpath names this checkout's modules (written last)
mvn -B -q package -DskipTests dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$root/src/test/target/fuzz.cp" 2>&1 \
  | grep -v -e '^WARNING' -e '^.\[0m' >&2 || true
# this checkout's classes first; drop any ior jars another build left in the local repository
deps="$(tr ':' '\n' <src/test/target/fuzz.cp | grep -v '/dev/ior/' | paste -sd:)"
cp="$root/src/test/target/test-classes:$root/analyzer/target/classes:$root/recorder/target/classes:$deps"
work="$root/src/test/target/fuzz-corpus"

fuzz() { # fuzz TARGET_CLASS INPUTS_DIR LIBFUZZER_ARGS...
  local target="$1" inputs="$root/src/test/resources/$2" corpus="$work/$1" log="$work/$1.log"
  mkdir -p "$corpus" "$work/findings"
  echo "fuzz: $target (log $log)" >&2
  local rc=0
  (cd "$work/findings" && "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
      --sun-misc-unsafe-memory-access=allow -Xmx1g -Dior.batch=256 -cp "$cp" com.code_intelligence.jazzer.Jazzer \
      --target_class="$target" --instrumentation_includes='ior.**' \
      --disabled_hooks=com.code_intelligence.jazzer.sanitizers.UnsafeSanitizer \
      -timeout=10 -rss_limit_mb=3072 -print_final_stats=1 "${@:3}" "$corpus" "$inputs") >"$log" 2>&1 || rc=$?
  for f in "$work"/findings/crash-* "$work"/findings/timeout-* "$work"/findings/oom-*; do
    [ -e "$f" ] && cp "$f" "$inputs/" && echo "fuzz: FINDING kept as $inputs/$(basename "$f")" >&2
  done
  grep -A12 -F '== Java Exception' "$log" | head -20 >&2 || true
  grep -E '^Done [0-9]+ runs' "$log" || echo "fuzz: $target ended with code $rc, see $log" >&2
  grep -E 'stat::number_of_executed_units|stat::peak_rss_mb' "$log" || true
  return "$rc"
}

fuzz ior.fuzz.TraceFuzz ior/fuzz/TraceReaderFuzzTestInputs/traceBytes -runs="$runs"
fuzz ior.analyzer.ingest.ReplayFuzz ior/analyzer/ingest/ReplayFuzzTestInputs/replay -max_total_time="$replay_secs"

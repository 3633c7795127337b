#!/usr/bin/env bash
# parquet-bench.sh: DuckDB's Parquet writer vs parquet-java on the same rows, side by side in
# one JVM (bench/parquet/ParquetWriterBench.java says what each figure measures). ior export
# uses the faster one; docs/benchmarks.md has the results.
#
# usage: bench/parquet-bench.sh [-t TRACE] [-r ROUNDS] [-o OUTDIR]
#   without -t, records `dd bs=1 count=2500000` (5M syscalls; needs root) into OUTDIR first.
# parquet-java comes from the test module's dependencies (Maven, offline if already fetched).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
trace="" rounds=3 out=/tmp/parquet-bench
while getopts "t:r:o:" o; do
  case $o in t) trace=$OPTARG ;; r) rounds=$OPTARG ;; o) out=$OPTARG ;; *) exit 2 ;; esac
done
jdk=/usr/lib/jvm/temurin-25-jdk-amd64
[ -x "$jdk/bin/java" ] || jdk="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
mkdir -p "$out"
"$root/ior" --version >/dev/null
if [ -z "$trace" ]; then
  trace="$out/dd.iortrace"
  [ -f "$trace" ] || "$root/ior" record -q -o "$trace" -- dd if=/dev/zero of=/dev/null bs=1 count=2500000 2>/dev/null
fi
(cd "$root" && JAVA_HOME=$jdk mvn -B -q dependency:build-classpath -pl src/test -am \
  -Dmdep.outputFile="$out/cp.txt" -Dmdep.includeScope=test >/dev/null 2>&1)
cp="$root/analyzer/target/ior.jar:$(cat "$out/cp.txt")"
echo "trace $trace ($(du -h "$trace" | cut -f1)), rounds $rounds, load1 $(cut -d' ' -f1 /proc/loadavg), $(nproc) cpus, commit $(git -C "$root" rev-parse --short HEAD)"
/usr/bin/time -f "peak RSS %M KiB, wall %e s" "$jdk/bin/java" -Xmx4g --enable-native-access=ALL-UNNAMED \
  --add-opens=java.base/java.nio=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -cp "$cp" "$root/bench/parquet/ParquetWriterBench.java" "$trace" "$out" "$rounds"

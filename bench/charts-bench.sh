#!/usr/bin/env bash
# charts-bench.sh: flame graphs and preset charts over a syscalls table of N rows (default 10M,
# 100k distinct files), made in DuckDB in memory; see bench/charts/ChartsBench.java for what each
# line measures. Needs the built jar (./ior builds it); no root.
#
# usage: bench/charts-bench.sh [-n ROWS] [-f FILES] [-o OUTDIR] [-x HEAP]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
n=10000000 files=100000 out=/tmp/charts-bench heap=2g
while getopts "n:f:o:x:" o; do
  case $o in n) n=$OPTARG ;; f) files=$OPTARG ;; o) out=$OPTARG ;; x) heap=$OPTARG ;; *) exit 2 ;; esac
done
jdk=/usr/lib/jvm/temurin-25-jdk-amd64
[ -x "$jdk/bin/java" ] || jdk="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
[ -f "$root/analyzer/target/ior.jar" ] || "$root/ior" --version >/dev/null
echo "rows $n, files $files, heap $heap, load1 $(cut -d' ' -f1 /proc/loadavg), $(nproc) cpus, commit $(git -C "$root" rev-parse --short HEAD)"
/usr/bin/time -f "peak RSS %M KiB, wall %e s" "$jdk/bin/java" -Xmx"$heap" --enable-native-access=ALL-UNNAMED \
  --add-opens=java.base/java.nio=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -cp "$root/analyzer/target/ior.jar" "$root/bench/charts/ChartsBench.java" "$n" "$files" "$out"

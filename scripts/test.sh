#!/bin/bash
# The whole test suite: unit tests, and integration tests that record real workloads with BPF
# (they need root; elsewhere they skip with a loud reason). Installs what it needs first.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/scripts/setup.sh"
jdk=/usr/lib/jvm/temurin-25-jdk-amd64
for c in "${IOR_JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
  [ -n "$c" ] && [ -x "$c/bin/java" ] || continue
  v="$("$c/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1)"
  if [ -n "$v" ] && [ "${v%%.*}" -ge 22 ] 2>/dev/null; then jdk="$c"; break; fi
done
cd "$root"
JAVA_HOME="$jdk" mvn -B -ntp verify "$@"

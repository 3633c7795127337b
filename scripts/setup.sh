#!/bin/bash
# Installs what building, recording and testing ior need on a Debian/Ubuntu host, once.
# Idempotent; run as root. The analyzer alone needs only a JDK >= 22 and Maven.
set -euo pipefail
need=()
command -v clang >/dev/null || need+=(clang)
command -v llvm-strip >/dev/null || need+=(llvm)
command -v bpftool >/dev/null || need+=(bpftool)
[ -f /usr/include/bpf/bpf_helpers.h ] || need+=(libbpf-dev)
ls /usr/lib/x86_64-linux-gnu/libbpf.so.1* >/dev/null 2>&1 || need+=(libbpf1)
command -v strace >/dev/null || need+=(strace)
command -v sqlite3 >/dev/null || need+=(sqlite3)
# a real program the strace cross-check records (tar and gzip are in every base system)
[ -x /usr/bin/python3 ] || need+=(python3)
command -v tmux >/dev/null || need+=(tmux)
command -v setpriv >/dev/null || need+=(util-linux)
command -v gcc >/dev/null || need+=(gcc)
command -v mvn >/dev/null || need+=(maven)
# charts draw text with the JDK's fonts (fontconfig + DejaVu); flame graph and report tests run
# a real headless browser
command -v fc-list >/dev/null || need+=(fontconfig)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
command -v chromium >/dev/null || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "setup: missing ${need[*]}: run as root (or install them)" >&2; exit 4; fi
  echo "setup: installing ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${need[@]}" >/dev/null
fi
if [ "$(id -u)" = 0 ]; then
  mountpoint -q /sys/kernel/tracing 2>/dev/null || mount -t tracefs nodev /sys/kernel/tracing 2>/dev/null || true
fi
jdk=""
for c in "${IOR_JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
  [ -n "$c" ] && [ -x "$c/bin/java" ] || continue
  v="$("$c/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1)"
  if [ -n "$v" ] && [ "${v%%.*}" -ge 22 ] 2>/dev/null; then jdk="$c"; break; fi
done
if [ -z "$jdk" ]; then
  echo "setup: no JDK >= 22 found; installing openjdk" >&2
  apt-get install -y -qq openjdk-25-jdk-headless >/dev/null 2>&1 || { echo "setup: install a JDK >= 22 (Temurin 25)" >&2; exit 4; }
fi

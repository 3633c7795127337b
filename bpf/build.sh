#!/bin/bash
# Builds ior.bpf.o into OUTDIR (default bpf/out). Needs clang, bpftool and libbpf-dev;
# the recorder's Maven build calls it when clang is installed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/out}"
mkdir -p "$out"
# vmlinux.h comes from this kernel's BTF; CO-RE relocations make the object portable.
if [ ! -s "$out/vmlinux.h" ]; then
  if [ ! -r /sys/kernel/btf/vmlinux ]; then
    echo "bpf/build.sh: /sys/kernel/btf/vmlinux missing: this kernel has no BTF (CONFIG_DEBUG_INFO_BTF)" >&2
    exit 1
  fi
  bpftool btf dump file /sys/kernel/btf/vmlinux format c > "$out/vmlinux.h.tmp"
  mv "$out/vmlinux.h.tmp" "$out/vmlinux.h"
fi
clang -O2 -g -Wall -Werror -target bpf -D__TARGET_ARCH_x86 -I "$out" -I "$here" \
  -c "$here/ior.bpf.c" -o "$out/ior.bpf.o.tmp"
# Strip DWARF (keeps BTF): a smaller jar and a stable hash.
llvm-strip -g "$out/ior.bpf.o.tmp" 2>/dev/null || true
mv "$out/ior.bpf.o.tmp" "$out/ior.bpf.o"

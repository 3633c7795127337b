#!/bin/bash
# Quick-start demo: set up, build, record a short built-in workload (tar + gzip of a directory,
# with everything it runs), then summarize the trace. Needs root for recording.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/scripts/setup.sh"
out="${1:-demo.iortrace}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$root/ior" record -o "$out" -- sh -c "tar czf '$work/doc.tgz' -C /usr/share/doc . && gzip -t '$work/doc.tgz' && ls -l '$work'"
"$root/ior" info "$out"

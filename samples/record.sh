#!/bin/bash
# Re-records every sample with this checkout's `ior record` (run as root). Needed after any
# trace format change (see the developers' guide). Installs what the workloads need.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
[ "$(id -u)" = 0 ] || { echo "record.sh: run as root (ior record needs it)" >&2; exit 3; }
bash "$root/scripts/setup.sh"
need=()
command -v pgbench >/dev/null || [ -x "$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)/pgbench" ] || need+=(postgresql)
command -v git >/dev/null || need+=(git)
[ -x /usr/bin/python3 ] || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  echo "record.sh: installing ${need[*]}" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
ior="$root/ior"
# A plain environment, so the samples do not carry this host's PATH quirks or locale.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 LC_ALL=C.UTF-8
unset PYTHONPATH PYTHONSTARTUP
only="${1:-all}"
rec() { # name, command...
  local name=$1; shift
  [ "$only" = all ] || [ "$only" = "$name" ] || return 0
  echo "record.sh: $name" >&2
  (cd "$here" && "$ior" record -q -o "$name.iortrace.tmp" -- "$@")
  mv "$here/$name.iortrace.tmp" "$here/$name.iortrace"
  "$ior" info "$here/$name.iortrace" | sed -n '1,12p' >&2
}
if [ "$only" = all ] || [ "$only" = pgbench ]; then
  pgdir=$(mktemp -d /tmp/ior-sample-pg.XXXXXX)
  trap 'rm -rf "$pgdir"' EXIT
  bash "$here/workloads/pgbench.sh" init "$pgdir"
  rec pgbench bash workloads/pgbench.sh run "$pgdir"
  rm -rf "$pgdir"; trap - EXIT
fi
rec archive bash "workloads/archive.sh"
rec sqlite bash "workloads/sqlite.sh"
rec hostile-names bash "workloads/hostile.sh"

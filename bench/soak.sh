#!/usr/bin/env bash
# soak.sh: the recorder under sustained load and under overload (docs/reliability.md).
#
# usage: sudo bench/soak.sh [-s SECONDS] [-O OVERLOAD_SECONDS] [-o OUTDIR]
#
# 1. Soak: bench/soak.c, one process pinned to CPU 0, calls getppid() for SECONDS (default 60)
#    and counts its calls; `ior record` runs pinned to CPU 1 (the core left free). Sampled every
#    second: the recorder's RSS (VmRSS) and CPU (utime+stime). Reported: syscalls/s issued, events
#    written and lost, RSS after warm-up (first 10 s) vs at the end, recorder CPU per event.
# 2. Overload: two soak processes, one per CPU, against a 16 KiB ring for OVERLOAD_SECONDS
#    (default 20): drops must happen and be counted exactly: sys_enter records written + enters
#    counted lost == syscalls the workload issued (its getppid count, plus the fixed number of
#    other calls it makes, taken from an unconstrained short run). Then the losses table per
#    second shows where in time they were lost.
# Exits 1 if a check fails. Keep it out of the unit suite: it takes minutes and wants the machine.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
SECS=60
OVER=20
OUT=/tmp/ior-soak
while [ $# -gt 0 ]; do
  case "$1" in
    -s) SECS="$2"; shift 2 ;;
    -O) OVER="$2"; shift 2 ;;
    -o) OUT="$2"; shift 2 ;;
    *) echo "usage: $0 [-s SECONDS] [-O OVERLOAD_SECONDS] [-o OUTDIR]" >&2; exit 2 ;;
  esac
done
mkdir -p "$OUT"
IOR="$root/ior"
gcc -O2 -Wall -Wextra -o "$OUT/soak" "$root/bench/soak.c"
"$IOR" --version >/dev/null  # builds ior if needed, outside the measurement
tck=$(getconf CLK_TCK)
fail=0

info_num() { # info_num TRACE FIELD from `ior info`: "enters" counts calls (whole-call records + enters), "lost_enters" both kinds lost
  local t="$1"
  case "$2" in
    enters) "$IOR" info "$t" | sed -n 's/^events: .*(\([0-9]*\) whole syscalls, \([0-9]*\) syscall enters.*/\1 \2/p' | awk '{print $1 + $2}' ;;
    events) "$IOR" info "$t" | sed -n 's/^events: *\([0-9]*\) .*/\1/p' ;;
    lost) "$IOR" info "$t" | sed -n 's/^lost events: *\([0-9]*\).*/\1/p' ;;
    lost_enters) "$IOR" info "$t" | sed -n 's/.*LOST: \([0-9]*\) whole calls, \([0-9]*\) enters.*/\1 \2/p' | awk '{print $1 + $2}' | grep . || echo 0 ;;
  esac
}

echo "== soak: ${SECS}s, workload on CPU 0, recorder on CPU 1 (machine load: $(cut -d' ' -f1-3 /proc/loadavg))"
rm -f "$OUT/soak.iortrace"
taskset -c 1 "$IOR" record -q -o "$OUT/soak.iortrace" -- "$OUT/soak" "$SECS" 1 >"$OUT/soak.out" &
rec=$!
: >"$OUT/samples.txt"
t=0
while kill -0 "$rec" 2>/dev/null; do
  rss=$(awk '/^VmRSS/ {print $2}' "/proc/$rec/status" 2>/dev/null || true)
  cpu=$(awk '{print $14 + $15}' "/proc/$rec/stat" 2>/dev/null || true)
  [ -n "$rss" ] && echo "$t $rss $cpu" >>"$OUT/samples.txt"
  sleep 1
  t=$((t + 1))
done
wait "$rec" || { echo "soak: ior record failed" >&2; exit 1; }
calls=$(sed -n 's/^total //p' "$OUT/soak.out")
events=$(info_num "$OUT/soak.iortrace" events)
enters=$(info_num "$OUT/soak.iortrace" enters)
lost=$(info_num "$OUT/soak.iortrace" lost)
# RSS: after a 10 s warm-up, its range to the end; CPU: the last sample (the recorder's whole life)
read -r rss_warm rss_min rss_max rss_end cpu_ticks < <(awk -v w=10 '$1 >= w { if (!n++) { first = $2; min = $2; max = $2 }
  if ($2 < min) min = $2; if ($2 > max) max = $2; last = $2 } { cpu = $3 } END { print first, min, max, last, cpu }' "$OUT/samples.txt")
awk -v c="$calls" -v s="$SECS" -v e="$events" -v en="$enters" -v l="$lost" -v w="$rss_warm" -v mn="$rss_min" -v mx="$rss_max" \
    -v end="$rss_end" -v ct="$cpu_ticks" -v tck="$tck" 'BEGIN {
  printf "syscalls issued:  %d (%.2f M/s)\n", c, c / s / 1e6
  printf "events written:   %d (%d enters), lost: %d\n", e, en, l
  printf "recorder RSS:     %.1f MiB at 10 s, %.1f..%.1f MiB after, %.1f MiB at the end\n", w / 1024, mn / 1024, mx / 1024, end / 1024
  printf "recorder CPU:     %.2f s in all, %.0f ns per event (start-up included)\n", ct / tck, ct / tck * 1e9 / e }'
[ "$lost" = 0 ] || { echo "soak: FAIL: $lost events lost with a core free"; fail=1; }
[ "$enters" -ge "$calls" ] || { echo "soak: FAIL: fewer enters ($enters) than calls ($calls)"; fail=1; }

echo "== overload: ${OVER}s, one workload process per CPU, 16 KiB ring"
rm -f "$OUT/base.iortrace" "$OUT/over.iortrace"
"$IOR" record -q -o "$OUT/base.iortrace" -- "$OUT/soak" 0.2 2 >"$OUT/base.out"
other=$(( $(info_num "$OUT/base.iortrace" enters) - $(sed -n 's/^total //p' "$OUT/base.out") ))
[ "$(info_num "$OUT/base.iortrace" lost)" = 0 ] || { echo "overload: the baseline run lost events; rerun on a quieter machine"; exit 1; }
"$IOR" record -q --ringbuf-size 16K -o "$OUT/over.iortrace" -- "$OUT/soak" "$OVER" 2 >"$OUT/over.out"
calls=$(sed -n 's/^total //p' "$OUT/over.out")
enters=$(info_num "$OUT/over.iortrace" enters)
lost_enters=$(info_num "$OUT/over.iortrace" lost_enters)
echo "syscalls issued:  $calls getppid + $other others = $((calls + other))"
echo "enters written:   $enters, enters counted lost: $lost_enters, sum: $((enters + lost_enters))"
if [ "$((enters + lost_enters))" = "$((calls + other))" ] && [ "$lost_enters" -gt 0 ]; then echo "exact: yes"
else echo "overload: FAIL: written + lost != issued (or nothing was lost)"; fail=1; fi
echo "losses per second (losses table):"
"$IOR" query -q --format csv "$OUT/over.iortrace" -e "SELECT date_trunc('second', window_end) AS second, sum(dropped_enter + dropped_call) AS enters_lost,
  sum(dropped_exit) AS exits_lost FROM losses GROUP BY 1 ORDER BY 1" | sed 's/^/  /'
exit "$fail"

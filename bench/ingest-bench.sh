#!/usr/bin/env bash
# ingest-bench.sh: end-to-end ingest speed of the analyzer (`ior query --rebuild`: trace -> DuckDB
# tables) on a recording of >= 10M syscalls, side by side with reading the file (`cat`) and with
# the peer decoder (`perf script` on a perf recording of the same workload); then a mixed real
# workload (tar czf of /usr/share/doc).
#
# usage: sudo bench/ingest-bench.sh [-n CALLS] [-r RUNS] [-o OUTDIR] [--quiet-wait S] [--no-jfr]
#                                   [--no-perf] [--no-trace-cmd] [--no-tar] [--mem-n CALLS] [--keep]
#   -n CALLS        getppid calls of the big workload (default 10000000)
#   -r RUNS         timed runs of each command; the table shows medians (default 3)
#   -o DIR          traces and raw results (default /tmp/ingest-bench; never the repository)
#   --quiet-wait S  first wait up to S seconds (default 1200) for the 1-min load average to drop
#                   below 1.0, checking every 30 s; runs anyway after that (the load is recorded)
#   --no-jfr        skip the extra profiled ingest (JFR, for the breakdown)
#   --no-perf       skip the perf record / perf script peer
#   --no-trace-cmd  skip the trace-cmd report peer
#   --no-tar        skip the tar workload
#   --mem-n CALLS   also record CALLS getppid calls and ingest that trace once: a third point for
#                   "does memory grow with the trace" (e.g. 40000000: a 2.4 GiB trace)
#   --keep          keep traces, caches and perf.data (they are large) in OUTDIR
#
# What is measured (raw lines in OUTDIR/raw.txt, the table in OUTDIR/summary.md and on stdout):
#   cat             `cat big.iortrace > /dev/null` after one warm read: the file from page cache
#   ingest          `ior query -q --rebuild big.iortrace -e "SELECT count(*) FROM syscalls"`: JVM
#                   start, map the trace, replay, load into DuckDB, commit, checkpoint, the query
#   cached query    the same without --rebuild: JVM start + open of the cache + the query; the
#                   difference to ingest is the ingest proper ("net")
#   perf script     `perf script -i perf.data > /dev/null` on `perf record -e raw_syscalls:sys_enter,
#                   raw_syscalls:sys_exit` of the same workload (syscalls = decoded events / 2)
#   trace-cmd report `trace-cmd report -i tc.dat > /dev/null`. `trace-cmd record` and `start` are
#                   refused on a locked-down kernel (they write ftrace_enabled and set_ftrace_filter:
#                   EPERM), so the bench records through tracefs itself (raw_syscalls events,
#                   set_event_pid = the workload, no-overwrite buffer sized for every event, drops
#                   read from per_cpu/*/stats) and `trace-cmd extract` writes tc.dat, which is what
#                   `trace-cmd record` would have written (syscalls = report lines / 2)
#   syscalls/s      syscalls in the trace (rows of the syscalls table) / wall time
#   peak RSS        /usr/bin/time %M (max resident set, KiB); for ingest also the peak RssAnon
#                   (heap, native, DuckDB) and RssFile (the mapped trace, reclaimable page cache)
#                   from /proc/PID/status sampled every 100 ms
#   breakdown       IOR_TIMING=1 (every timed ingest): the sum of the analyzer's "load TABLE N rows
#                   X ms" lines (per-batch INSERTs; since the syscalls table streams through one
#                   CREATE TABLE AS, only the small tables print them), commit ms, checkpoint ms;
#                   one more ingest under JFR: samples by thread and by the innermost
#                   ior/arrow/duckdb frame (Java samples every 10 ms, native every 20 ms)
#
# ior is the launcher and jar as they are when the bench starts, frozen in OUTDIR/snap (as
# bench/record-bench.sh does), so a colleague's edit cannot trigger a rebuild mid-run.
set -uo pipefail

N=10000000; RUNS=3; OUT=/tmp/ingest-bench; QUIET_WAIT=1200; JFR=1; PERF=1; TC=1; TAR=1; KEEP=0; MEMN=0
while [ $# -gt 0 ]; do
  case $1 in
    -n) N=$2; shift 2 ;;
    -r) RUNS=$2; shift 2 ;;
    -o) OUT=$2; shift 2 ;;
    --quiet-wait) QUIET_WAIT=$2; shift 2 ;;
    --no-jfr) JFR=0; shift ;;
    --no-perf) PERF=0; shift ;;
    --no-trace-cmd) TC=0; shift ;;
    --no-tar) TAR=0; shift ;;
    --keep) KEEP=1; shift ;;
    --mem-n) MEMN=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "ingest-bench: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ "$(id -u)" = 0 ] || { echo "ingest-bench: needs root (ior record, perf record)" >&2; exit 3; }
ROOT="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
case "$(readlink -f "$OUT")/" in "$ROOT"/*) echo "ingest-bench: -o must be outside the repository" >&2; exit 2 ;; esac
mkdir -p "$OUT"
RAW=$OUT/raw.txt; : >"$RAW"
log() { echo "[ingest-bench $(date +%T)] $*" >&2; }
raw() { echo "$*" >>"$RAW"; }

JDK=""
for c in "${IOR_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64; do
  [ -n "$c" ] && [ -x "$c/bin/java" ] && "$c/bin/java" -version 2>&1 | grep -q 'version "2[2-9]' && { JDK=$c; break; }
done
[ -n "$JDK" ] || { echo "ingest-bench: no JDK >= 22 (set IOR_JAVA_HOME)" >&2; exit 4; }
export IOR_JAVA_HOME=$JDK

# ---------------------------------------------------------------- build and freeze ior
for try in 1 2 3 4 5; do
  if (cd "$ROOT" && ./ior --version) >"$OUT/build.log" 2>&1; then break; fi
  [ $try = 5 ] && { cat "$OUT/build.log" >&2; echo "ingest-bench: ior does not build" >&2; exit 1; }
  log "build failed (someone mid-edit?), retrying in 60 s"; sleep 60
done
SNAP=$OUT/snap
rm -rf "$SNAP"; mkdir -p "$SNAP/analyzer/target"
cp "$ROOT/ior" "$SNAP/ior"
cp -p "$ROOT/analyzer/target/ior.jar" "$SNAP/analyzer/target/ior.jar"   # -p: the cache stamp uses its mtime
cp -p "$ROOT"/analyzer/target/libduckdb_java.so_linux_* "$SNAP/analyzer/target/"   # DuckDB's native library sits beside the jar
# the build's AOT cache (the launcher uses it when it is not older than the jar; -p keeps that)
[ -f "$ROOT/analyzer/target/ior.aot" ] && cp -p "$ROOT/analyzer/target/ior.aot" "$SNAP/analyzer/target/"
IOR="$SNAP/ior"
WL=$ROOT/src/test/target/workload
if [ ! -x "$WL" ]; then
  mkdir -p "$(dirname "$WL")"
  gcc -O1 -o "$WL" "$ROOT/src/test/workload/workload.c" || exit 1
fi
if [ $PERF = 1 ] && ! command -v perf >/dev/null; then
  log "installing linux-perf"
  apt-get install -y -q linux-perf >"$OUT/apt.log" 2>&1 || { apt-get update -q >>"$OUT/apt.log" 2>&1; apt-get install -y -q linux-perf >>"$OUT/apt.log" 2>&1; } \
    || { log "no perf: skipping the peer"; PERF=0; }
fi
# train the launcher's CDS archive (the first run after a build writes it)
"$IOR" --version >/dev/null 2>&1; "$IOR" --version >/dev/null 2>&1

# ---------------------------------------------------------------- quiet machine
load1() { cut -d' ' -f1 /proc/loadavg; }
waited=0
while awk -v l="$(load1)" 'BEGIN { exit !(l >= 1.0) }' && [ $waited -lt "$QUIET_WAIT" ]; do
  [ $waited = 0 ] && log "waiting for the 1-min load ($(load1)) to drop below 1.0 (up to $QUIET_WAIT s)"
  sleep 30; waited=$((waited + 30))
done
log "load $(load1) after waiting $waited s"
raw "start time $(date -Is) load1 $(load1) waited_s $waited"
raw "machine $(nproc) cpus, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), kernel $(uname -r)"
raw "jdk $("$JDK/bin/java" -version 2>&1 | head -1)"
raw "git $(cd "$ROOT" && git rev-parse --short HEAD) dirty_files $(cd "$ROOT" && git status --porcelain -- recorder analyzer | wc -l)"

# ---------------------------------------------------------------- helpers
now_ns() { date +%s%N; }
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR) print a[int((NR + 1) / 2)] }'; }
# Sleeping and sampling without forking (a fork per sample would steal CPU from what is measured).
SLEEPFIFO=$OUT/.sleepfifo
rm -f "$SLEEPFIFO"; mkfifo "$SLEEPFIFO"; exec {SLEEPFD}<>"$SLEEPFIFO"
msleep() { read -r -t "$1" -u "$SLEEPFD" _ || true; }
# rss_watch PID FILE: peak RssAnon and RssFile (KiB) of PID, sampled every 100 ms until it exits
rss_watch() {
  local pid=$1 f=$2 anon=0 file=0 k v _u
  while [ -d "/proc/$pid" ]; do
    while read -r k v _u; do
      case $k in
        RssAnon:) [ "$v" -gt "$anon" ] && anon=$v ;;
        RssFile:) [ "$v" -gt "$file" ] && file=$v ;;
      esac
    done < "/proc/$pid/status" 2>/dev/null
    msleep 0.1
  done
  echo "$anon $file" >"$f"
}
# timed LABEL CMD...: runs CMD with stdout to /dev/null, stderr to OUT/LABEL.err; raw line
# "LABEL wall_s W maxrss_kib R rc C [rss_anon_kib A rss_file_kib F]"; wall and max RSS are
# /usr/bin/time's (%e: 10 ms resolution)
timed() {
  local label=$1; shift
  local pid="" tp rc
  rm -f "$OUT/$label.rss"
  /usr/bin/time -f '%e %M' -o "$OUT/$label.time" "$@" >/dev/null 2>"$OUT/$label.err" &
  tp=$!
  for _ in $(seq 100); do
    pid=$(pgrep -P $tp | head -1); [ -n "$pid" ] && break
    kill -0 $tp 2>/dev/null || break
    msleep 0.01
  done
  [ -n "$pid" ] && { rss_watch "$pid" "$OUT/$label.rss" & }
  wait $tp; rc=$?
  wait
  local t; t=$(tail -1 "$OUT/$label.time")
  local extra=""
  [ -s "$OUT/$label.rss" ] && extra=" rss_anon_kib $(cut -d' ' -f1 "$OUT/$label.rss") rss_file_kib $(cut -d' ' -f2 "$OUT/$label.rss")"
  raw "$label wall_s ${t% *} maxrss_kib ${t#* } rc $rc$extra"
  [ $rc = 0 ] || log "$label exited $rc (see $OUT/$label.err)"
}
field() { awk -v l="$1" -v k="$2" '$1 == l { for (i = 2; i < NF; i += 2) if ($i == k) print $(i + 1) }' "$RAW"; }
med() { field "$1" "$2" | median; }   # med LABEL_PREFIX... exact label; see runs below
medof() { local key=$1; shift; for l in "$@"; do field "$l" "$key"; done | median; }
labels() { local p=$1 i; for ((i = 1; i <= RUNS; i++)); do echo "$p.$i"; done; }
count_rows() {  # syscalls in a trace (its cache must be current)
  "$IOR" query -q "$1" -e "SELECT count(*) FROM syscalls" 2>/dev/null | awk '/^ *[0-9]+ *$/ {print $1; exit}'
}
# timing_sum FILE: "load_ms L commit_ms C checkpoint_ms K" from an IOR_TIMING stderr
timing_sum() {
  awk '/^load / { l += $(NF - 1) } /^commit / { c += $2 } /^checkpoint / { k += $2 }
       END { printf "load_ms %.0f commit_ms %.0f checkpoint_ms %.0f", l, c, k }' "$1"
}

# ingest_runs NAME TRACE: RUNS x ingest (IOR_TIMING=1) and RUNS x cached query
ingest_runs() {
  local name=$1 trace=$2 i
  cat "$trace" >/dev/null
  for ((i = 1; i <= RUNS; i++)); do
    IOR_TIMING=1 timed "$name-ingest.$i" "$IOR" query -q --rebuild "$trace" -e "SELECT count(*) FROM syscalls"
    raw "$name-timing.$i $(timing_sum "$OUT/$name-ingest.$i.err")"
  done
  for ((i = 1; i <= RUNS; i++)); do
    timed "$name-cached.$i" "$IOR" query -q "$trace" -e "SELECT count(*) FROM syscalls"
  done
}

# ---------------------------------------------------------------- big: record
BIG=$OUT/big.iortrace
rm -f "$BIG" "$BIG.duckdb"
log "recording $N getppid calls"
t0=$(now_ns)
"$IOR" record -q --no-snapshot -o "$BIG" -- "$WL" getppid "$N" >"$OUT/record.out" 2>"$OUT/record.err" || { cat "$OUT/record.err" >&2; exit 1; }
t1=$(now_ns)
raw "big-record wall_s $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }') size_bytes $(stat -c %s "$BIG")"
"$IOR" info "$BIG" >"$OUT/big.info" 2>&1

# ---------------------------------------------------------------- big: cat, ingest, cached
log "cat x$RUNS"
cat "$BIG" >/dev/null
for ((i = 1; i <= RUNS; i++)); do timed "big-cat.$i" cat "$BIG"; done
log "ingest x$RUNS, cached query x$RUNS"
ingest_runs big "$BIG"
BIG_ROWS=$(count_rows "$BIG")
raw "big-rows syscalls $BIG_ROWS"

# ---------------------------------------------------------------- memory: bounded?
# The trace is mapped, not read onto the heap: ingest once with a 128 MiB heap cap (direct memory,
# which Arrow's batches use and which defaults to the heap cap, kept at 512 MiB), and once a trace
# a quarter the size, to see whether RssAnon (heap + native + DuckDB) grows with the trace.
log "ingest with -Xmx128m"
JAVA_TOOL_OPTIONS="-Xmx128m -XX:MaxDirectMemorySize=512m" timed big-xmx128 "$IOR" query -q --rebuild "$BIG" -e "SELECT count(*) FROM syscalls"
QT=$OUT/quarter.iortrace
rm -f "$QT" "$QT.duckdb"
"$IOR" record -q --no-snapshot -o "$QT" -- "$WL" getppid "$((N / 4))" >/dev/null 2>&1
raw "quarter-record size_bytes $(stat -c %s "$QT")"
cat "$QT" >/dev/null
timed quarter-ingest "$IOR" query -q --rebuild "$QT" -e "SELECT count(*) FROM syscalls"
rm -f "$QT" "$QT.duckdb"
if [ "$MEMN" -gt 0 ]; then
  MT=$OUT/mem.iortrace
  rm -f "$MT" "$MT.duckdb"
  log "memory point: $MEMN getppid calls"
  "$IOR" record -q --no-snapshot -o "$MT" -- "$WL" getppid "$MEMN" >/dev/null 2>&1
  raw "mem-record size_bytes $(stat -c %s "$MT")"
  cat "$MT" >/dev/null
  IOR_TIMING=1 timed mem-ingest "$IOR" query -q --rebuild "$MT" -e "SELECT count(*) FROM syscalls"
  raw "mem-timing $(timing_sum "$OUT/mem-ingest.err")"
  rm -f "$MT" "$MT.duckdb"
fi

# ---------------------------------------------------------------- big: JFR breakdown
if [ $JFR = 1 ]; then
  log "profiled ingest (JFR)"
  rm -f "$OUT/ingest.jfr"
  JAVA_TOOL_OPTIONS="-XX:StartFlightRecording=filename=$OUT/ingest.jfr,settings=profile" IOR_TIMING=1 \
    timed big-jfr "$IOR" query -q --rebuild "$BIG" -e "SELECT count(*) FROM syscalls"
  "$JDK/bin/jfr" print --stack-depth 64 --events jdk.ExecutionSample,jdk.NativeMethodSample "$OUT/ingest.jfr" >"$OUT/ingest.jfr.txt" 2>/dev/null
  # per sample: its thread, and the innermost frame that belongs to a part of the pipeline
  awk '
    function cat(f) {
      if (f ~ /^org\.duckdb\./) return "duckdb (JDBC/native)";
      if (f ~ /^org\.apache\.arrow\.c\./ || f ~ /OneBatchReader|DuckLoader/) return "arrow C export";
      if (f ~ /AsyncLoader/) return "async hand-off";
      if (f ~ /ior\.analyzer\.table\.BatchBuilder|ior\.analyzer\.ingest\.SyscallRows|^org\.apache\.arrow\.(vector|memory)\./) return "rows: SyscallRows + BatchBuilder (Arrow)";
      if (f ~ /ior\.analyzer\.ingest\.FileTracker|ior\.analyzer\.fd\.|ior\.analyzer\.decode\./) return "fd state + flags (FileTracker/FdState)";
      if (f ~ /ior\.analyzer\.pair\./) return "pairing";
      if (f ~ /ior\.analyzer\.ingest\.Processes/) return "processes";
      if (f ~ /TraceReader\.checkBlock|java\.util\.zip\.CRC32C/) return "CRC32C of blocks";
      if (f ~ /ior\.format\.RecordCursor|Ingest\$Replay\.chunk/) return "decode (cursor, replay loop)";
      if (f ~ /ior\.analyzer\.db\.TraceCache/) return "cache open/commit/checkpoint";
      return "";
    }
    /^jdk\.(Execution|NativeMethod)Sample/ { kind = ($1 ~ /Native/) ? "native" : "java"; thread = ""; c = ""; next }
    /sampledThread = / { match($0, /"[^"]*"/); thread = substr($0, RSTART + 1, RLENGTH - 2); next }
    /^    [a-zA-Z]/ { if (c == "") { f = $1; c = cat(f) } next }
    /^}/ { if (c == "") c = "other (start-up, JDK, class loading)"; n[thread " | " kind " | " c]++; tot++ }
    END { for (k in n) printf "%6d %5.1f%%  %s\n", n[k], 100 * n[k] / tot, k }' "$OUT/ingest.jfr.txt" | sort -rn >"$OUT/jfr-breakdown.txt"
  "$JDK/bin/jfr" view --width 160 hot-methods "$OUT/ingest.jfr" >"$OUT/jfr-hot-methods.txt" 2>&1
  raw "big-jfr-timing $(timing_sum "$OUT/big-jfr.err")"
fi

# ---------------------------------------------------------------- perf peer
if [ $PERF = 1 ]; then
  log "perf record of the same workload"
  PD=$OUT/perf.data
  rm -f "$PD"
  t0=$(now_ns)
  perf record -e raw_syscalls:sys_enter,raw_syscalls:sys_exit -o "$PD" -- "$WL" getppid "$N" >"$OUT/perf-record.out" 2>"$OUT/perf-record.err"
  t1=$(now_ns)
  raw "perf-record wall_s $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }') size_bytes $(stat -c %s "$PD")"
  perf report -i "$PD" --stats >"$OUT/perf-stats.txt" 2>/dev/null
  EVENTS=$(awk '/^ *SAMPLE events:/ {print $3; exit}' "$OUT/perf-stats.txt")
  LOST=$(awk '/LOST(_SAMPLES)? events:/ {s += $3} END {print s + 0}' "$OUT/perf-stats.txt")
  raw "perf-events decoded $EVENTS lost_records $LOST"
  cat "$PD" >/dev/null
  log "perf script x$RUNS"
  for ((i = 1; i <= RUNS; i++)); do timed "perf-script.$i" perf script -i "$PD"; done
fi

# ---------------------------------------------------------------- trace-cmd peer
if [ $TC = 1 ] && ! command -v trace-cmd >/dev/null; then
  log "installing trace-cmd"
  apt-get install -y -q trace-cmd >>"$OUT/apt.log" 2>&1 || { log "no trace-cmd: skipping the peer"; TC=0; }
fi
if [ $TC = 1 ]; then
  TR=/sys/kernel/tracing
  [ -d $TR/events ] || mount -t tracefs nodev $TR
  TD=$OUT/tc.dat
  rm -f "$TD"
  old_kb=$(cat $TR/buffer_size_kb); old_ow=$(cat $TR/options/overwrite); old_on=$(cat $TR/tracing_on)
  # a buffer never used yet reads "7 (expanded: 1408)", which cannot be written back: keep the
  # size it expands to (writing the whole text failed, and left the bench's ~1 GB per CPU)
  old_kb=${old_kb##*expanded: }; old_kb=${old_kb%%[^0-9]*}
  # put tracefs back however the bench ends (an interrupted run used to leave raw_syscalls on
  # and a buffer of N/10 KiB per CPU): once here after the extract, and from the EXIT trap
  restore_tracefs() {
    {
      echo 0 >$TR/tracing_on; echo 0 >$TR/events/raw_syscalls/enable; echo >$TR/set_event_pid; echo >$TR/trace
      echo "$old_kb" >$TR/buffer_size_kb; echo "$old_ow" >$TR/options/overwrite; echo "$old_on" >$TR/tracing_on
    } 2>/dev/null
    [ "$(cat $TR/buffer_size_kb)" = "$old_kb" ] || log "could not put $TR/buffer_size_kb back to $old_kb KiB: echo $old_kb > $TR/buffer_size_kb"
  }
  trap restore_tracefs EXIT
  trap 'exit 130' INT TERM
  echo 0 >$TR/tracing_on; echo >$TR/trace; echo 0 >$TR/options/overwrite
  # ~100 B per syscall in the kernel's buffer (enter 68 + exit 28 + page headers); the workload
  # may run on either CPU, so each gets room for all of it
  echo $(( N / 10 + 20000 )) >$TR/buffer_size_kb
  log "tracefs recording of the same workload (raw_syscalls, pid-filtered)"
  t0=$(now_ns)
  sh -c 'echo $$ > '$TR'/set_event_pid; echo 1 > '$TR'/events/raw_syscalls/enable; echo 1 > '$TR'/tracing_on; exec "$0" getppid "$1"' "$WL" "$N" >"$OUT/tc-record.out" 2>&1
  t1=$(now_ns)
  echo 0 >$TR/tracing_on; echo 0 >$TR/events/raw_syscalls/enable; echo >$TR/set_event_pid
  DROPS=$(cat $TR/per_cpu/cpu*/stats | awk '/^(overrun|dropped events):/ {s += $NF} END {print s + 0}')
  (cd "$OUT" && trace-cmd extract -o "$TD") >"$OUT/tc-extract.out" 2>&1
  restore_tracefs; trap - EXIT
  TC_EVENTS=$(trace-cmd report -i "$TD" 2>/dev/null | grep -c ': sys_e')
  raw "tc-record wall_s $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }') size_bytes $(stat -c %s "$TD") events $TC_EVENTS dropped $DROPS"
  cat "$TD" >/dev/null
  log "trace-cmd report x$RUNS"
  for ((i = 1; i <= RUNS; i++)); do timed "tc-report.$i" trace-cmd report -i "$TD"; done
fi

# ---------------------------------------------------------------- mixed real workload: tar
if [ $TAR = 1 ]; then
  TT=$OUT/tar.iortrace
  rm -f "$TT" "$TT.duckdb" /tmp/x.tgz
  log "recording tar czf /tmp/x.tgz -C /usr/share/doc ."
  "$IOR" record -q -o "$TT" -- tar czf /tmp/x.tgz -C /usr/share/doc . >"$OUT/tar-record.out" 2>"$OUT/tar-record.err"
  raw "tar-record size_bytes $(stat -c %s "$TT")"
  ingest_runs tar "$TT"
  TAR_ROWS=$(count_rows "$TT")
  raw "tar-rows syscalls $TAR_ROWS"
  "$IOR" query -q "$TT" --format csv -e "SELECT syscall, count(*) n FROM syscalls GROUP BY 1 ORDER BY 2 DESC LIMIT 12" >"$OUT/tar-mix.csv" 2>&1
  rm -f /tmp/x.tgz
fi
raw "end time $(date -Is) load1 $(load1)"

# ---------------------------------------------------------------- summary
rate() { awk -v n="$1" -v t="$2" 'BEGIN { if (t > 0) printf "%.2f M/s", n / t / 1e6; else print "-" }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f MiB", k / 1024 }'; }
# peer_ratio NAME WALL_S EVENTS: ior's syscalls/s over the peer's (2 events a syscall), gross and net
peer_ratio() {
  awk -v n="$1" -v p="$2" -v e="$3" -v a="$BIG_ROWS" -v g="$g" -v net="$net" \
    'BEGIN { r = e / 2 / p; printf "ior ingest / %s (syscalls/s): %.1fx gross, %.1fx net\n", n, (a / g) / r, (a / net) / r }'
}
{
  BIGSIZE=$(field big-record size_bytes)
  echo "## ingest-bench $(date -Is)"
  echo
  echo "$(grep '^machine' "$RAW" | cut -d' ' -f2-); $(grep '^jdk' "$RAW" | cut -d' ' -f2-); load at start $(field start load1), at end $(field end load1)"
  echo
  echo "Big trace: workload getppid $N, $BIG_ROWS syscalls, $(awk -v b="$BIGSIZE" 'BEGIN { printf "%.0f MiB", b / 1048576 }') ($(awk -v b="$BIGSIZE" -v n="$BIG_ROWS" 'BEGIN { printf "%.1f", b / n }') B/syscall); medians of $RUNS"
  echo
  echo "| step | wall s | syscalls/s | peak RSS | RssAnon / RssFile peak |"
  echo "|---|---|---|---|---|"
  c=$(medof wall_s $(labels big-cat)); echo "| cat (page cache) | $c | $(rate "$BIG_ROWS" "$c") | $(mib "$(medof maxrss_kib $(labels big-cat))") | |"
  g=$(medof wall_s $(labels big-ingest)); q=$(medof wall_s $(labels big-cached))
  echo "| ior ingest (query --rebuild) | $g | $(rate "$BIG_ROWS" "$g") | $(mib "$(medof maxrss_kib $(labels big-ingest))") | $(mib "$(medof rss_anon_kib $(labels big-ingest))") / $(mib "$(medof rss_file_kib $(labels big-ingest))") |"
  echo "| ior cached query (JVM start + open) | $q | | $(mib "$(medof maxrss_kib $(labels big-cached))") | |"
  net=$(awk -v a="$g" -v b="$q" 'BEGIN { printf "%.3f", a - b }')
  echo "| ior ingest net (ingest - cached) | $net | $(rate "$BIG_ROWS" "$net") | | |"
  if [ $PERF = 1 ]; then
    pp=$(medof wall_s $(labels perf-script)); pe=$(field perf-events decoded)
    echo "| perf script | $pp | $(rate "$((pe / 2))" "$pp") ($pe events) | $(mib "$(medof maxrss_kib $(labels perf-script))") | |"
  fi
  if [ $TC = 1 ]; then
    tp=$(medof wall_s $(labels tc-report)); te=$(field tc-record events)
    echo "| trace-cmd report | $tp | $(rate "$((te / 2))" "$tp") ($te events) | $(mib "$(medof maxrss_kib $(labels tc-report))") | |"
  fi
  if [ $PERF = 1 ]; then
    echo
    peer_ratio "perf script" "$pp" "$pe"
    echo "perf.data $(awk -v b="$(field perf-record size_bytes)" 'BEGIN { printf "%.0f MiB", b / 1048576 }'), lost records $(field perf-events lost_records)"
  fi
  if [ $TC = 1 ]; then
    echo
    peer_ratio "trace-cmd report" "$tp" "$te"
    echo "tc.dat $(awk -v b="$(field tc-record size_bytes)" 'BEGIN { printf "%.0f MiB", b / 1048576 }') (trace-cmd's own compression), dropped events $(field tc-record dropped)"
  fi
  echo
  echo "Memory: trace $(mib "$((BIGSIZE / 1024))"): ingest peak RssAnon $(mib "$(medof rss_anon_kib $(labels big-ingest))"), RssFile $(mib "$(medof rss_file_kib $(labels big-ingest))");"\
" with -Xmx128m (direct memory 512m): rc $(field big-xmx128 rc), $(field big-xmx128 wall_s) s, RssAnon $(mib "$(field big-xmx128 rss_anon_kib)");"\
" quarter-size trace ($(mib "$(( $(field quarter-record size_bytes) / 1024 ))")): RssAnon $(mib "$(field quarter-ingest rss_anon_kib)"), RssFile $(mib "$(field quarter-ingest rss_file_kib)"), $(field quarter-ingest wall_s) s"
  [ "$MEMN" -gt 0 ] && echo "Memory point: $MEMN calls, trace $(mib "$(( $(field mem-record size_bytes) / 1024 ))"): ingest $(field mem-ingest wall_s) s, RssAnon $(mib "$(field mem-ingest rss_anon_kib)"), RssFile $(mib "$(field mem-ingest rss_file_kib)"), max RSS $(mib "$(field mem-ingest maxrss_kib)")"
  echo
  echo "IOR_TIMING per ingest run (sum of the per-batch 'load' lines, commit, checkpoint):"
  for l in $(labels big-timing); do echo "  $l: $(grep "^$l " "$RAW" | cut -d' ' -f2-)"; done
  if [ $TAR = 1 ]; then
    echo
    g=$(medof wall_s $(labels tar-ingest)); q=$(medof wall_s $(labels tar-cached))
    net=$(awk -v a="$g" -v b="$q" 'BEGIN { printf "%.3f", a - b }')
    echo "tar czf /usr/share/doc: $TAR_ROWS syscalls, trace $(awk -v b="$(field tar-record size_bytes)" 'BEGIN { printf "%.1f MiB", b / 1048576 }'); ingest $g s ($(rate "$TAR_ROWS" "$g")), cached $q s, net $net s ($(rate "$TAR_ROWS" "$net")), peak RSS $(mib "$(medof maxrss_kib $(labels tar-ingest))")"
  fi
  if [ $JFR = 1 ]; then
    echo
    echo "JFR samples of one more ingest (thread | java/native | part):"
    head -15 "$OUT/jfr-breakdown.txt"
  fi
} | tee "$OUT/summary.md"

if [ $KEEP = 0 ]; then
  rm -f "$OUT/big.iortrace" "$OUT/big.iortrace.duckdb" "$OUT/tar.iortrace" "$OUT/tar.iortrace.duckdb" "$OUT/perf.data" "$OUT/tc.dat" "$OUT/ingest.jfr.txt"
fi

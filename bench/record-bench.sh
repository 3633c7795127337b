#!/usr/bin/env bash
# record-bench.sh: overhead of `ior record` next to the reference C recorder (recA), bpftrace and
# strace, measured side by side in ONE run: every round runs every (workload, config) pair once,
# configs shuffled per round, and the table shows medians over the rounds.
#
# usage: sudo bench/record-bench.sh [-r ROUNDS] [-w dd,getppid,open] [-c CONFIGS] [-o OUTDIR]
#                                   [--quick] [--keep-traces]
#   -r ROUNDS   rounds (default 5)
#   -w LIST     workloads: dd (dd bs=1, 2M x read+write), getppid (2M calls), open (500k openat+close)
#   -c LIST     configs (default all): untraced, ior-cmd, ior-sys, recA, bpftrace, strace-pin,
#               strace-unpin (round 1 only, tiny N)
#   -o DIR      raw results (default /tmp/bench-out; never the repository)
#   --quick     N / 10 everywhere (smoke test)
#   --quiet-wait S  before each round, wait up to S seconds (default 90) for other users' load to
#               drop below 25% of the CPUs; the round runs anyway after that (its load is recorded)
#
# Configs:
#   untraced     the workload alone
#   ior-cmd      ior record -q -- WORKLOAD            (pid filter: the workload and its descendants)
#   ior-sys      ior record -q  (no filter), started before the workload, SIGTERM after it
#   recA         reference C recorder, mmap mode, default 500 us batching, whole system minus itself,
#                started before the workload, SIGTERM after it
#   bpftrace     bpftrace -e 'tracepoint:raw_syscalls:sys_enter { @[args->id] = count(); }'
#   strace-pin   taskset -c 1 strace -f -o /dev/null WORKLOAD   (N / 10: ~7 us per syscall)
#   strace-unpin strace -f -o /dev/null WORKLOAD, round 1 only (N / 100 or / 200: ~130 us per syscall)
#   ior-base-sys as ior-sys, with the ior of another built checkout named by IOR_BASE=DIR (e.g. a
#                `git worktree` of an older commit): old and new side by side in the same rounds
#
# ior is the launcher (./ior) and jar as they are when the bench starts, frozen in OUTDIR/snap (the
# launcher finds no sources there, so a colleague's edit cannot trigger a rebuild or swap the code
# under test mid-run); every ior start-up number below includes the launcher.
#
# Measured per run (raw lines in OUTDIR/raw.txt, table in OUTDIR/summary.md and on stdout):
#   ns/syscall      loop time (bench/loop.c prints it) or, for dd, fork-to-reap wall time (bench/wl.c)
#                   divided by the workload's syscalls (getppid: N, dd: 2N, open: 2N)
#   recorder CPU    ior-cmd, strace: utime+stime of the tracer = wl(tracer) - wl(workload), both from
#                   wait4 rusage; the whole process lifetime, JVM start-up included.
#                   ior-sys, recA, bpftrace: /proc/PID/stat utime+stime delta over the workload window
#                   (start 0.3 s after attach, end 0.5 s after the workload; like the probe's bench.py),
#                   and the whole-lifetime total from rusage.
#   events, lost    ior: `ior info`; recA: its "events= drops=" summary; bpftrace: sum of the counts
#   bytes on disk   trace file size / workload syscalls, and per recorded event
#   attach          spawn -> attached, timed by this script: ior: until -v prints "programs attached";
#                   recA: until its ready file exists (as the probe's tools/startup.sh); bpftrace:
#                   until it prints "Attaching". ior's own -v "N ms after process start" is kept in
#                   the raw data but is not used: the JDK derives process start from btime, which
#                   has 1 s granularity, so it is off by a constant of up to 1 s.
#   ior-idle        `ior record -q -v -- true`: start-up CPU, wall and attach time with nothing to record;
#                   jvm-version: one bare `java -XshowSettings:properties -version` for reference.
#   background      before each round, the share of the 2 CPUs busy for 1 s with nothing of ours
#                   running (other users' load), the 1-min load average, foreign BPF links.
set -uo pipefail

ROUNDS=5
WORKLOADS=dd,getppid,open
CONFIGS=untraced,ior-cmd,ior-sys,recA,bpftrace,strace-pin,strace-unpin
OUT=/tmp/bench-out
QUICK=0
KEEP=0
QUIET_WAIT=90
while [ $# -gt 0 ]; do
  case "$1" in
    -r) ROUNDS=$2; shift 2 ;;
    -w) WORKLOADS=$2; shift 2 ;;
    -c) CONFIGS=$2; shift 2 ;;
    -o) OUT=$2; shift 2 ;;
    --quick) QUICK=1; shift ;;
    --keep-traces) KEEP=1; shift ;;
    --quiet-wait) QUIET_WAIT=$2; shift 2 ;;
    -h|--help) sed -n '2,52p' "$0"; exit 0 ;;
    *) echo "record-bench: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

ROOT="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
PROBE_SRC=${PROBE_SRC:-/work/shared/reference/recorder-probe}
PROBE=${PROBE:-/tmp/recprobe}          # scratch build of the probe, outside the repository
case "$OUT" in "$ROOT"|"$ROOT"/*) echo "record-bench: -o must be outside the repository" >&2; exit 2 ;; esac
BIN=$OUT/bin
TR=$OUT/traces
mkdir -p "$OUT" "$BIN" "$TR"
RAW=$OUT/raw.txt
LOG=$OUT/bench.log
log() { echo "[$(date +%T)] $*" | tee -a "$LOG" >&2; }

[ "$(id -u)" = 0 ] || { echo "record-bench: needs root (BPF)" >&2; exit 3; }

# ---------------------------------------------------------------- preflight / builds
for t in gcc python3 strace taskset bpftool shuf; do
  command -v $t >/dev/null || { echo "record-bench: $t is missing" >&2; exit 4; }
done
if ! command -v bpftrace >/dev/null; then
  log "installing bpftrace"; apt-get install -y -q bpftrace >/dev/null || { echo "record-bench: no bpftrace" >&2; exit 4; }
fi

log "building ior (./ior --version)"
for try in 1 2 3 4 5; do
  if (cd "$ROOT" && ./ior --version) >"$OUT/build.log" 2>&1; then break; fi
  [ $try = 5 ] && { cat "$OUT/build.log" >&2; echo "record-bench: ior does not build" >&2; exit 1; }
  log "build failed (someone mid-edit?), retrying in 60 s"; sleep 60
done
# Freeze what is measured: a copy of the launcher next to a copy of the jar, laid out like the
# repository so the launcher finds its jar (and its CDS archive) there; it sees no sources to be
# stale against, so a colleague's edit cannot trigger a rebuild or swap the code mid-run.
SNAP=$OUT/snap
rm -rf "$SNAP"; mkdir -p "$SNAP/analyzer/target"
cp "$ROOT/ior" "$SNAP/ior"
cp "$ROOT/analyzer/target/ior.jar" "$SNAP/analyzer/target/ior.jar"
cp -p "$ROOT"/analyzer/target/libduckdb_java.so_linux_* "$SNAP/analyzer/target/"   # DuckDB's native library sits beside the jar
# `ior record` runs from the standalone recorder jar when the launcher finds a fresh one
mkdir -p "$SNAP/recorder/target"
cp "$ROOT"/recorder/target/ior-recorder-*-standalone.jar "$SNAP/recorder/target/" 2>/dev/null || true
IOR=("$SNAP/ior")
freeze() { # freeze CHECKOUT DIR: the launcher and jars of a built checkout, laid out as in the repository
  rm -rf "$2"; mkdir -p "$2/analyzer/target" "$2/recorder/target"
  cp "$1/ior" "$2/ior"
  cp "$1/analyzer/target/ior.jar" "$2/analyzer/target/ior.jar"
  cp -p "$1"/analyzer/target/libduckdb_java.so_linux_* "$2/analyzer/target/" 2>/dev/null || true
  cp "$1"/recorder/target/ior-recorder-*-standalone.jar "$2/recorder/target/" 2>/dev/null || true
}
IORB=()
if [[ ",$CONFIGS," == *",ior-base-sys,"* ]]; then
  [ -n "${IOR_BASE:-}" ] && [ -f "$IOR_BASE/analyzer/target/ior.jar" ] || { echo "record-bench: ior-base-sys needs IOR_BASE=a built checkout" >&2; exit 2; }
  freeze "$IOR_BASE" "$OUT/snap-base"
  IORB=("$OUT/snap-base/ior")
  for i in 1 2; do "${IORB[@]}" record -q -o "$TR/warm.trace" -- true >/dev/null 2>&1 || true; done; rm -f "$TR/warm.trace"
fi
# The launcher's -XX:+AutoCreateSharedArchive archives the classes of the FIRST run after a build;
# train it with a recording (an archive made by `ior --version` leaves record ~0.6 s slower to attach).
mkdir -p "$TR"
for i in 1 2; do "${IOR[@]}" record -q -o "$TR/warm.trace" -- true >/dev/null 2>&1; done; rm -f "$TR/warm.trace"
JDK=""
for c in "${IOR_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64; do
  [ -n "$c" ] && [ -x "$c/bin/java" ] && { JDK=$c; break; }
done
[ -n "$JDK" ] || { echo "record-bench: no JDK" >&2; exit 4; }

if [ ! -x "$PROBE/bin/recA" ] || [ ! -x "$PROBE/bin/work" ]; then
  log "building the reference probe in $PROBE"
  rm -rf "$PROBE"; cp -r "$PROBE_SRC" "$PROBE"
  (cd "$PROBE" && ./build.sh) >"$OUT/probe-build.log" 2>&1 || { cat "$OUT/probe-build.log" >&2; exit 1; }
fi
RECA=$PROBE/bin/recA
gcc -O2 -Wall -o "$BIN/wl" "$ROOT/bench/wl.c" && gcc -O2 -Wall -o "$BIN/loop" "$ROOT/bench/loop.c" || exit 1

# ---------------------------------------------------------------- helpers (no forks in the hot polls)
SLEEPFIFO=$OUT/.sleepfifo
rm -f "$SLEEPFIFO"; mkfifo "$SLEEPFIFO"; exec {SLEEPFD}<>"$SLEEPFIFO"
msleep() { read -r -t "$1" -u "$SLEEPFD" _ || true; }    # sleep without forking /bin/sleep
now_us() { local t=$EPOCHREALTIME; NOW=$(( 10#${t/./} )); }
TCK=$(getconf CLK_TCK)
ticks() {   # TICKS = utime+stime of PID (whole process, dead threads included), in clock ticks
  local s a; TICKS=0
  read -r s < "/proc/$1/stat" 2>/dev/null || return
  s=${s##*) }; a=($s); TICKS=$(( a[11] + a[12] ))
}
has() {     # has FILE TEXT: FILE contains TEXT
  local lines; mapfile -t lines < "$1" 2>/dev/null || return 1
  [[ "${lines[*]-}" == *"$2"* ]]
}
statv() {   # statv STATFILE KEY -> value from a bench/wl stat file ("pid N" / "wall_ns N utime_us N ...")
  local -a a; local i
  while read -r -a a; do
    for ((i = 0; i + 1 < ${#a[@]}; i += 2)); do [ "${a[i]}" = "$2" ] && { echo "${a[i+1]}"; return 0; }; done
  done < "$1"
  return 1
}
wl_cpu_us() { echo $(( $(statv "$1" utime_us) + $(statv "$1" stime_us) )); }
recpid() {  # recpid STATFILE WLPID -> pid of the command bench/wl started (waits for the line)
  local i p
  for i in $(seq 2000); do
    p=$(statv "$1" pid 2>/dev/null); [ -n "$p" ] && { echo "$p"; return 0; }
    kill -0 "$2" 2>/dev/null || return 1; msleep 0.001
  done; return 1
}
stop_bg() { # stop_bg RECPID WLPID: SIGTERM, then SIGINT after 10 s (bpftrace 0.17 sometimes misses one), then SIGKILL
  local i sig
  for sig in TERM INT; do
    kill -$sig "$1" 2>/dev/null
    for i in $(seq 1000); do kill -0 "$2" 2>/dev/null || break 2; msleep 0.01; done
    log "WARNING: pid $1 ($(cat /proc/$1/comm 2>/dev/null)) still running 10 s after SIG$sig"
  done
  kill -0 "$2" 2>/dev/null && { log "WARNING: pid $1 killed"; kill -KILL "$1"; }
  wait "$2" 2>/dev/null
}
bg_busy() {  # BUSY = % of all CPUs busy over 1 s (user+nice+system+irq+softirq+steal)
  local c u n s i w q sq st a b ta tb
  read -r c u n s i w q sq st _ < /proc/stat; a=$((u+n+s+q+sq+st)); ta=$((a+i+w))
  msleep 1
  read -r c u n s i w q sq st _ < /proc/stat; b=$((u+n+s+q+sq+st)); tb=$((b+i+w))
  BUSY=$(( (b-a) * 1000 / (tb-ta > 0 ? tb-ta : 1) ))
  BUSY="$((BUSY/10)).$((BUSY%10))"
}
foreign_bpf() { bpftool link list 2>/dev/null | grep -cE '^[0-9]+: (tracing|raw_tracepoint|perf_event|tracepoint)' ; }
ior_info() {  # ior_info TRACE -> "events=N lost=N bpe=F"
  local f=$1 out ev lost bpe
  out=$("${IOR[@]}" info "$f" 2>&1)
  ev=$(sed -n 's/^events: *\([0-9]*\).*/\1/p' <<<"$out")
  lost=$(sed -n 's/^lost events: *\([0-9]*\).*/\1/p' <<<"$out")
  bpe=$(sed -n 's/^bytes\/event: *\([0-9.]*\).*/\1/p' <<<"$out")
  echo "events=${ev:-NA} lost=${lost:-NA} bpe=${bpe:-NA}"
}
wait_text() {  # wait_text FILE TEXT WLPID T0_US: ATT = ms from T0 until FILE contains TEXT ("" if WLPID died first)
  local i; ATT=""
  for i in $(seq 30000); do
    has "$1" "$2" && { now_us; ATT=$(( (NOW - $4) / 1000 )); return 0; }
    kill -0 "$3" 2>/dev/null || return 1
    msleep 0.001
  done; return 1
}
loop_ns() { sed -n 's/.*loop_ns=\([0-9]*\).*/\1/p' "$1" | tail -1; }

# ---------------------------------------------------------------- workloads
D=1; [ $QUICK = 1 ] && D=10
declare -A N=( [dd]=$((2000000/D)) [getppid]=$((2000000/D)) [open]=$((500000/D)) )
declare -A PER=( [dd]=2 [getppid]=1 [open]=2 )                       # syscalls per unit of N
declare -A NSLOW=( [dd]=$((200000/D)) [getppid]=$((200000/D)) [open]=$((50000/D)) )    # strace pinned
declare -A NUNPIN=( [dd]=$((10000/D)) [getppid]=$((20000/D)) [open]=$((5000/D)) )      # strace unpinned
wcmd() {  # wcmd WORKLOAD N -> argv in WCMD
  case $1 in
    dd) WCMD=(dd if=/dev/zero of=/dev/null bs=1 count=$2 status=none) ;;
    getppid) WCMD=("$BIN/loop" getppid $2) ;;
    open) WCMD=("$BIN/loop" open $2) ;;
  esac
}

# ---------------------------------------------------------------- one run
# Emits one line to RAW: key=value pairs. Common keys: round cfg wl n sc (syscalls) wall_ns loop_ns
# wl_cpu_us (workload) rec_cpu_us (tracer whole life) win_cpu_us (tracer during window) events lost
# bpe file_bytes attach_ms (self-reported) attach_wall_ms (spawn -> attached) load1 bgbusy
run_one() {
  local rnd=$1 cfg=$2 w=$3 n=${N[$3]} P=$OUT/cur extra=""
  rm -f "$P".*
  case $cfg in strace-pin) n=${NSLOW[$w]} ;; strace-unpin) n=${NUNPIN[$w]} ;; esac
  wcmd "$w" "$n"
  local sc=$(( n * ${PER[$w]} )) load1; read -r load1 _ < /proc/loadavg
  local trace=$TR/$cfg-$w.trace wlp rp t0 t1 c0 c1 i
  rm -f "$trace"
  case $cfg in
    untraced)
      "$BIN/wl" "$P.in" "${WCMD[@]}" 2>"$P.err" ;;
    strace-pin)
      "$BIN/wl" "$P.outer" taskset -c 1 strace -f -o /dev/null "$BIN/wl" "$P.in" "${WCMD[@]}" 2>"$P.err"
      extra="rec_cpu_us=$(( $(wl_cpu_us "$P.outer") - $(wl_cpu_us "$P.in") ))" ;;
    strace-unpin)
      "$BIN/wl" "$P.outer" strace -f -o /dev/null "$BIN/wl" "$P.in" "${WCMD[@]}" 2>"$P.err"
      extra="rec_cpu_us=$(( $(wl_cpu_us "$P.outer") - $(wl_cpu_us "$P.in") ))" ;;
    ior-cmd)
      now_us; t0=$NOW
      "$BIN/wl" "$P.outer" "${IOR[@]}" record -q -v -o "$trace" -- "$BIN/wl" "$P.in" "${WCMD[@]}" 2>"$P.err" &
      wlp=$!; wait_text "$P.err" "programs attached" $wlp $t0; wait $wlp
      local am aj; am=$(sed -n 's/.* \([0-9]*\) ms after process start (\([0-9]*\) ms in ior).*/\1/p' "$P.err")
      aj=$(sed -n 's/.* ms after process start (\([0-9]*\) ms in ior).*/\1/p' "$P.err")
      extra="rec_cpu_us=$(( $(wl_cpu_us "$P.outer") - $(wl_cpu_us "$P.in") )) rec_wall_ns=$(statv "$P.outer" wall_ns) attach_wall_ms=${ATT:-NA} attach_ms=${am:-NA} attach_in_ior_ms=${aj:-NA} file_bytes=$(stat -c %s "$trace" 2>/dev/null || echo NA) $(ior_info "$trace")" ;;
    ior-sys|ior-base-sys|recA|bpftrace)
      now_us; t0=$NOW
      case $cfg in
        ior-sys) "$BIN/wl" "$P.outer" "${IOR[@]}" record -q -v -o "$trace" >"$P.rout" 2>"$P.rerr" & ;;
        ior-base-sys) "$BIN/wl" "$P.outer" "${IORB[@]}" record -q -v -o "$trace" >"$P.rout" 2>"$P.rerr" & ;;
        recA) "$BIN/wl" "$P.outer" "$RECA" -o "$trace" -r "$P.ready" >"$P.rout" 2>"$P.rerr" & ;;
        bpftrace) "$BIN/wl" "$P.outer" bpftrace -e 'tracepoint:raw_syscalls:sys_enter { @[args->id] = count(); }' >"$P.rout" 2>"$P.rerr" & ;;
      esac
      wlp=$!
      local ok=0
      for i in $(seq 30000); do
        case $cfg in
          ior-sys|ior-base-sys) has "$P.rerr" "programs attached" && { ok=1; break; } ;;
          recA) [ -e "$P.ready" ] && { ok=1; break; } ;;
          bpftrace) has "$P.rout" "Attaching" && { ok=1; break; } ;;
        esac
        kill -0 $wlp 2>/dev/null || break
        msleep 0.001
      done
      now_us; t1=$NOW
      rp=$(recpid "$P.outer" $wlp)
      if [ $ok != 1 ] || [ -z "$rp" ]; then
        log "ERROR: $cfg did not attach: $(tail -c 400 "$P.rerr" 2>/dev/null)"
        [ -n "$rp" ] && stop_bg "$rp" $wlp
        echo "round=$rnd cfg=$cfg wl=$w n=$n sc=$sc error=noattach" >>"$RAW"; return
      fi
      if [ $cfg = bpftrace ]; then msleep 0.5; else msleep 0.3; fi   # bpftrace attaches right after its message
      ticks "$rp"; c0=$TICKS
      "$BIN/wl" "$P.in" "${WCMD[@]}" 2>"$P.err"
      msleep 0.5                                                      # let the consumer catch up
      ticks "$rp"; c1=$TICKS
      stop_bg "$rp" $wlp
      extra="attach_wall_ms=$(( (t1 - t0) / 1000 )) win_cpu_us=$(( (c1 - c0) * 1000000 / TCK )) rec_cpu_us=$(wl_cpu_us "$P.outer") rec_wall_ns=$(statv "$P.outer" wall_ns)"
      case $cfg in
        ior-sys|ior-base-sys)
          local am; am=$(sed -n 's/.* \([0-9]*\) ms after process start.*/\1/p' "$P.rerr")
          extra+=" attach_ms=${am:-NA} file_bytes=$(stat -c %s "$trace" 2>/dev/null || echo NA) $(ior_info "$trace")" ;;
        recA)
          local l; l=$(grep -o 'events=[0-9]* bytes=[0-9]* drops=[0-9]*' "$P.rout")
          local ev=$(sed 's/.*events=\([0-9]*\).*/\1/' <<<"$l") dr=$(sed 's/.*drops=\([0-9]*\).*/\1/' <<<"$l")
          local ai; ai=$(sed -n 's/.*startup \([0-9.]*\) s.*/\1/p' "$P.rerr")
          local fb; fb=$(stat -c %s "$trace" 2>/dev/null || echo NA)
          extra+=" events=${ev:-NA} lost=${dr:-NA} file_bytes=$fb attach_self_s=${ai:-NA}"
          [ -n "$ev" ] && [ "$ev" -gt 0 ] && [ "$fb" != NA ] && extra+=" bpe=$(awk -v b="$fb" -v e="$ev" 'BEGIN{printf "%.1f", b/e}')" ;;
        bpftrace)
          extra+=" events=$(awk -F': ' '/^@\[[0-9]+\]:/{s+=$2} END{print (s > 0 ? s : "NA")}' "$P.rout")" ;;
      esac ;;
  esac
  local wall lns wcpu st
  wall=$(statv "$P.in" wall_ns); wcpu=$(wl_cpu_us "$P.in" 2>/dev/null); st=$(statv "$P.in" status)
  lns=$(loop_ns "$P.err")
  [ "${st:-1}" = 0 ] || log "WARNING: $cfg/$w workload status ${st:-missing}: $(tail -c 300 "$P.err")"
  echo "round=$rnd cfg=$cfg wl=$w n=$n sc=$sc wall_ns=${wall:-NA} loop_ns=${lns:-NA} wl_cpu_us=${wcpu:-NA} status=${st:-NA} load1=$load1 bgbusy=$BUSY $extra" >>"$RAW"
  [ $KEEP = 1 ] || rm -f "$trace"
}

run_idle() {   # ior record -q -v -- true: start-up cost with nothing to record
  local rnd=$1 P=$OUT/cur trace=$TR/idle.trace load1 t0; read -r load1 _ < /proc/loadavg
  rm -f "$P".* "$trace"
  now_us; t0=$NOW
  "$BIN/wl" "$P.outer" "${IOR[@]}" record -q -v -o "$trace" -- true 2>"$P.err" &
  local wlp=$!; wait_text "$P.err" "programs attached" $wlp $t0; wait $wlp
  local am aj; am=$(sed -n 's/.* \([0-9]*\) ms after process start (\([0-9]*\) ms in ior).*/\1/p' "$P.err")
  aj=$(sed -n 's/.* ms after process start (\([0-9]*\) ms in ior).*/\1/p' "$P.err")
  echo "round=$rnd cfg=ior-idle wl=idle rec_cpu_us=$(wl_cpu_us "$P.outer") rec_wall_ns=$(statv "$P.outer" wall_ns) attach_wall_ms=${ATT:-NA} attach_ms=${am:-NA} attach_in_ior_ms=${aj:-NA} file_bytes=$(stat -c %s "$trace" 2>/dev/null || echo NA) load1=$load1 bgbusy=$BUSY" >>"$RAW"
  rm -f "$trace"
  # reference: one bare JVM start (the launcher's java_major probe runs exactly this)
  "$BIN/wl" "$P.jv" "$JDK/bin/java" -XshowSettings:properties -version >/dev/null 2>&1
  echo "round=$rnd cfg=jvm-version wl=idle rec_cpu_us=$(wl_cpu_us "$P.jv") rec_wall_ns=$(statv "$P.jv" wall_ns)" >>"$RAW"
}

# ---------------------------------------------------------------- main
{
  echo "# record-bench $(date -Is)  rounds=$ROUNDS workloads=$WORKLOADS configs=$CONFIGS quick=$QUICK"
  echo "# host $(uname -sr) $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  echo "# jdk $("$JDK/bin/java" -version 2>&1 | sed -n 2p)"
  echo "# ior $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null)$(cd "$ROOT" && [ -n "$(git status --porcelain -- recorder analyzer bpf ior 2>/dev/null)" ] && echo ' +uncommitted changes in recorder/analyzer/bpf/ior') jar sha256 $(sha256sum "$SNAP/analyzer/target/ior.jar" | cut -c1-16)"
  echo "# launcher JVM line: $(sed -n '/^exec /,/-jar/p' "$SNAP/ior" | tr -s ' \\\n' ' ')"
  echo "# recA $RECA ($(bpftrace --version 2>/dev/null), $(strace -V | head -1))"
} >"$RAW"
cat "$RAW" >&2
IFS=, read -r -a WLS <<<"$WORKLOADS"
IFS=, read -r -a CFGS <<<"$CONFIGS"
want() { [[ ",$CONFIGS," == *",$1,"* ]]; }
T_START=$SECONDS
for rnd in $(seq 1 "$ROUNDS"); do
  bg_busy; waited=0
  while [ "${BUSY%.*}" -ge 25 ] && [ $waited -lt "$QUIET_WAIT" ]; do
    [ $waited = 0 ] && log "round $rnd: background busy ${BUSY}%, waiting up to ${QUIET_WAIT} s for it to drop below 25%"
    msleep 4; waited=$((waited + 5)); bg_busy
  done
  log "round $rnd/$ROUNDS: load1 $(cut -d' ' -f1 /proc/loadavg), background busy ${BUSY}% of $(nproc) CPUs, foreign BPF links $(foreign_bpf)"
  echo "round=$rnd cfg=background wl=- bgbusy=$BUSY load1=$(cut -d' ' -f1 /proc/loadavg) foreign_bpf=$(foreign_bpf) waited_s=$waited" >>"$RAW"
  if want ior-cmd || want ior-sys; then run_idle "$rnd"; fi
  for w in "${WLS[@]}"; do
    for cfg in $(printf '%s\n' "${CFGS[@]}" | shuf); do
      [ $cfg = strace-unpin ] && [ "$rnd" != 1 ] && continue
      run_one "$rnd" "$cfg" "$w"
      tail -1 "$RAW" | cut -c1-200 >&2
      msleep 0.2
    done
  done
done
log "done in $((SECONDS - T_START)) s; raw results in $RAW"

# ---------------------------------------------------------------- summary
python3 - "$RAW" "$OUT/summary.md" <<'PY'
import sys, statistics as st
raw, out = sys.argv[1], sys.argv[2]
rows = []
for line in open(raw):
    if line.startswith('#') or not line.strip():
        continue
    d = {}
    for kv in line.split():
        k, _, v = kv.partition('=')
        try:
            d[k] = float(v) if v not in ('NA', '') else None
        except ValueError:
            d[k] = v
    rows.append(d)

def med(xs):
    xs = [x for x in xs if isinstance(x, (int, float))]
    return st.median(xs) if xs else None

def f(v, fmt='%.0f'):
    return '-' if v is None else fmt % v

def nsper(r):
    t = r.get('loop_ns') or r.get('wall_ns')
    return t / r['sc'] if t and r.get('sc') else None

lines = []
P = lines.append
hdr = [l.rstrip() for l in open(raw) if l.startswith('#')]
P('Raw: ' + raw + '  ')
for h in hdr:
    P('`' + h.lstrip('# ') + '`  ')
bg = [r for r in rows if r.get('cfg') == 'background']
if bg:
    P('')
    P('Background (other users) before each round: busy %s%% of the CPUs (median; min %s, max %s), load1 %s..%s, foreign BPF links max %s.' % (
        f(med([r.get('bgbusy') for r in bg]), '%.0f'), f(min(r['bgbusy'] for r in bg), '%.0f'), f(max(r['bgbusy'] for r in bg), '%.0f'),
        f(min(r['load1'] for r in bg), '%.2f'), f(max(r['load1'] for r in bg), '%.2f'), f(max((r.get('foreign_bpf') or 0) for r in bg))))

idle = {'jar': [r for r in rows if r.get('cfg') == 'ior-idle' and not r.get('error')]}
jvm = [r for r in rows if r.get('cfg') == 'jvm-version']
idle_cpu = med([r.get('rec_cpu_us') for r in idle['jar']])

SCOPE = {'untraced': '-', 'ior-cmd': 'workload (`-- CMD`)', 'ior-sys': 'whole system, SIGTERM', 'ior-base-sys': 'as ior-sys, IOR_BASE checkout',
         'recA': 'whole system minus itself', 'bpftrace': 'whole system (count by nr)',
         'strace-pin': 'workload, `taskset -c 1`, N/10', 'strace-unpin': 'workload, unpinned, N/100-200, 1 run'}
order = ['untraced', 'ior-cmd', 'ior-sys', 'ior-base-sys', 'recA', 'bpftrace', 'strace-pin', 'strace-unpin']
wls = list(dict.fromkeys(r['wl'] for r in rows if r.get('wl') not in ('-', 'idle', None)))
TITLE = {'dd': 'dd if=/dev/zero of=/dev/null bs=1 count=2000000 (read+write, 4M syscalls)',
         'getppid': 'getppid loop (2M syscalls)', 'open': 'openat+close loop (500k pairs, 1M syscalls)'}
for w in wls:
    rs = [r for r in rows if r.get('wl') == w and not r.get('error')]
    base = med([nsper(r) for r in rs if r['cfg'] == 'untraced'])
    P('')
    P('### ' + TITLE.get(w, w))
    P('')
    P('| config | traces | runs | ns/syscall | slowdown | recorder CPU ns/event (window) | recorder CPU ns/syscall (window) | recorder CPU ns/event (whole life) | events | events/syscall | lost | bytes/syscall on disk | bytes/event | spawn to attached (ms) |')
    P('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|')
    for c in order:
        cr = [r for r in rs if r['cfg'] == c]
        if not cr:
            continue
        ns = med([nsper(r) for r in cr])
        slow = ns / base if ns and base else None
        ev = med([r.get('events') for r in cr])
        win = med([r['win_cpu_us'] * 1000 / r['events'] for r in cr if r.get('win_cpu_us') is not None and r.get('events')])
        eps = med([r['events'] / r['sc'] for r in cr if r.get('events') and r.get('sc')])
        # a layout-2 call is one record where layout 1 wrote two: per syscall compares the two
        winsc = win * eps if win is not None and eps is not None else None
        if c.startswith('strace'):   # no event count: per traced syscall
            tot = med([r['rec_cpu_us'] * 1000 / r['sc'] for r in cr if r.get('rec_cpu_us') is not None])
            tots = f(tot) + ' per syscall'
        else:
            tot = med([r['rec_cpu_us'] * 1000 / r['events'] for r in cr if r.get('rec_cpu_us') is not None and r.get('events')])
            tots = f(tot)
            if c == 'ior-cmd' and idle_cpu is not None:
                net = med([(r['rec_cpu_us'] - idle_cpu) * 1000 / r['events'] for r in cr if r.get('rec_cpu_us') is not None and r.get('events')])
                tots += ' (%s without the idle start-up)' % f(net)
        lost = med([r.get('lost') for r in cr])
        bps = med([r['file_bytes'] / r['sc'] for r in cr if r.get('file_bytes')])
        bpe = med([r.get('bpe') for r in cr])
        att = med([r.get('attach_ms') for r in cr])
        attw = med([r.get('attach_wall_ms') for r in cr])
        a = []
        if attw is not None: a.append(f(attw))
        P('| %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |' % (
            c, SCOPE.get(c, ''), len(cr), f(ns), f(slow, '%.2fx'), f(win), f(winsc), tots if c != 'untraced' else '-',
            f(ev), f(eps, '%.2f'), f(lost), f(bps, '%.1f'), f(bpe, '%.1f'), ', '.join(a) or '-'))
    P('')
    P('Untraced baseline %s ns/syscall. Whole-system recorders count every process on the machine, so their events and bytes/syscall include background activity.' % f(base))

P('')
P('### Start-up')
P('')
P('| how | runs | spawn to attached (ms, measured by the bench) | -v "ms after process start" | -v "ms in ior" | wall (ms) | CPU (ms, JVM + `true`) |')
P('|---|---|---|---|---|---|---|')
cr = idle['jar']
if cr:
    P('| `ior record -q -v -o F -- true` (launcher) | %d | %s | %s | %s | %s | %s |' % (len(cr), f(med([r.get('attach_wall_ms') for r in cr])), f(med([r.get('attach_ms') for r in cr])),
        f(med([r.get('attach_in_ior_ms') for r in cr])),
        f(med([r['rec_wall_ns'] / 1e6 for r in cr if r.get('rec_wall_ns')])), f(med([r['rec_cpu_us'] / 1e3 for r in cr if r.get('rec_cpu_us') is not None]))))
if jvm:
    P('| reference: bare `java -XshowSettings:properties -version` (the launcher runs it twice) | %d | - | - | - | %s | %s |' % (len(jvm),
        f(med([r['rec_wall_ns'] / 1e6 for r in jvm if r.get('rec_wall_ns')])), f(med([r['rec_cpu_us'] / 1e3 for r in jvm if r.get('rec_cpu_us') is not None]))))
reca = [r for r in rows if r.get('cfg') == 'recA' and r.get('attach_wall_ms') is not None]
if reca:
    P('| recA (C), spawn -> ready file | %d | %s | - | - | - | - |' % (len(reca), f(med([r['attach_wall_ms'] for r in reca]))))
iors = [r for r in rows if r.get('cfg') in ('ior-sys', 'ior-cmd') and r.get('attach_wall_ms') is not None]
if iors:
    P('| ior-cmd + ior-sys runs, spawn -> "attached" | %d | %s | - | - | - | - |' % (len(iors), f(med([r['attach_wall_ms'] for r in iors]))))
bt = [r for r in rows if r.get('cfg') == 'bpftrace' and r.get('attach_wall_ms') is not None]
if bt:
    P('| bpftrace, spawn -> "Attaching" | %d | %s | - | - | - | - |' % (len(bt), f(med([r['attach_wall_ms'] for r in bt]))))
txt = '\n'.join(lines) + '\n'
open(out, 'w').write(txt)
print(txt)
PY

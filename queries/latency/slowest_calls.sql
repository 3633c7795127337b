-- name: latency/slowest_calls
-- title: Slowest individual syscalls
-- description: The single calls that took longest, with who made them, on what, and what they returned.
-- param: limit int = 25 : Calls to show.
-- param: syscall string = null : Only this syscall (null: all).
-- param: include_waits bool = true : Include calls that exist to wait (is_wait: poll, epoll_wait, futex, nanosleep, wait4 ...).
-- param: pid int = null : Only this process (null: every process).
-- chart: bar x=seq y=latency_ms series=syscall
-- Calls without an exit have no latency and are not listed. Restarted attempts are listed with
-- result ERESTART*: the time until the signal interrupted them.
SELECT seq, ts, pid, tid, comm, syscall,
       coalesce(file, CASE WHEN fd IS NOT NULL THEN fd_kind || ' fd ' || fd END) AS target,
       round(latency_ns / 1e6, 3) AS latency_ms,
       fmt_ns(latency_ns) AS latency,
       CASE WHEN errno IS NOT NULL THEN errno ELSE CAST(ret AS VARCHAR) END AS result,
       bytes
FROM syscalls
WHERE latency_ns IS NOT NULL
  AND (${syscall} IS NULL OR syscall = ${syscall})
  AND (${pid} IS NULL OR pid = ${pid})
  AND (${include_waits} OR NOT is_wait(syscall))
ORDER BY latency_ns DESC, seq
LIMIT ${limit}

-- name: process/per_thread
-- title: I/O and busy time per thread
-- description: Per thread: its name, syscalls, errors, bytes read and written, and time in I/O, waiting and other calls.
-- param: limit int = 50 : Threads to show.
-- param: pid int = null : Only the threads of this process (null: every process).
-- chart: bar x=thread y=io_ms,wait_ms,other_ms
-- The thread name is the last one seen (threads often rename themselves after start: prctl
-- PR_SET_NAME). Times as in process/per_process.
SELECT pid,
       tid,
       tid || ' ' || arg_max(comm, time_ns) AS thread,
       arg_max(comm, time_ns) AS comm,
       count(*) AS calls,
       count(*) FILTER (WHERE is_error) AS errors,
       CAST(coalesce(sum(bytes) FILTER (WHERE io_direction(syscall) = 'read'), 0) AS BIGINT) AS read_bytes,
       CAST(coalesce(sum(bytes) FILTER (WHERE io_direction(syscall) IN ('write', 'transfer')), 0) AS BIGINT) AS write_bytes,
       round(coalesce(sum(latency_ns), 0) / 1e6, 3) AS syscall_ms,
       round(coalesce(sum(latency_ns) FILTER (WHERE io_direction(syscall) IS NOT NULL), 0) / 1e6, 3) AS io_ms,
       round(coalesce(sum(latency_ns) FILTER (WHERE is_wait(syscall)), 0) / 1e6, 3) AS wait_ms,
       round(coalesce(sum(latency_ns) FILTER (WHERE io_direction(syscall) IS NULL AND NOT is_wait(syscall)), 0) / 1e6, 3) AS other_ms,
       min(ts) AS first_ts,
       max(ts) AS last_ts
FROM syscalls
WHERE ${pid} IS NULL OR pid = ${pid}
GROUP BY pid, tid
ORDER BY syscall_ms DESC, calls DESC, tid
LIMIT ${limit}

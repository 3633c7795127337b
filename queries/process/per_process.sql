-- name: process/per_process
-- title: I/O and busy time per process
-- description: Per process: syscalls, errors, bytes read and written, and time in syscalls split into I/O, waiting and the rest.
-- param: limit int = 30 : Processes to show.
-- chart: bar x=process y=io_ms,wait_ms,other_ms
-- Time is summed latency of calls that returned (calls without an exit are left out). wait_ms
-- is time in calls that exist to wait (is_wait: poll, futex, nanosleep, wait4 ...), io_ms in
-- data reads and writes (io_direction), other_ms the rest (open, stat, mmap ...). Threads of a
-- process add up, so these sums can exceed the wall-clock span.
SELECT s.pid,
       s.pid || ' ' || coalesce(any_value(p.comm), arg_max(s.comm, s.time_ns)) AS process,
       any_value(p.exe) AS exe,
       count(*) AS calls,
       count(*) FILTER (WHERE s.is_error) AS errors,
       count(DISTINCT s.tid) AS threads,
       CAST(coalesce(sum(s.bytes) FILTER (WHERE io_direction(s.syscall) = 'read'), 0) AS BIGINT) AS read_bytes,
       CAST(coalesce(sum(s.bytes) FILTER (WHERE io_direction(s.syscall) IN ('write', 'transfer')), 0) AS BIGINT) AS write_bytes,
       round(coalesce(sum(s.latency_ns), 0) / 1e6, 3) AS syscall_ms,
       round(coalesce(sum(s.latency_ns) FILTER (WHERE io_direction(s.syscall) IS NOT NULL), 0) / 1e6, 3) AS io_ms,
       round(coalesce(sum(s.latency_ns) FILTER (WHERE is_wait(s.syscall)), 0) / 1e6, 3) AS wait_ms,
       round(coalesce(sum(s.latency_ns) FILTER (WHERE io_direction(s.syscall) IS NULL AND NOT is_wait(s.syscall)), 0) / 1e6, 3) AS other_ms,
       round((max(s.time_ns) - min(s.time_ns)) / 1e6, 3) AS active_ms
FROM syscalls s
LEFT JOIN processes p ON p.pid = s.pid
GROUP BY s.pid
ORDER BY syscall_ms DESC, calls DESC, s.pid
LIMIT ${limit}

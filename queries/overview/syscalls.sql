-- name: overview/syscalls
-- title: Syscalls by total time
-- description: Every syscall with its calls, errors, bytes and time spent, busiest first.
-- param: limit int = 30 : Syscalls to show.
-- param: pid int = null : Only this process (null: every process).
-- chart: bar x=syscall y=total_ms
-- Time is the sum of latencies of calls that returned; blocking waits (poll, futex, wait4,
-- nanosleep) count in full, so a top entry may be idle time rather than work.
SELECT syscall,
       any_value(family) AS family,
       count(*) AS calls,
       count(*) FILTER (WHERE is_error) AS errors,
       pct(count(*) FILTER (WHERE is_error), count(*)) AS error_pct,
       round(sum(latency_ns) / 1e6, 3) AS total_ms,
       pct(sum(latency_ns), sum(sum(latency_ns)) OVER ()) AS time_pct,
       us(avg(latency_ns)) AS avg_us,
       us(max(latency_ns)) AS max_us,
       CAST(sum(bytes) AS BIGINT) AS bytes
FROM syscalls
WHERE ${pid} IS NULL OR pid = ${pid}
GROUP BY syscall
ORDER BY total_ms DESC NULLS LAST, calls DESC, syscall
LIMIT ${limit}

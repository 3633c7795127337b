-- name: io/top_files_by_time
-- title: Top files by time
-- description: Paths ranked by the time syscalls spent on them, with the slowest call and the syscall that took most.
-- param: limit int = 20 : Paths to show.
-- param: pid int = null : Only this process (null: every process).
-- chart: bar x=file y=total_ms
-- Sum of latencies of the calls on the path that returned (calls without an exit are left out).
WITH per_call AS (
    SELECT file, syscall, count(*) AS calls, sum(latency_ns) AS ns, max(latency_ns) AS max_ns
    FROM syscalls
    WHERE file IS NOT NULL AND latency_ns IS NOT NULL AND (${pid} IS NULL OR pid = ${pid})
    GROUP BY file, syscall
)
SELECT file,
       CAST(sum(calls) AS BIGINT) AS calls,
       round(sum(ns) / 1e6, 3) AS total_ms,
       us(sum(ns) / sum(calls)) AS avg_us,
       us(max(max_ns)) AS max_us,
       arg_max(syscall, ns) AS top_syscall,
       pct(max(ns), sum(ns)) AS top_syscall_pct
FROM per_call
GROUP BY file
ORDER BY total_ms DESC, file
LIMIT ${limit}

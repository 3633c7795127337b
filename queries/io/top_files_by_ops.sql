-- name: io/top_files_by_ops
-- title: Top files by operations
-- description: Paths ranked by the number of syscalls that touched them, split by kind of call.
-- param: limit int = 20 : Paths to show.
-- param: pid int = null : Only this process (null: every process).
-- chart: bar x=file y=opens,reads,writes,stats,other
-- A call counts for the path it works on: through its fd (read, fstat, close ...) or by name
-- (open, stat, unlink ...). Failed calls count too (a failing open still hits the file system).
SELECT file,
       count(*) AS calls,
       count(*) FILTER (WHERE lookup_kind(syscall) = 'open') AS opens,
       count(*) FILTER (WHERE io_direction(syscall) = 'read') AS reads,
       count(*) FILTER (WHERE io_direction(syscall) IN ('write', 'transfer')) AS writes,
       count(*) FILTER (WHERE lookup_kind(syscall) = 'stat' OR syscall IN ('fstat', 'newfstatat', 'statx')) AS stats,
       count(*) FILTER (WHERE lookup_kind(syscall) IS NULL AND io_direction(syscall) IS NULL
                          AND syscall NOT IN ('fstat', 'newfstatat', 'statx')) AS other,
       count(*) FILTER (WHERE is_error) AS errors,
       count(DISTINCT pid) AS processes
FROM syscalls
WHERE file IS NOT NULL AND (${pid} IS NULL OR pid = ${pid})
GROUP BY file
ORDER BY calls DESC, file
LIMIT ${limit}

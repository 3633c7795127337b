-- name: errors/by_errno_syscall_file
-- title: Errors by errno, syscall and file
-- description: Failed calls grouped by error, syscall and path, most frequent first, with who failed and when.
-- param: limit int = 50 : Rows to show.
-- param: errno string = null : Only this error, e.g. ENOENT (null: all).
-- param: pid int = null : Only this process (null: every process).
-- chart: bar x=errno y=calls series=syscall
-- Restarts (ERESTARTSYS and friends) are not errors: the kernel runs the call again. EAGAIN on
-- non-blocking fds is counted: it is often normal, errno_group says 'would_block'.
SELECT errno,
       errno_group(errno) AS error_group,
       syscall,
       coalesce(file, CASE WHEN fd IS NOT NULL THEN '(' || coalesce(fd_kind, 'unknown') || ' fd)' ELSE '(none)' END) AS file,
       count(*) AS calls,
       count(DISTINCT pid) AS processes,
       min(pid) AS first_pid,
       arg_min(comm, time_ns) AS first_comm,
       min(ts) AS first_ts,
       max(ts) AS last_ts
FROM syscalls
WHERE is_error AND (${errno} IS NULL OR errno = ${errno}) AND (${pid} IS NULL OR pid = ${pid})
GROUP BY ALL
ORDER BY calls DESC, errno, syscall, file
LIMIT ${limit}

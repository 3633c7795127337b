-- name: overview/summary
-- title: Trace at a glance
-- description: One screen about the trace: span, processes, threads, syscalls, errors, bytes moved and lost events.
-- chart: table
-- Rows are (metric, value) so that the answer reads top to bottom; `number` holds the value as a
-- number where it is one. Calls without an exit (still running at the end, or exit lost) count
-- as syscalls but not in the time totals. Lost events come from the stats table (kernel and
-- analyzer counters); any non-zero value there means some numbers below are lower bounds.
WITH s AS (
    SELECT min(time_ns) AS first_ns, max(time_ns + coalesce(latency_ns, 0)) AS last_ns,
           count(*) AS calls, count(DISTINCT pid) AS pids, count(DISTINCT tid) AS tids,
           count(*) FILTER (WHERE is_error) AS errors,
           count(*) FILTER (WHERE restarted) AS restarts,
           count(*) FILTER (WHERE latency_ns IS NULL) AS no_exit,
           CAST(coalesce(sum(bytes) FILTER (WHERE io_direction(syscall) = 'read'), 0) AS BIGINT) AS read_bytes,
           CAST(coalesce(sum(bytes) FILTER (WHERE io_direction(syscall) IN ('write', 'transfer')), 0) AS BIGINT) AS write_bytes,
           count(DISTINCT file) FILTER (WHERE fd_kind IN ('file', 'dir') OR lookup_kind(syscall) IS NOT NULL) AS paths,
           CAST(coalesce(sum(latency_ns), 0) AS BIGINT) AS busy_ns
    FROM syscalls
),
p AS (
    SELECT count(*) AS procs, count(*) FILTER (WHERE NOT in_snapshot) AS born, count(*) FILTER (WHERE exit IS NOT NULL) AS exited,
           count(*) FILTER (WHERE exit_signal IS NOT NULL) AS killed
    FROM processes
),
l AS (
    SELECT CAST(coalesce(sum(value) FILTER (WHERE severity IN ('data_loss', 'error') AND value > 0 AND name <> 'truncated_at'), 0) AS BIGINT) AS lost
    FROM stats
),
top_call AS (
    SELECT syscall || ' (' || fmt_ns(sum(latency_ns)) || ')' AS v
    FROM syscalls WHERE latency_ns IS NOT NULL GROUP BY syscall ORDER BY sum(latency_ns) DESC, syscall LIMIT 1
),
top_proc AS (
    SELECT pid || ' ' || arg_max(comm, time_ns) || ' (' || count(*) || ' calls)' AS v
    FROM syscalls GROUP BY pid ORDER BY count(*) DESC, pid LIMIT 1
)
SELECT metric, value, number FROM (
    SELECT 1 AS k, 'host' AS metric, (SELECT value FROM trace_info WHERE key = 'host.name') AS value, NULL::DOUBLE AS number
    UNION ALL SELECT 2, 'command', coalesce((SELECT nullif(value, '') FROM trace_info WHERE key = 'command'), '(whole system)'), NULL
    UNION ALL SELECT 3, 'start', CAST(make_timestamp(first_ns // 1000) AS VARCHAR), NULL FROM s
    UNION ALL SELECT 4, 'duration', fmt_ns(last_ns - first_ns), (last_ns - first_ns) / 1e9 FROM s
    UNION ALL SELECT 5, 'processes', procs || ' (' || born || ' born, ' || exited || ' exited, ' || killed || ' killed by a signal)', procs FROM p
    UNION ALL SELECT 6, 'threads', CAST(tids AS VARCHAR), tids FROM s
    UNION ALL SELECT 7, 'syscalls', CAST(calls AS VARCHAR), calls FROM s
    UNION ALL SELECT 8, 'errors', errors || ' (' || coalesce(pct(errors, calls), 0) || '%)', errors FROM s
    UNION ALL SELECT 9, 'restarted calls', CAST(restarts AS VARCHAR), restarts FROM s
    UNION ALL SELECT 10, 'calls without exit', CAST(no_exit AS VARCHAR), no_exit FROM s
    UNION ALL SELECT 11, 'time in syscalls', fmt_ns(busy_ns), busy_ns / 1e9 FROM s
    UNION ALL SELECT 12, 'bytes read', fmt_bytes(read_bytes), read_bytes FROM s
    UNION ALL SELECT 13, 'bytes written', fmt_bytes(write_bytes), write_bytes FROM s
    UNION ALL SELECT 14, 'paths touched', CAST(paths AS VARCHAR), paths FROM s
    UNION ALL SELECT 15, 'busiest process', (SELECT v FROM top_proc), NULL
    UNION ALL SELECT 16, 'most time in', (SELECT v FROM top_call), NULL
    UNION ALL SELECT 17, 'lost or damaged events', CASE WHEN lost = 0 THEN 'none' ELSE lost || ' (see losses/by_window and the stats table)' END, lost FROM l
) ORDER BY k

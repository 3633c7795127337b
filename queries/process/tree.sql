-- name: process/tree
-- title: Process tree
-- description: Every process as a tree by parent, with its command line, lifetime, exit status or killing signal, and its syscalls.
-- chart: table
-- From the processes table; roots are processes whose parent was not seen. `process` is indented
-- by depth. Lifetimes start at fork (or at the recording start for processes already running).
WITH RECURSIVE calls AS (
    SELECT pid, count(*) AS calls, count(*) FILTER (WHERE is_error) AS errors FROM syscalls GROUP BY pid
),
tree AS (
    SELECT pid, ppid, 0 AS depth, lpad(CAST(pid AS VARCHAR), 10, '0') AS path
    FROM processes
    WHERE ppid IS NULL OR ppid NOT IN (SELECT pid FROM processes)
    UNION ALL
    SELECT c.pid, c.ppid, t.depth + 1, t.path || '/' || lpad(CAST(c.pid AS VARCHAR), 10, '0')
    FROM processes c JOIN tree t ON c.ppid = t.pid
    WHERE t.depth < 100
)
SELECT repeat('  ', t.depth) || p.pid || ' ' || coalesce(p.comm, '?') AS process,
       p.pid, p.ppid, t.depth,
       p.cmdline,
       p.start, p.exit,
       fmt_ns((epoch_us(p.exit) - epoch_us(p.start)) * 1000) AS lifetime,
       p.exit_code,
       signal_name(p.exit_signal) AS killed_by,
       p.threads,
       coalesce(c.calls, 0) AS calls,
       coalesce(c.errors, 0) AS errors
FROM tree t
JOIN processes p ON p.pid = t.pid
LEFT JOIN calls c ON c.pid = t.pid
ORDER BY t.path

-- name: fds/leaks
-- title: File descriptor leaks
-- description: fds opened during the recording and never closed: still open at the end, or only released when their process exited.
-- param: min_count int = 1 : Only (process, path) pairs with at least this many unclosed fds.
-- param: pid int = null : Only this process (null: every process).
-- param: include_inherited bool = false : Also list copies a child inherited through fork (the parent's open).
-- chart: bar x=path y=unclosed series=state
-- From the fds table. Left out: fds that were open before the recording (opened_by 'snapshot')
-- or never seen opened ('unknown'), and fds closed by close, close_range, dup2 over them or
-- exec (O_CLOEXEC). A forked child's copies of its parent's fds are left out unless asked
-- for: the child did not open them (they are recognised by an open time before the child's fork). 'released at exit' means the process ended holding them (the kernel closed
-- them); 'open at end' means the recording stopped while they were open, which for a
-- long-running daemon may be intended, so the growth over time (first_open..last_open) matters.
SELECT f.pid,
       p.comm,
       coalesce(f.path, '(' || f.kind || ')') AS path,
       f.kind,
       CASE WHEN f.close_reason IS NULL THEN 'open at end' ELSE 'released at exit' END AS state,
       count(*) AS unclosed,
       string_agg(DISTINCT f.opened_by, ',' ORDER BY f.opened_by) AS opened_by,
       string_agg(CAST(f.fd AS VARCHAR), ',' ORDER BY f.fd) AS fds,
       min(f.open_ts) AS first_open,
       max(f.open_ts) AS last_open
FROM fds f
LEFT JOIN processes p ON p.pid = f.pid
WHERE f.opened_by NOT IN ('snapshot', 'unknown')
  AND (f.close_reason IS NULL OR f.close_reason = 'exit')
  AND (${pid} IS NULL OR f.pid = ${pid})
  AND (${include_inherited} OR p.in_snapshot OR p.start IS NULL OR f.open_ts > p.start)
GROUP BY ALL
HAVING count(*) >= ${min_count}
ORDER BY unclosed DESC, f.pid, path

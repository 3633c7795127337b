-- name: io/small_io
-- title: Small I/O share per file
-- description: Per file, socket or pipe: how many reads and writes moved fewer bytes than a threshold, and their share.
-- param: small bytes = 4k : A call moving fewer bytes than this is small.
-- param: min_calls int = 10 : Only targets with at least this many data calls.
-- param: limit int = 30 : Rows to show.
-- chart: bar x=file y=small_pct
-- Counts successful data calls that moved at least one byte (EOF reads returning 0 and errors
-- are left out), by the bytes really moved (a short read counts as small even if it asked for
-- more). Sockets and pipes are named by their fds-table address. Many small writes to a file or socket usually mean missing buffering.
SELECT coalesce(s.file, f.path, '(' || s.fd_kind || ')') AS file,
       any_value(s.fd_kind) AS kind,
       count(*) AS calls,
       count(*) FILTER (WHERE s.bytes < ${small}) AS small_calls,
       pct(count(*) FILTER (WHERE s.bytes < ${small}), count(*)) AS small_pct,
       count(*) FILTER (WHERE s.bytes < ${small} AND io_direction(s.syscall) = 'read') AS small_reads,
       count(*) FILTER (WHERE s.bytes < ${small} AND io_direction(s.syscall) <> 'read') AS small_writes,
       CAST(round(avg(s.bytes)) AS BIGINT) AS avg_bytes,
       CAST(sum(s.bytes) AS BIGINT) AS bytes
FROM syscalls s
ASOF LEFT JOIN fds f ON s.pid = f.pid AND s.fd = f.fd AND s.seq >= coalesce(f.open_seq, -1)
WHERE io_direction(s.syscall) IS NOT NULL AND s.bytes > 0
GROUP BY 1
HAVING count(*) >= ${min_calls}
ORDER BY small_calls DESC, small_pct DESC, file
LIMIT ${limit}

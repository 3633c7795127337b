-- name: io/top_files_by_bytes
-- title: Top files by bytes
-- description: Files ranked by the bytes read and written through them (data I/O calls only).
-- param: limit int = 20 : Files to show.
-- param: pid int = null : Only this process (null: every process).
-- chart: bar x=file y=read_bytes,write_bytes
-- Bytes come from return values (what was really transferred, not what was asked for).
-- Sockets and pipes count too: their file is the peer address or pipe id.
SELECT file,
       CAST(sum(bytes) AS BIGINT) AS total_bytes,
       CAST(coalesce(sum(bytes) FILTER (WHERE io_direction(syscall) = 'read'), 0) AS BIGINT) AS read_bytes,
       CAST(coalesce(sum(bytes) FILTER (WHERE io_direction(syscall) IN ('write', 'transfer')), 0) AS BIGINT) AS write_bytes,
       count(*) AS calls,
       fmt_bytes(sum(bytes)) AS total
FROM syscalls
WHERE io_direction(syscall) IS NOT NULL AND bytes > 0 AND file IS NOT NULL
  AND (${pid} IS NULL OR pid = ${pid})
GROUP BY file
ORDER BY total_bytes DESC, file
LIMIT ${limit}

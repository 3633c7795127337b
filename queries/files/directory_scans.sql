-- name: files/directory_scans
-- title: Directory scans
-- description: Directories listed with getdents/getdents64: how many scans, calls, bytes of entries and time, per directory.
-- param: limit int = 30 : Directories to show.
-- chart: bar x=directory y=scans
-- A scan is one fd lifetime (fds table) that read the directory; `complete` counts the scans
-- that read to the end (a call returned 0). Repeated scans of the same directory (readdir
-- polling, globbing in a loop) are a classic hidden cost on large directories.
SELECT coalesce(s.file, '(unknown directory)') AS directory,
       count(DISTINCT (s.pid, s.fd, coalesce(f.open_seq, -1))) AS scans,
       count(DISTINCT (s.pid, s.fd, coalesce(f.open_seq, -1))) FILTER (WHERE s.ret = 0) AS complete,
       count(*) AS calls,
       CAST(sum(s.bytes) AS BIGINT) AS entry_bytes,
       round(sum(s.latency_ns) / 1e6, 3) AS total_ms,
       count(*) FILTER (WHERE s.is_error) AS errors,
       count(DISTINCT s.pid) AS processes,
       string_agg(DISTINCT s.comm, ',' ORDER BY s.comm) AS comms
FROM syscalls s
ASOF LEFT JOIN fds f ON s.pid = f.pid AND s.fd = f.fd AND s.seq >= coalesce(f.open_seq, -1)
WHERE s.syscall IN ('getdents', 'getdents64')
GROUP BY 1
ORDER BY scans DESC, calls DESC, directory
LIMIT ${limit}

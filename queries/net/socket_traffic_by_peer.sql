-- name: net/socket_traffic_by_peer
-- title: Socket traffic by peer
-- description: Bytes sent and received per socket peer address (local address when the peer is unknown), with calls, connects, errors and processes.
-- param: limit int = 30 : Addresses to show.
-- param: pid int = null : Only this process (null: every process).
-- chart: bar x=peer y=sent_bytes,received_bytes
-- The address is the one the fds table holds for the socket's lifetime: the peer for connected
-- and accepted sockets, the local address for listening or only-bound ones, 'unix:' for unnamed
-- Unix sockets. Datagrams sent with sendto/sendmsg to an explicit address on an unconnected
-- socket are shown under that socket's address ('(unknown)' when it had none), because the
-- per-call destination is not a column of the syscalls table.
SELECT coalesce(f.path, '(unknown)') AS peer,
       count(DISTINCT (s.pid, s.fd, coalesce(f.open_seq, -1))) AS sockets,
       CAST(coalesce(sum(s.bytes) FILTER (WHERE io_direction(s.syscall) IN ('write', 'transfer')), 0) AS BIGINT) AS sent_bytes,
       CAST(coalesce(sum(s.bytes) FILTER (WHERE io_direction(s.syscall) = 'read'), 0) AS BIGINT) AS received_bytes,
       count(*) FILTER (WHERE io_direction(s.syscall) IN ('write', 'transfer')) AS send_calls,
       count(*) FILTER (WHERE io_direction(s.syscall) = 'read') AS recv_calls,
       count(*) FILTER (WHERE s.syscall = 'connect') AS connects,
       count(*) FILTER (WHERE s.syscall IN ('accept', 'accept4')) AS accepts,
       count(*) FILTER (WHERE s.is_error) AS errors,
       string_agg(DISTINCT s.errno, ',' ORDER BY s.errno) AS errnos,
       round(sum(s.latency_ns) FILTER (WHERE io_direction(s.syscall) IS NOT NULL) / 1e6, 3) AS io_ms,
       string_agg(DISTINCT CAST(s.pid AS VARCHAR) || ' ' || s.comm, ',') AS processes
FROM syscalls s
ASOF LEFT JOIN fds f ON s.pid = f.pid AND s.fd = f.fd AND s.seq >= coalesce(f.open_seq, -1)
WHERE s.fd_kind = 'socket' AND (${pid} IS NULL OR s.pid = ${pid})
GROUP BY 1
ORDER BY sent_bytes + received_bytes DESC, peer
LIMIT ${limit}

-- name: io/access_pattern
-- title: Sequential vs random access per file
-- description: Per regular file and direction: how many reads or writes started where the previous one ended (sequential) and how many jumped (random).
-- param: min_calls int = 1 : Only (file, direction) pairs with at least this many data calls.
-- param: limit int = 30 : Rows to show.
-- chart: bar x=file y=sequential,random series=direction
-- Where each call starts: pread64/pwrite64/preadv/pwritev (and the *v2 calls with an offset
-- other than -1) carry their offset. read/write/readv/writev start at the fd's position, which
-- this query reconstructs per fd lifetime (fds table): 0 after open, the result of each
-- successful lseek, plus the bytes each position-moving call transferred.
-- A call is sequential when it starts where the previous call of the same direction on the same
-- fd lifetime ended; the first call of a lifetime is sequential when it starts at 0.
-- Approximations: positions are tracked per (process, fd lifetime), so an open file description
-- shared with a dup'd fd or a forked process is not followed across them (calls through a
-- dup'd or inherited fd start from an unknown position: compared only with each other until
-- an lseek, otherwise 'unknown'); writes on O_APPEND fds always go to the end of the file and
-- count as sequential; the file size is unknown, so lseek(SEEK_END) results are used as returned.
WITH calls AS (
    SELECT s.seq, s.pid, s.fd, s.syscall, s.file, s.bytes, s.ret, s."offset" AS off,
           io_direction(s.syscall) AS direction,
           coalesce(f.open_seq, -1) AS life,
           f.opened_by IN ('open', 'openat', 'openat2', 'creat') AND (f.flags & 1024) = 0 AS base_known,
           (f.flags & 1024) <> 0 AS append
    FROM syscalls s
    ASOF JOIN fds f ON s.pid = f.pid AND s.fd = f.fd AND s.seq >= coalesce(f.open_seq, -1)
    WHERE s.fd_kind = 'file' AND NOT coalesce(s.is_error, true)
      AND ((io_direction(s.syscall) IN ('read', 'write') AND s.bytes > 0) OR s.syscall = 'lseek')
),
segmented AS (
    SELECT *,
           -- an lseek starts a new segment whose base is the position it returned
           sum(CASE WHEN syscall = 'lseek' THEN 1 ELSE 0 END) OVER (PARTITION BY pid, fd, life ORDER BY seq ROWS UNBOUNDED PRECEDING) AS seg,
           is_positional(syscall) AND off >= 0 AS by_offset
    FROM calls
),
positioned AS (
    SELECT *,
           CASE WHEN seg > 0 THEN first_value(ret) OVER w_seg ELSE 0 END
             + coalesce(sum(CASE WHEN direction IS NOT NULL AND NOT by_offset THEN bytes ELSE 0 END)
                        OVER (w_seg ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS stream_pos,
           -- which frame a position is measured in: -1 absolute, else a segment whose base is unknown
           CASE WHEN seg > 0 OR base_known THEN -1 ELSE seg END AS stream_frame
    FROM segmented
    WINDOW w_seg AS (PARTITION BY pid, fd, life, seg ORDER BY seq)
),
data_calls AS (
    SELECT *,
           CASE WHEN by_offset THEN off ELSE stream_pos END AS start_pos,
           CASE WHEN by_offset THEN -1 ELSE stream_frame END AS frame
    FROM positioned
    WHERE direction IS NOT NULL
),
classified AS (
    SELECT *,
           lag(start_pos + bytes) OVER w AS prev_end,
           lag(frame) OVER w AS prev_frame,
           row_number() OVER w AS n
    FROM data_calls
    WINDOW w AS (PARTITION BY pid, fd, life, direction ORDER BY seq)
),
labelled AS (
    SELECT file, direction, bytes,
           CASE WHEN direction = 'write' AND append THEN 'sequential'
                WHEN n = 1 THEN CASE WHEN frame = -1 THEN CASE WHEN start_pos = 0 THEN 'sequential' ELSE 'random' END ELSE 'unknown' END
                WHEN frame <> prev_frame THEN 'unknown'
                WHEN start_pos = prev_end THEN 'sequential'
                ELSE 'random' END AS pattern
    FROM classified
)
SELECT file,
       direction,
       count(*) AS calls,
       count(*) FILTER (WHERE pattern = 'sequential') AS sequential,
       count(*) FILTER (WHERE pattern = 'random') AS random,
       count(*) FILTER (WHERE pattern = 'unknown') AS unknown,
       pct(count(*) FILTER (WHERE pattern = 'sequential'), count(*) FILTER (WHERE pattern <> 'unknown')) AS sequential_pct,
       CAST(round(avg(bytes)) AS BIGINT) AS avg_bytes,
       CAST(sum(bytes) AS BIGINT) AS bytes
FROM labelled
GROUP BY file, direction
HAVING count(*) >= ${min_calls}
ORDER BY calls DESC, file, direction
LIMIT ${limit}

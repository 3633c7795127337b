-- name: io/bytes_timeline
-- title: Bytes per second over time
-- description: Bytes read and written per time bucket (and their rate per second), with calls and errors, over the whole trace.
-- param: bucket duration = null : Bucket width, e.g. 100ms or 10s (null: about 120 buckets over the trace).
-- param: pid int = null : Only this process (null: every process).
-- chart: line x=window_start y=read_per_s,write_per_s
-- A call counts in the bucket of its enter time. Buckets without calls are shown with zeros so
-- a chart draws the quiet periods.
WITH w AS (
    SELECT coalesce(${bucket}, nice_bucket_ns(max(time_ns) - min(time_ns), 120)) AS width,
           min(time_ns) AS t0, max(time_ns) AS t1
    FROM syscalls
),
per AS (
    SELECT s.time_ns // w.width AS b,
           sum(s.bytes) FILTER (WHERE io_direction(s.syscall) = 'read') AS r,
           sum(s.bytes) FILTER (WHERE io_direction(s.syscall) IN ('write', 'transfer')) AS wr,
           count(*) AS calls,
           count(*) FILTER (WHERE s.is_error) AS errors
    FROM syscalls s, w
    WHERE ${pid} IS NULL OR s.pid = ${pid}
    GROUP BY 1
),
buckets AS (
    SELECT range AS b FROM w, range(w.t0 // w.width, w.t1 // w.width + 1)
)
SELECT make_timestamp(CAST(b.b * w.width // 1000 AS BIGINT)) AS window_start,
       CAST(coalesce(per.r, 0) AS BIGINT) AS read_bytes,
       CAST(coalesce(per.wr, 0) AS BIGINT) AS write_bytes,
       CAST(round(coalesce(per.r, 0) / (w.width / 1e9)) AS BIGINT) AS read_per_s,
       CAST(round(coalesce(per.wr, 0) / (w.width / 1e9)) AS BIGINT) AS write_per_s,
       coalesce(per.calls, 0) AS calls,
       coalesce(per.errors, 0) AS errors
FROM buckets b CROSS JOIN w LEFT JOIN per ON per.b = b.b
ORDER BY b.b

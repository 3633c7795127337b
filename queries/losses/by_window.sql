-- name: losses/by_window
-- title: Lost events by time window
-- description: Events the kernel could not record (ring buffer full, unreadable user memory), per time bucket, against the syscalls recorded then.
-- param: bucket duration = null : Bucket width (null: about 120 buckets over the trace).
-- chart: bar x=window_start y=dropped_call,dropped_enter,dropped_exit
-- From the losses table (per CPU and recorder window, summed over CPUs into buckets by window
-- start). loss_pct = (dropped calls + dropped enters) / (recorded syscalls + those) in the
-- bucket: the share of calls missing there (a dropped_call is a whole call written as one record).
-- A dropped exit leaves its call as a row without ret, so it is not a missing call. No rows means no loss was counted; the stats table also lists
-- analyzer-side losses (lost_exit, mismatched_exit ...) that have no time.
WITH w AS (
    SELECT coalesce(${bucket}, nice_bucket_ns(
               greatest((SELECT max(time_ns) FROM syscalls), (SELECT max(epoch_ns(window_end)) FROM losses))
             - least((SELECT min(time_ns) FROM syscalls), (SELECT min(epoch_ns(window_start)) FROM losses)), 120)) AS width
),
l AS (
    SELECT epoch_ns(window_start) // w.width AS b,
           sum(dropped_enter) AS dropped_enter, sum(dropped_exit) AS dropped_exit,
           sum(dropped_lifecycle) AS dropped_lifecycle, sum(failed_user_reads) AS failed_user_reads,
           sum(dropped_call) AS dropped_call,
           count(DISTINCT cpu) AS cpus
    FROM losses, w
    WHERE dropped_enter + dropped_exit + dropped_lifecycle + failed_user_reads + dropped_call > 0
    GROUP BY 1
),
s AS (
    SELECT time_ns // w.width AS b, count(*) AS recorded
    FROM syscalls, w
    WHERE time_ns // w.width IN (SELECT b FROM l)
    GROUP BY 1
)
SELECT make_timestamp(CAST(l.b * w.width // 1000 AS BIGINT)) AS window_start,
       CAST(l.dropped_call AS BIGINT) AS dropped_call,
       CAST(l.dropped_enter AS BIGINT) AS dropped_enter,
       CAST(l.dropped_exit AS BIGINT) AS dropped_exit,
       CAST(l.dropped_lifecycle AS BIGINT) AS dropped_lifecycle,
       CAST(l.failed_user_reads AS BIGINT) AS failed_user_reads,
       coalesce(s.recorded, 0) AS recorded_syscalls,
       pct(l.dropped_call + l.dropped_enter, coalesce(s.recorded, 0) + l.dropped_call + l.dropped_enter) AS loss_pct,
       l.cpus
FROM l CROSS JOIN w LEFT JOIN s ON s.b = l.b
ORDER BY l.b

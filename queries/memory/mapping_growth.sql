-- name: memory/mapping_growth
-- title: Memory mapping growth
-- description: Address space mapped (mmap, mremap) minus unmapped (munmap), and heap growth (brk), per process over time.
-- param: bucket duration = null : Bucket width (null: about 120 buckets over the trace).
-- param: pid int = null : Only this process (null: every process).
-- chart: line x=window_start y=mapped_bytes series=process
-- mapped_bytes is the running total of mmap lengths + mremap growth (new - old length) - munmap
-- lengths since the start of the recording (successful calls only), so it starts at 0, not at
-- the process's real size. Approximations: a MAP_FIXED mmap over an existing mapping, or munmap
-- of a range not fully mapped, count their whole length. brk_bytes is the program break's
-- growth since the first brk seen. Both start again at 0 after a successful execve (`image`
-- counts the execs). One row per process and bucket with any mapping call.
WITH w AS (
    SELECT coalesce(${bucket}, nice_bucket_ns(max(time_ns) - min(time_ns), 120)) AS width FROM syscalls
),
calls AS (
    SELECT pid, time_ns, seq, syscall,
           -- a successful exec replaces the address space: the totals start again from 0
           sum(CASE WHEN syscall IN ('execve', 'execveat') THEN 1 ELSE 0 END) OVER (PARTITION BY pid ORDER BY seq ROWS UNBOUNDED PRECEDING) AS image,
           CASE syscall WHEN 'mmap' THEN address_space_bytes
                        WHEN 'munmap' THEN -address_space_bytes
                        WHEN 'mremap' THEN address_space_bytes - arg1
                        ELSE 0 END AS mapped_delta,
           CASE WHEN syscall = 'brk' THEN ret END AS brk
    FROM syscalls
    WHERE syscall IN ('mmap', 'munmap', 'mremap', 'brk', 'execve', 'execveat') AND NOT coalesce(is_error, true)
      AND (${pid} IS NULL OR pid = ${pid})
      AND NOT (syscall = 'brk' AND ret <= 0)
),
running AS (
    SELECT *,
           sum(mapped_delta) OVER (PARTITION BY pid, image ORDER BY seq ROWS UNBOUNDED PRECEDING) AS mapped_total,
           last_value(brk IGNORE NULLS) OVER w - first_value(brk IGNORE NULLS) OVER w AS brk_total
    FROM calls
    WINDOW w AS (PARTITION BY pid, image ORDER BY seq ROWS UNBOUNDED PRECEDING)
)
SELECT make_timestamp(CAST((r.time_ns // w.width) * w.width // 1000 AS BIGINT)) AS window_start,
       r.pid,
       r.pid || ' ' || coalesce(any_value(p.comm), '?') AS process,
       CAST(arg_max(r.mapped_total, r.seq) AS BIGINT) AS mapped_bytes,
       CAST(coalesce(arg_max(r.brk_total, r.seq), 0) AS BIGINT) AS brk_bytes,
       CAST(coalesce(sum(r.mapped_delta) FILTER (WHERE r.mapped_delta > 0), 0) AS BIGINT) AS mapped_in_bucket,
       CAST(coalesce(-sum(r.mapped_delta) FILTER (WHERE r.mapped_delta < 0), 0) AS BIGINT) AS unmapped_in_bucket,
       count(*) FILTER (WHERE r.syscall = 'mmap') AS mmaps,
       count(*) FILTER (WHERE r.syscall = 'munmap') AS munmaps,
       CAST(max(r.image) AS INT) AS image,
       fmt_bytes(arg_max(r.mapped_total, r.seq)) AS mapped
FROM running r CROSS JOIN w
LEFT JOIN processes p ON p.pid = r.pid
WHERE r.syscall NOT IN ('execve', 'execveat')
GROUP BY r.time_ns // w.width, w.width, r.pid
ORDER BY window_start, r.pid

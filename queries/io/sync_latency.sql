-- name: io/sync_latency
-- title: fsync, fdatasync and sync_file_range latency
-- description: Calls that force data to storage, per syscall and file: how many, how long (p50, p99, max) and how much was written between them.
-- param: pid int = null : Only this process (null: every process).
-- chart: bar x=file y=total_ms series=syscall
-- Covers fsync, fdatasync, sync_file_range, msync, sync and syncfs (sync has no file). Latency
-- of a flush depends on how much dirty data it had to write: `written_per_sync` is the bytes
-- written to the same path by the same process since its previous flush, averaged.
WITH calls AS (
    SELECT pid, syscall, coalesce(file, '(no file)') AS file, time_ns, latency_ns, is_error, bytes,
           io_direction(syscall) IS NOT NULL AS is_write_call, is_sync(syscall) AS flush
    FROM syscalls
    WHERE (is_sync(syscall) OR io_direction(syscall) IN ('write', 'transfer'))
      AND (${pid} IS NULL OR pid = ${pid})
),
marked AS (
    SELECT *, sum(CASE WHEN flush THEN 1 ELSE 0 END) OVER (PARTITION BY pid, file ORDER BY time_ns ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS epoch
    FROM calls
),
written AS (
    SELECT pid, file, coalesce(epoch, 0) AS epoch, sum(bytes) FILTER (WHERE is_write_call) AS w
    FROM marked GROUP BY ALL
),
flushes AS (
    SELECT m.*, coalesce(w.w, 0) AS written_before
    FROM marked m LEFT JOIN written w ON w.pid = m.pid AND w.file = m.file AND w.epoch = coalesce(m.epoch, 0)
    WHERE m.flush
)
SELECT syscall,
       file,
       count(*) AS calls,
       count(*) FILTER (WHERE is_error) AS errors,
       round(sum(latency_ns) / 1e6, 3) AS total_ms,
       us(quantile_cont(latency_ns, 0.5)) AS p50_us,
       us(quantile_cont(latency_ns, 0.99)) AS p99_us,
       us(max(latency_ns)) AS max_us,
       CAST(round(avg(written_before)) AS BIGINT) AS written_per_sync,
       count(DISTINCT pid) AS processes
FROM flushes
GROUP BY syscall, file
ORDER BY total_ms DESC NULLS LAST, syscall, file

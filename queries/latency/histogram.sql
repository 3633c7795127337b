-- name: latency/histogram
-- title: Latency histogram
-- description: How many calls fall in each power-of-two latency bucket (1 us, 2 us, 4 us ...), per syscall family.
-- param: syscall string = null : Only this syscall (null: all).
-- param: pid int = null : Only this process (null: every process).
-- chart: bar x=bucket y=calls series=family
-- Bucket b holds latencies in [2^b, 2^(b+1)) microseconds; below 1 us is bucket '<1 us'. The
-- shape shows several modes (cache hits vs disk, fast path vs contention) that a percentile hides.
-- Restarted attempts and calls without an exit are left out.
WITH b AS (
    SELECT family,
           CASE WHEN latency_ns < 1000 THEN -1 ELSE CAST(floor(log2(latency_ns / 1000.0)) AS INT) END AS b
    FROM syscalls
    WHERE latency_ns IS NOT NULL AND NOT restarted
      AND (${syscall} IS NULL OR syscall = ${syscall}) AND (${pid} IS NULL OR pid = ${pid})
)
SELECT b AS bucket_log2,
       CASE WHEN b < 0 THEN '<1 us' ELSE fmt_ns(1000 * pow(2, b)) END AS bucket,
       family,
       count(*) AS calls
FROM b
GROUP BY b, family
ORDER BY b, family

-- name: files/repeated_lookups
-- title: Repeated stat and open of the same path
-- description: Paths looked up again and again by name (open, stat, access, readlink), including the failing lookups.
-- param: min_calls int = 2 : Only paths looked up at least this many times.
-- param: limit int = 50 : Paths to show.
-- chart: bar x=file y=opens,stats
-- Lookups by name only: fstat on an fd is not a lookup. A high count with a short span is a
-- cache the program lacks (config re-read per request, stat before every open ...); failing
-- ones are usually search paths (see errors/storms).
SELECT file,
       count(*) AS lookups,
       count(*) FILTER (WHERE lookup_kind(syscall) = 'open') AS opens,
       count(*) FILTER (WHERE lookup_kind(syscall) = 'stat') AS stats,
       count(*) FILTER (WHERE is_error) AS failed,
       string_agg(DISTINCT errno, ',' ORDER BY errno) AS errnos,
       count(DISTINCT pid) AS processes,
       string_agg(DISTINCT syscall, ',' ORDER BY syscall) AS syscalls,
       fmt_ns(max(time_ns) - min(time_ns)) AS span,
       round(count(*) / greatest((max(time_ns) - min(time_ns)) / 1e9, 1e-3), 1) AS per_s
FROM syscalls
WHERE lookup_kind(syscall) IS NOT NULL AND file IS NOT NULL
GROUP BY file
HAVING count(*) >= ${min_calls}
ORDER BY lookups DESC, file
LIMIT ${limit}

-- name: errors/storms
-- title: Error storms (ENOENT, EACCES ...)
-- description: Paths failing over and over with the same error within a time window: search-path probing, retry loops, permission walls.
-- param: errnos string = 'ENOENT,EACCES,EPERM' : Comma-separated errors to look for.
-- param: window duration = 1s : Width of the time window.
-- param: min_calls int = 10 : Only (path, error, window) groups with at least this many failures.
-- chart: bar x=file y=calls series=errno
-- One row per path, error and window with at least min_calls failures; rate_per_s is failures
-- per second of the window. A path that storms over several windows shows one row per window.
SELECT bucket_ts(time_ns, ${window}) AS window_start,
       errno,
       syscall,
       file,
       count(*) AS calls,
       round(count(*) / (${window} / 1e9), 1) AS rate_per_s,
       count(DISTINCT pid) AS processes,
       string_agg(DISTINCT comm, ',' ORDER BY comm) AS comms,
       min(ts) AS first_ts,
       max(ts) AS last_ts
FROM syscalls
WHERE is_error AND list_contains(string_split(replace(${errnos}, ' ', ''), ','), errno) AND file IS NOT NULL
GROUP BY ALL
HAVING count(*) >= ${min_calls}
ORDER BY calls DESC, window_start, file, syscall

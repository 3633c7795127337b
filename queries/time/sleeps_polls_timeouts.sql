-- name: time/sleeps_polls_timeouts
-- title: Sleeps, polls and timeouts
-- description: Calls that wait, per syscall and process: how long they waited, how often they timed out, polled without waiting, or were interrupted.
-- param: pid int = null : Only this process (null: every process).
-- chart: bar x=syscall y=wait_ms
-- timed_out: poll/select/epoll returning 0 ready fds, or ETIMEDOUT/EAGAIN from futex and
-- sigtimedwait. busy_polls: poll-type calls with a zero timeout (they return at once; in a
-- loop they burn CPU). oversleep_us: for nanosleep/clock_nanosleep (relative), the average of
-- actual minus requested sleep: scheduling delay. interrupted: EINTR or restarted.
SELECT s.syscall,
       s.pid,
       coalesce(any_value(p.comm), arg_max(s.comm, s.time_ns)) AS comm,
       count(*) AS calls,
       round(coalesce(sum(s.latency_ns), 0) / 1e6, 3) AS wait_ms,
       us(quantile_cont(s.latency_ns, 0.5)) AS p50_us,
       us(max(s.latency_ns)) AS max_us,
       count(*) FILTER (WHERE (s.kind = 'poll' AND s.ret = 0) OR s.errno = 'ETIMEDOUT'
                          OR (s.syscall IN ('futex', 'rt_sigtimedwait') AND s.errno = 'EAGAIN')) AS timed_out,
       count(*) FILTER (WHERE s.kind = 'poll' AND s.timeout_ns = 0) AS busy_polls,
       count(*) FILTER (WHERE s.timeout_ns = -1) AS infinite_timeouts,
       us(avg(s.timeout_ns) FILTER (WHERE s.timeout_ns > 0)) AS avg_timeout_us,
       us(avg(s.requested_sleep_ns)) AS avg_requested_sleep_us,
       us(avg(s.latency_ns - s.requested_sleep_ns) FILTER (WHERE s.requested_sleep_ns IS NOT NULL AND s.ret = 0)) AS oversleep_us,
       count(*) FILTER (WHERE s.errno = 'EINTR' OR s.restarted) AS interrupted
FROM syscalls s
LEFT JOIN processes p ON p.pid = s.pid
WHERE is_wait(s.syscall) AND (${pid} IS NULL OR s.pid = ${pid})
GROUP BY s.syscall, s.pid
ORDER BY wait_ms DESC, calls DESC, s.syscall, s.pid

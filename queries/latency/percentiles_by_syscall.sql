-- name: latency/percentiles_by_syscall
-- title: Latency percentiles per syscall
-- description: p50, p90, p99, p99.9 and max latency of each syscall, with how many calls had no exit or were restarted.
-- param: min_calls int = 1 : Only syscalls with at least this many timed calls.
-- param: syscall string = null : Only this syscall (null: all).
-- param: pid int = null : Only this process (null: every process).
-- chart: bar x=syscall y=p50_us,p99_us,max_us
-- Percentiles are exact (quantile_cont, interpolated) over the calls that returned and were not
-- restarted. An interrupted call that the kernel restarts (ret -512/-513/-514/-516) is a
-- separate attempt row; its time until the signal is counted in `restarted`, not in the
-- percentiles, so a restart does not split one slow call into two fast-looking ones. Calls with
-- no exit (still running at the end, exit lost, or exit/exit_group) have no latency: `no_exit`.
SELECT syscall,
       count(latency_ns) FILTER (WHERE NOT restarted) AS calls,
       us(quantile_cont(latency_ns, 0.5) FILTER (WHERE NOT restarted)) AS p50_us,
       us(quantile_cont(latency_ns, 0.9) FILTER (WHERE NOT restarted)) AS p90_us,
       us(quantile_cont(latency_ns, 0.99) FILTER (WHERE NOT restarted)) AS p99_us,
       us(quantile_cont(latency_ns, 0.999) FILTER (WHERE NOT restarted)) AS p999_us,
       us(max(latency_ns) FILTER (WHERE NOT restarted)) AS max_us,
       us(avg(latency_ns) FILTER (WHERE NOT restarted)) AS avg_us,
       count(*) FILTER (WHERE is_error) AS errors,
       count(*) FILTER (WHERE restarted) AS restarted,
       count(*) FILTER (WHERE latency_ns IS NULL) AS no_exit
FROM syscalls
WHERE (${syscall} IS NULL OR syscall = ${syscall}) AND (${pid} IS NULL OR pid = ${pid})
GROUP BY syscall
HAVING count(latency_ns) FILTER (WHERE NOT restarted) >= ${min_calls}
ORDER BY p99_us DESC NULLS LAST, syscall

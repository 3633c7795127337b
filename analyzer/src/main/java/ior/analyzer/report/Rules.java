package ior.analyzer.report;

import java.util.List;

/** The rules of a report, with their thresholds stated (docs/report.md explains each). */
public final class Rules {
    private Rules() {}

    static final String SEV = "CASE WHEN %s THEN 'high' WHEN %s THEN 'medium' ELSE 'low' END AS severity";

    public static final List<Rule> ALL = List.of(
            new Rule("fsync-storm", "fsync / fdatasync storms",
                    "Files flushed to stable storage again and again: each flush waits for the device, so many small ones serialize a workload behind the disk.",
                    ">= 20 sync calls on one file; high at >= 200 calls or >= 1 s spent syncing it",
                    "SELECT file, count(*) AS sync_calls, fmt_ns(sum(latency_ns)) AS time_syncing, fmt_ns(quantile_cont(latency_ns, 0.99)) AS p99,\n"
                            + "       string_agg(DISTINCT syscall, ', ' ORDER BY syscall) AS syscalls, count(DISTINCT pid) AS processes,\n"
                            + "       " + String.format(SEV, "count(*) >= 200 OR sum(latency_ns) >= 1e9", "count(*) >= 50 OR sum(latency_ns) >= 1e8") + "\n"
                            + "FROM syscalls WHERE is_sync(syscall) AND NOT coalesce(is_error, false)\n"
                            + "GROUP BY file HAVING count(*) >= 20 ORDER BY sum(latency_ns) DESC NULLS LAST, count(*) DESC LIMIT 15"),
            new Rule("slow-path", "High p99 latency on a path",
                    "Calls on one file whose 99th-percentile latency is far above what page-cache hits take: slow storage, lock contention or remote file systems.",
                    ">= 20 calls of one syscall on one path with p99 >= 10 ms; high at p99 >= 100 ms",
                    "SELECT file, syscall, count(*) AS calls, fmt_ns(quantile_cont(latency_ns, 0.5)) AS p50, fmt_ns(quantile_cont(latency_ns, 0.99)) AS p99,\n"
                            + "       fmt_ns(max(latency_ns)) AS max, fmt_ns(sum(latency_ns)) AS total,\n"
                            + "       " + String.format(SEV, "quantile_cont(latency_ns, 0.99) >= 1e8", "quantile_cont(latency_ns, 0.99) >= 3e7") + "\n"
                            + "FROM syscalls WHERE file IS NOT NULL AND latency_ns IS NOT NULL AND fd_kind IS DISTINCT FROM 'socket' AND fd_kind IS DISTINCT FROM 'pipe'\n"
                            + "  AND NOT is_wait(syscall)\n"
                            + "GROUP BY file, syscall HAVING count(*) >= 20 AND quantile_cont(latency_ns, 0.99) >= 1e7\n"
                            + "ORDER BY quantile_cont(latency_ns, 0.99) DESC LIMIT 15"),
            new Rule("small-io", "Small-I/O dominance",
                    "Files read or written mostly in tiny pieces: each call costs a kernel crossing, so a buffer of 64 KiB instead of a few bytes is often 10-100x cheaper.",
                    ">= 1000 data calls on one file with >= 80% of them under 4 KiB; high at >= 100000 such calls",
                    "SELECT file, count(*) AS calls, pct(count(*) FILTER (WHERE bytes < 4096), count(*)) AS pct_under_4k,\n"
                            + "       fmt_bytes(avg(bytes)) AS avg_size, fmt_bytes(sum(bytes)) AS bytes, fmt_ns(sum(latency_ns)) AS time,\n"
                            + "       " + String.format(SEV, "count(*) FILTER (WHERE bytes < 4096) >= 100000", "count(*) FILTER (WHERE bytes < 4096) >= 10000") + "\n"
                            + "FROM syscalls WHERE io_direction(syscall) IS NOT NULL AND file IS NOT NULL AND NOT coalesce(is_error, false) AND ret IS NOT NULL\n"
                            + "GROUP BY file HAVING count(*) >= 1000 AND count(*) FILTER (WHERE bytes < 4096) >= 0.8 * count(*)\n"
                            + "ORDER BY count(*) DESC LIMIT 15"),
            new Rule("error-storm", "ENOENT / EACCES storms",
                    "The same lookup failing over and over: a search path probed on every call, a missing config, a permission problem retried in a loop.",
                    ">= 20 ENOENT, or >= 5 EACCES/EPERM, on one path; high at >= 1000 failures",
                    "SELECT errno, file, count(*) AS failures, string_agg(DISTINCT syscall, ', ' ORDER BY syscall) AS syscalls,\n"
                            + "       string_agg(DISTINCT comm, ', ' ORDER BY comm) AS comms, fmt_ns(sum(latency_ns)) AS time,\n"
                            + "       " + String.format(SEV, "count(*) >= 1000", "count(*) >= 100 OR errno <> 'ENOENT'") + "\n"
                            + "FROM syscalls WHERE errno IN ('ENOENT', 'EACCES', 'EPERM') AND file IS NOT NULL\n"
                            + "GROUP BY errno, file HAVING count(*) >= CASE WHEN errno = 'ENOENT' THEN 20 ELSE 5 END\n"
                            + "ORDER BY count(*) DESC, file LIMIT 15"),
            new Rule("fd-leak", "fd leaks",
                    "Processes that opened many fds during the recording and still held them at its end: a leak grows until EMFILE.",
                    ">= 50 fds opened during the recording and never closed by one process; high at >= 500",
                    "SELECT f.pid, any_value(p.comm) AS comm, count(*) AS still_open, string_agg(DISTINCT f.kind, ', ' ORDER BY f.kind) AS kinds,\n"
                            + "       any_value(f.path) AS example, " + String.format(SEV, "count(*) >= 500", "count(*) >= 100") + "\n"
                            + "FROM fds f LEFT JOIN processes p USING (pid)\n"
                            + "WHERE f.open_seq IS NOT NULL AND f.close_ts IS NULL\n"
                            + "GROUP BY f.pid HAVING count(*) >= 50 ORDER BY count(*) DESC LIMIT 15"),
            new Rule("repeated-lookup", "Repeated opens and stats of one path",
                    "One path opened or stat'ed many times: a cache that is not there, or config re-read on every request.",
                    ">= 100 opens or stats of one path; high at >= 10000",
                    "SELECT file, count(*) AS lookups, string_agg(DISTINCT syscall, ', ' ORDER BY syscall) AS syscalls,\n"
                            + "       count(*) FILTER (WHERE is_error) AS failed, fmt_ns(sum(latency_ns)) AS time, count(DISTINCT pid) AS processes,\n"
                            + "       " + String.format(SEV, "count(*) >= 10000", "count(*) >= 1000") + "\n"
                            + "FROM syscalls WHERE lookup_kind(syscall) IS NOT NULL AND file IS NOT NULL\n"
                            + "GROUP BY file HAVING count(*) >= 100 ORDER BY count(*) DESC, file LIMIT 15"),
            new Rule("busy-poll", "Busy polling",
                    "Threads calling poll/select/epoll_wait with a zero timeout that return nothing, in a loop: CPU burnt waiting.",
                    ">= 1000 zero-timeout polls returning 0 on one thread; high at >= 100000",
                    "SELECT tid, any_value(comm) AS comm, syscall, count(*) AS empty_polls,\n"
                            + "       round(count(*) / greatest((max(time_ns) - min(time_ns)) / 1e9, 1e-3)) AS per_second,\n"
                            + "       " + String.format(SEV, "count(*) >= 100000", "count(*) >= 10000") + "\n"
                            + "FROM syscalls WHERE syscall IN ('poll', 'ppoll', 'select', 'pselect6', 'epoll_wait', 'epoll_pwait', 'epoll_pwait2')\n"
                            + "  AND timeout_ns = 0 AND ret = 0\n"
                            + "GROUP BY tid, syscall HAVING count(*) >= 1000 ORDER BY count(*) DESC LIMIT 15"),
            new Rule("slow-connect", "Slow or failing connects",
                    "connect() calls that took long or failed: DNS-free but network-bound waits, unreachable peers, exhausted backlogs.",
                    "a connect over 100 ms, or >= 5 failed connects to one peer; high at >= 1 s or >= 100 failures",
                    "SELECT coalesce(file, '(unknown peer)') AS peer, count(*) AS connects, count(*) FILTER (WHERE is_error) AS failed,\n"
                            + "       string_agg(DISTINCT errno, ', ' ORDER BY errno) AS errnos, fmt_ns(max(latency_ns)) AS slowest, fmt_ns(quantile_cont(latency_ns, 0.99)) AS p99,\n"
                            + "       " + String.format(SEV, "max(latency_ns) >= 1e9 OR count(*) FILTER (WHERE is_error) >= 100",
                            "max(latency_ns) >= 1e8 OR count(*) FILTER (WHERE is_error) >= 5") + "\n"
                            + "FROM syscalls WHERE syscall = 'connect' AND coalesce(errno, '') <> 'EINPROGRESS'\n"
                            + "GROUP BY 1 HAVING max(latency_ns) >= 1e8 OR count(*) FILTER (WHERE is_error) >= 5\n"
                            + "ORDER BY max(latency_ns) DESC NULLS LAST LIMIT 15"));
}

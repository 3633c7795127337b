-- name: signals/summary
-- title: Signals
-- description: Signals sent (kill, tgkill ...), handlers installed and run, calls they interrupted, and processes they killed.
-- param: pid int = null : Only events of this process (null: every process).
-- chart: bar x=event y=count series=signal
-- The recorder sees syscalls, not signal delivery, so delivery shows through its traces:
-- 'handler returned' is an rt_sigreturn (its signal is not known), 'interrupted' a call that
-- failed with EINTR or was restarted (ERESTART*), 'killed' a process whose exit status names a
-- signal (processes table). 'sent' rows give the sender and the target pid (or tid for tkill/
-- tgkill; negative: a process group).
WITH ev AS (
    SELECT 'sent' AS event, pid, comm, time_ns,
           signal_name(as_int32(CASE WHEN syscall IN ('tgkill', 'rt_tgsigqueueinfo') THEN arg2 ELSE arg1 END)) AS signal,
           CASE WHEN syscall = 'pidfd_send_signal' THEN coalesce(file, 'pidfd')
                WHEN syscall IN ('tgkill', 'rt_tgsigqueueinfo') THEN CAST(as_int32(arg1) AS VARCHAR)
                ELSE CAST(as_int32(arg0) AS VARCHAR) END AS target,
           syscall, coalesce(is_error, false) AS failed
    FROM syscalls
    WHERE syscall IN ('kill', 'tkill', 'tgkill', 'rt_sigqueueinfo', 'rt_tgsigqueueinfo', 'pidfd_send_signal')
    UNION ALL
    SELECT 'handler installed', pid, comm, time_ns, signal_name(as_int32(arg0)), NULL, syscall, coalesce(is_error, false)
    FROM syscalls WHERE syscall = 'rt_sigaction' AND arg1 <> 0
    UNION ALL
    SELECT 'handler returned', pid, comm, time_ns, NULL, NULL, syscall, false
    FROM syscalls WHERE syscall = 'rt_sigreturn'
    UNION ALL
    SELECT 'interrupted', pid, comm, time_ns, NULL, NULL, syscall, false
    FROM syscalls WHERE errno = 'EINTR' OR restarted
    UNION ALL
    SELECT 'killed', pid, comm, epoch_us(exit) * 1000, signal_name(exit_signal), NULL, NULL, false
    FROM processes WHERE exit_signal IS NOT NULL
)
SELECT event, signal, pid, arg_max(comm, time_ns) AS comm, target,
       string_agg(DISTINCT syscall, ',' ORDER BY syscall) AS syscalls,
       count(*) AS count,
       count(*) FILTER (WHERE failed) AS failed,
       make_timestamp(min(time_ns) // 1000) AS first_ts
FROM ev
WHERE ${pid} IS NULL OR pid = ${pid}
GROUP BY event, signal, pid, target
ORDER BY CASE event WHEN 'killed' THEN 0 WHEN 'sent' THEN 1 WHEN 'interrupted' THEN 2 WHEN 'handler returned' THEN 3 ELSE 4 END,
         count DESC, pid, signal

package ior.analyzer.table;

import java.util.List;
import java.util.Map;

import static ior.analyzer.table.Col.*;

/** Every table the analyzer builds, declared once. docs/tables.md is generated from these. */
public final class Tables {
    private Tables() {}

    /** Bump when a table's columns or meaning change: caches built by older versions are rebuilt. */
    public static final int SCHEMA_VERSION = 6;

    public static final TableDef SYSCALLS = new TableDef("syscalls", "One row per syscall: its enter, and its exit when one was recorded.", List.of(
            bigint("seq", "Order of the call's first record in the trace: its enter, or for a call written as one record, that record, written at its exit (unique per trace; ORDER BY time_ns for time order)."),
            bigint("time_ns", "Enter time, nanoseconds since the Unix epoch (wall clock of the recording host)."),
            time("ts", "Enter time as a TIMESTAMP (microseconds, UTC).").from(SyscallSql.TS),
            bigint("gap_ns", "Time since this thread's previous syscall returned (0 for its first)."),
            bigint("latency_ns", "Exit minus enter; NULL when no exit was recorded."),
            integer("comm_id", "Index of comm in the trace's list of thread names.").hide(),
            text("comm", "Thread name at the time of the call.").from(SyscallSql.COMM),
            integer("pid", "Process (thread group) id."),
            integer("tid", "Thread id."),
            text("syscall", "Syscall name (x86_64).").from(SyscallSql.SYSCALL),
            integer("nr", "Syscall number."),
            text("family", "AIO, FS, IPC, Memory, Misc, Network, Polling, Process, Sched, Security, Signals or Time.").from(SyscallSql.FAMILY),
            text("kind", "The syscall's role in the syscall table (open, fd, pathname, socket ...).").from(SyscallSql.KIND),
            integer("fd", "The fd the call works on (or the new fd it returned); NULL when none."),
            smallint("fd_kind_code", "FdKind ordinal of fd_kind.").hide(),
            text("fd_kind", "What that fd is (for a call that made an fd, the one it made): file, dir, socket, pipe, eventfd, epoll, ... or unknown; NULL when the call has no fd (stat, mkdir, a failed open: what a path is, the trace does not say). A directory opened without O_DIRECTORY is a file until a getdents or fchdir on it.").from(SyscallSql.FD_KIND),
            text("file", "Path (or socket address, pipe id) the call works on; NULL when none or unknown."),
            text("old_file", "Source path of rename and link calls."),
            bigint("ret", "Return value; NULL when no exit was recorded."),
            bool("is_error", "Returned a negative errno (restarts -512/-513/-514/-516 are not errors).").from(SyscallSql.IS_ERROR),
            text("errno", "Name of the error (ENOENT ...), NULL on success.").from(SyscallSql.ERRNO),
            bool("restarted", "Returned a restart code: the kernel restarts the call.").from(SyscallSql.RESTARTED),
            bigint("bytes", "Bytes read, written or transferred by this call (from its return value and return class)."),
            bigint("address_space_bytes", "Bytes of address space mapped, unmapped or remapped (mmap, munmap, mremap).").from(SyscallSql.ADDRESS_SPACE_BYTES),
            bigint("offset", "File offset argument (pread64, pwrite64, lseek, ...).").from(SyscallSql.OFFSET),
            text("flags", "The call's flags decoded (O_RDONLY|O_CLOEXEC ...)."),
            bigint("requested_sleep_ns", "Requested sleep of nanosleep and clock_nanosleep."),
            integer("nfds", "Number of fds polled (poll, select, epoll_wait maxevents).").from(SyscallSql.NFDS),
            bigint("timeout_ns", "Poll/wait timeout in ns; -1 infinite."),
            text("epoll_op", "epoll_ctl operation: ADD, DEL, MOD.").from(SyscallSql.EPOLL_OP),
            integer("epoll_target_fd", "epoll_ctl target fd.").from(SyscallSql.EPOLL_TARGET_FD),
            bigint("epoll_events", "epoll_ctl event mask."),
            bigint("arg0", "Raw argument 0."),
            bigint("arg1", "Raw argument 1."),
            bigint("arg2", "Raw argument 2."),
            bigint("arg3", "Raw argument 3."),
            bigint("arg4", "Raw argument 4."),
            bigint("arg5", "Raw argument 5.")))
            // Stored in four parts, by what a row fills (SyscallRows picks the narrowest that holds
            // it): all 24 stored columns; without the four sparse ones (old_file and what sleeps,
            // polls and epoll_ctl read from memory: most calls of up to six args); also without
            // arg3..arg5 and flags (read, write, close, fstat ...); also without the args and the
            // fd, and bytes, always 0 there (calls of no args that touch no fd, like getppid: 9
            // values; a row with bytes goes to a wider part even so).
            .withParts(List.of("args6", "args3", "bare"), List.of(
                    List.of("old_file", "requested_sleep_ns", "timeout_ns", "epoll_events"),
                    List.of("arg3", "arg4", "arg5", "flags"),
                    List.of("arg0", "arg1", "arg2", "fd", "fd_kind_code", "file", "bytes")),
                    Map.of("bytes", "0"));

    public static final TableDef FDS = new TableDef("fds", "One row per fd lifetime: from the call that opened it to the one that closed it.", List.of(
            integer("pid", "Process that held the fd."),
            integer("fd", "The fd number."),
            text("path", "What it referred to: a path, a socket address, pipe:[id]; NULL when unknown."),
            text("kind", "file, dir, socket, pipe, eventfd, epoll, timerfd, signalfd, inotify, fanotify, memfd, pidfd, io_uring, perf, bpf, anon, unknown. dir: opened with O_DIRECTORY, or listed (getdents) or entered (fchdir) while open."),
            text("opened_by", "Syscall that created it, 'snapshot' when open at the start, 'unknown' when never seen opened."),
            bigint("open_seq", "seq of the opening syscall; NULL for snapshot and unknown."),
            time("open_ts", "When it was opened; NULL when before the recording."),
            time("close_ts", "When it was closed; NULL when still open at the end."),
            text("close_reason", "close, close_range, dup2, exec (O_CLOEXEC), exit; NULL when still open."),
            integer("flags", "Open flags (O_*) as recorded.")));

    public static final TableDef PROCESSES = new TableDef("processes", "One row per process seen in the snapshot or born during the recording.", List.of(
            integer("pid", "Process id."),
            integer("ppid", "Parent process id; NULL when unknown."),
            text("comm", "Last command name."),
            text("exe", "Executable (from the snapshot or the last exec)."),
            text("cmdline", "Command line, arguments separated by spaces."),
            time("start", "Start time (snapshot) or fork time."),
            time("exit", "Exit time; NULL when still running at the end."),
            integer("exit_code", "Exit status (as from wait: status >> 8); NULL when not exited."),
            integer("exit_signal", "Signal that killed it; NULL when none."),
            bool("in_snapshot", "Running when the recording started."),
            integer("threads", "Threads seen.")));

    public static final TableDef LOSSES = new TableDef("losses", "Events lost, per CPU and time window, as counted in the kernel.", List.of(
            time("window_start", "Start of the window."),
            time("window_end", "End of the window."),
            integer("cpu", "CPU."),
            bigint("dropped_enter", "Enter records the ring buffer had no room for."),
            bigint("dropped_exit", "Exit records dropped."),
            bigint("dropped_lifecycle", "Fork/exec/exit/rename records dropped."),
            bigint("failed_user_reads", "User memory (paths, structs) that could not be read."),
            bigint("dropped_call", "Whole-call records (one per call, written at its exit) dropped: the call is missing.")));

    public static final TableDef STATS = new TableDef("stats", "Counters of the recording and of the analysis: what was lost, unmatched or malformed.", List.of(
            text("name", "Counter."),
            bigint("value", "Its value."),
            text("severity", "info, data_loss or error."),
            text("description", "What it counts.")));

    public static final TableDef TRACE_INFO = new TableDef("trace_info", "The trace header as key/value rows, plus facts computed while reading.", List.of(
            text("key", "Key."),
            text("value", "Value.")));

    public static final TableDef SYSCALL_TABLE = new TableDef("syscall_table", "The syscall table the analyzer used.", List.of(
            integer("nr", "Number."),
            text("name", "Name."),
            text("family", "Family."),
            text("kind", "Kind."),
            text("returns", "Return class."),
            text("args", "Argument roles.")));

    public static final List<TableDef> ALL = List.of(SYSCALLS, FDS, PROCESSES, LOSSES, STATS, TRACE_INFO, SYSCALL_TABLE);
}

package ior.analyzer.fd;

/**
 * Receives one call per fd lifetime, when it ends (close, close_range, replaced by dup2/dup3,
 * closed by exec, closed by process exit) and, at {@link FdState#finish}, for every fd still open.
 * Every String argument is interned by {@link FdState}: the same text is the same instance, and no
 * String is created per call.
 */
@FunctionalInterface
public interface FdSink {
    String CLOSE = "close";
    String CLOSE_RANGE = "close_range";
    String DUP2 = "dup2";
    String EXEC = "exec";
    String EXIT = "exit";
    /**
     * The fd number was handed out again by a call that creates fds while this lifetime was still
     * open here: its close was never seen (a lost record, SCM_RIGHTS, io_uring ...).
     */
    String LOST = "lost";

    /**
     * @param pid         the process that opened the fd (for a forked copy: the child)
     * @param fd          the fd number
     * @param path        resolved path, null when unknown or not a file-system object; for fds from
     *                    the start snapshot the readlink text ({@code socket:[123]}, {@code pipe:[45]})
     * @param kind        what the fd is
     * @param family      socket address family name ({@code inet}, {@code inet6}, {@code unix} ...), null otherwise or when unknown
     * @param local       local socket address (bind, getsockname), null when unknown
     * @param peer        peer socket address (connect, accept, getpeername), null when unknown
     * @param openedBy    the syscall that created the fd (a forked copy keeps the parent's), {@code snapshot} or {@code unknown}
     * @param openSeq     seq of that call, -1 for snapshot and unknown
     * @param openTs      exit timestamp of that call, -1 for snapshot and unknown
     * @param closeTs     when the lifetime ended, -1 when still open at the end of the trace
     * @param closeReason one of the constants of this interface, null when still open
     * @param flags       the open flags (O_*), with O_CLOEXEC when close-on-exec was set at the end; -1 when unknown
     */
    void fd(int pid, int fd, String path, FdKind kind, String family, String local, String peer,
            String openedBy, long openSeq, long openTs, long closeTs, String closeReason, int flags);
}

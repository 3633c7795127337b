package ior.analyzer.fd;

/**
 * What an fd refers to. {@link #label()} (also {@link #toString()}) is the lower-case name that
 * goes into tables: {@code file}, {@code socket}, {@code io_uring} ...
 */
public enum FdKind {
    /** A path in the file system (also devices, O_PATH fds, open_by_handle_at). */
    FILE("file"),
    /** A directory: opened with O_DIRECTORY, or listed (getdents) or entered (fchdir); opened without O_DIRECTORY it reads as {@link #FILE} until then. */
    DIR("dir"),
    SOCKET("socket"),
    PIPE("pipe"),
    EVENTFD("eventfd"),
    EPOLL("epoll"),
    TIMERFD("timerfd"),
    SIGNALFD("signalfd"),
    INOTIFY("inotify"),
    FANOTIFY("fanotify"),
    MEMFD("memfd"),
    PIDFD("pidfd"),
    IO_URING("io_uring"),
    PERF("perf"),
    BPF("bpf"),
    /** A POSIX message queue descriptor (mq_open). */
    MQUEUE("mqueue"),
    /** Another anonymous-inode fd: userfaultfd, fsopen/fsmount/fspick, landlock, seccomp listener, namespaces ... */
    ANON("anon"),
    /** An fd used but never seen opened: its origin is unknown and no path is guessed for it. */
    UNKNOWN("unknown");

    private static final FdKind[] VALUES = values();

    private final String label;

    FdKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }

    static FdKind ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}

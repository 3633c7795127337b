package ior.syscalls;

/** What a syscall argument is, so the analyzer can interpret raw argument words without per-syscall code. */
public enum ArgRole {
    /** A file descriptor the call operates on (also pidfds, epoll fds, mq descriptors). */
    FD("fd"),
    /** A directory fd that a path argument is resolved against (AT_FDCWD allowed). */
    DIRFD("dirfd"),
    /** A user pointer to a file-system path (mq names included). */
    PATH("path"),
    FLAGS("flags"),
    MODE("mode"),
    /** A byte count or a number of elements. */
    COUNT("count"),
    /** A file offset or file length. */
    OFFSET("offset"),
    /** A user pointer whose contents are not captured. */
    PTR("ptr"),
    /** A memory address that is the subject of the call (mmap, munmap, futex word ...). */
    ADDR("addr"),
    /** The length of a memory range or of a struct. */
    LEN("len"),
    PID("pid"),
    SIG("sig"),
    UID("uid"),
    GID("gid"),
    /** An id of another kind: clock, timer, SysV IPC key or id, aio context, key serial ... */
    ID("id"),
    /** An operation selector (fcntl cmd, ioctl request, futex op, prctl option ...). */
    CMD("cmd"),
    /** A timeout or sleep duration, as a value or as a pointer to a time struct. */
    TIMEOUT("timeout"),
    /** A user pointer to a string that is not a path. */
    STR("str"),
    /** Any other integer. */
    VAL("val");

    private final String token;

    ArgRole(String token) {
        this.token = token;
    }

    /** The spelling used in the syscall table. */
    public String token() {
        return token;
    }

    public static ArgRole fromToken(String token) {
        for (ArgRole r : values()) {
            if (r.token.equals(token)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown argument role: " + token);
    }
}

package ior.syscalls;

/**
 * How to read a syscall's non-negative return value. A negative return is always -errno, whatever the class.
 */
public enum ReturnClass {
    /** Bytes copied to the caller: read, recvfrom, getdents64, getxattr, ... */
    BYTES_READ("bytes_read"),
    /** Bytes taken from the caller: write, sendto, pwritev2, ... */
    BYTES_WRITTEN("bytes_written"),
    /** Bytes moved between two fds without passing through the caller: sendfile, splice, copy_file_range, ... */
    TRANSFER("transfer"),
    /** A new file descriptor. */
    NEW_FD("new_fd"),
    /** The resulting file offset (lseek). */
    OFFSET("offset"),
    /** A user-space address: mmap, mremap, brk, shmat, map_shadow_stack. */
    ADDRESS("address"),
    /** A process or thread id. */
    PID("pid"),
    /** An id of some other kernel object: SysV IPC ids, key serials, watch descriptors, protection keys. */
    ID("id"),
    /** A number of things: ready fds, events, messages, pages ... */
    COUNT("count"),
    /** Some other meaningful value: getuid, umask, alarm, op-dependent results (futex, prctl, keyctl). */
    VALUE("value"),
    /** 0 on success. */
    STATUS("status"),
    /** Never returns to the caller: exit, exit_group, rt_sigreturn. */
    NONE("none");

    private final String token;

    ReturnClass(String token) {
        this.token = token;
    }

    /** The spelling used in the syscall table. */
    public String token() {
        return token;
    }

    public static ReturnClass fromToken(String token) {
        for (ReturnClass c : values()) {
            if (c.token.equals(token)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown return class: " + token);
    }
}

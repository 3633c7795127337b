package ior.syscalls;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * One row of the syscall table.
 *
 * @param nr       the x86_64 syscall number
 * @param name     the name in the kernel's syscall_64.tbl (not the tracefs event name)
 * @param nargs    how many raw arguments the kernel entry point takes, and so how many every enter record carries
 * @param family   the broad group it is reported and selected under
 * @param kind     the role the analyzer dispatches on; one of {@link #KINDS}
 * @param ret      how to read a non-negative return value
 * @param args     the role of each argument, {@code nargs} of them
 * @param capture  the user memory copied besides the raw arguments
 * @param fdChange whether the call can create, duplicate, close or re-flag file descriptors; such calls are recorded
 *                 whatever {@code --syscalls} selects, because the analyzer's fd tables depend on them
 */
public record Syscall(int nr, String name, int nargs, Family family, String kind, ReturnClass ret,
                      List<ArgRole> args, Capture capture, boolean fdChange) {

    /** The kinds, each with the one-line meaning shown in docs/syscalls.md. */
    public static final SequencedMap<String, String> KINDS = kinds();

    private static SequencedMap<String, String> kinds() {
        SequencedMap<String, String> k = new LinkedHashMap<>();
        k.put("fd", "operates on the fd in arg 0: I/O or metadata");
        k.put("pathname", "a path, usually in arg 0, resolved from the cwd");
        k.put("fd-pathname", "a path resolved against the dirfd before it (the `*at` calls), or a notification fd plus a path");
        k.put("name", "two paths: rename, link, symlink, pivot_root, move_mount");
        k.put("open", "opens a path and returns the new fd");
        k.put("open-by-handle-at", "opens a file handle from name_to_handle_at");
        k.put("open-tree", "opens a mount tree, returning an O_PATH-like fd");
        k.put("mq-open", "opens a POSIX message queue");
        k.put("close", "closes one fd or a range");
        k.put("dup3", "duplicates an fd: dup, dup2, dup3");
        k.put("fcntl", "fcntl: the cmd decides whether fds are duplicated or re-flagged");
        k.put("pipe", "creates a pipe; both fds come back through arg 0");
        k.put("socket", "creates or uses a socket");
        k.put("socketpair", "creates a connected socket pair; both fds come back through arg 3");
        k.put("accept", "accepts a connection; returns the new fd and the peer address");
        k.put("eventfd", "creates an fd of an anonymous kind (eventfd, timerfd, signalfd, epoll, inotify, memfd ...)");
        k.put("epoll-ctl", "adds, changes or removes an fd in an epoll set");
        k.put("poll", "waits for fds to become ready");
        k.put("two-fd", "moves data between two fds");
        k.put("pidfd", "acts on a process through a pidfd");
        k.put("exec", "replaces the process image");
        k.put("proc", "creates, ends, waits for or signals processes and threads");
        k.put("mmap", "maps memory, possibly backed by the fd in arg 4");
        k.put("mem", "acts on an address range");
        k.put("sleep", "sleeps for the duration in the timeout argument");
        k.put("timer-obj", "a POSIX timer identified by its id");
        k.put("futex", "waits on or wakes a futex");
        k.put("sysv-id", "creates or looks up a System V IPC object");
        k.put("sysv-op", "operates on a System V IPC object by id");
        k.put("keyctl", "kernel key management");
        k.put("module", "loads or removes a kernel module");
        k.put("perf-open", "opens a perf event, returning an fd");
        k.put("bpf", "bpf(2): the cmd decides whether an fd is returned");
        k.put("seccomp", "installs a seccomp filter, possibly returning a notification fd");
        k.put("prctl", "prctl(2): the option decides what happens");
        k.put("ptrace", "traces another process");
        k.put("null", "no fd or path role: nothing the analyzer resolves");
        return Collections.unmodifiableSequencedMap(k);
    }

    public Syscall {
        args = List.copyOf(args);
        if (nr < 0) {
            throw new IllegalArgumentException("negative syscall number " + nr);
        }
        if (!isName(name)) {
            throw new IllegalArgumentException("bad syscall name '" + name + "'");
        }
        if (nargs < 0 || nargs > Capture.MAX_ARGS) {
            throw new IllegalArgumentException("nargs " + nargs + " is outside 0.." + Capture.MAX_ARGS);
        }
        if (args.size() != nargs) {
            throw new IllegalArgumentException("nargs is " + nargs + " but " + args.size() + " arg roles are given");
        }
        if (!KINDS.containsKey(kind)) {
            throw new IllegalArgumentException("unknown kind '" + kind + "'");
        }
        if (capture.maxArgIndex() >= nargs) {
            throw new IllegalArgumentException("capture " + capture + " refers to arg " + capture.maxArgIndex()
                    + " but the syscall takes " + nargs + " args");
        }
    }

    /**
     * [a-z_][a-z0-9_]*, checked by hand: this runs for every row when a recording starts, before
     * the JIT has compiled anything, and String.matches compiles a pattern per call.
     */
    private static boolean isName(String name) {
        if (name.isEmpty()) return false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c == '_' || i > 0 && c >= '0' && c <= '9';
            if (!ok) return false;
        }
        return true;
    }

    /** Index of the first argument with this role, -1 when there is none. */
    public int argIndex(ArgRole role) {
        return args.indexOf(role);
    }

    /**
     * True when a call is written as one record at its exit (record layout 2, docs/format.md 8.3a):
     * it copies no user memory and it returns. The others are an enter and an exit record.
     */
    public boolean writtenWhole() {
        return capture.isNone() && !neverReturns();
    }

    /** True for exit, exit_group and rt_sigreturn: an enter record without an exit record is their normal end. */
    public boolean neverReturns() {
        return ret == ReturnClass.NONE;
    }
}

package ior.analyzer.fd;

import ior.analyzer.util.IntIntMap;

import ior.analyzer.model.SyscallView;
import ior.format.Snapshot;
import ior.syscalls.ArgRole;
import ior.syscalls.Syscall;
import ior.syscalls.SyscallTable;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fd-state engine: replays a trace's syscalls and process lifecycle in order and knows, at
 * every moment, what each fd of each process refers to.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * FdState fds = new FdState(SyscallTable.x86_64(), sink);
 * fds.seed(snapshot);
 * // in trace order:
 * fds.fork(parentPid, parentTid, childPid, childTid, sharesFiles, isThread, ts);  // fork record
 * fds.exec(pid, oldTid, ts);                                                      // exec record
 * fds.exitTask(pid, tid, groupDead, ts);                                          // exit record
 * int h = fds.resolve(call);   // per completed syscall, before apply: fds.path(h), fds.kind(h), fds.fd(h)
 * String old = fds.resolvedPath(call, argIndex);                                  // rename/link source
 * fds.apply(call);
 * fds.finish(endTs);
 * }</pre>
 * Not thread-safe: one instance per trace, fed by one thread.
 *
 * <h2>Model</h2>
 * <ul>
 *   <li><b>Open file descriptions</b> ("descs") hold what an fd refers to: path, kind, socket
 *       family and addresses, status flags. dup, fork and pidfd_getfd share a desc, so connect,
 *       bind or F_SETFL through one fd is seen through all its duplicates.</li>
 *   <li><b>Entries</b> are fd lifetimes: an fd number in one table pointing at a desc, with its
 *       close-on-exec bit and the call that created it. Each entry is reported to the {@link FdSink}
 *       exactly once, when it ends or at {@link #finish}.</li>
 *   <li><b>Tables</b> map fd numbers to entries. Tasks (tids) point at tables: threads share one,
 *       CLONE_FILES children share, fork without it copies, unshare(CLONE_FILES) and exec of a
 *       process sharing its table with another one copy. A table closes its fds (reason
 *       {@code exit}) when no task and no live process uses it any more.</li>
 *   <li>The <b>cwd</b> is per process (from the snapshot, chdir, fchdir; copied on fork).</li>
 * </ul>
 * Descs and entries live in primitive arrays indexed by int ids and are recycled; paths and
 * addresses are interned ({@link PathInterner}), so replaying a call allocates nothing once the
 * paths it touches have been seen. Process lifecycle calls (fork, exec, exit) may allocate.
 *
 * <h2>Choices</h2>
 * <ul>
 *   <li>Failed calls change nothing, with one exception: connect failing with EINPROGRESS still
 *       records the peer address.</li>
 *   <li>An fd used by a successful call but never seen opened becomes an entry of kind
 *       {@link FdKind#UNKNOWN}, path null, opened_by {@code unknown}: no path is ever guessed. A
 *       successful connect/bind/accept/getsockname/getpeername on such an fd makes it a socket.</li>
 *   <li>Paths are joined and cleaned lexically (no {@code //}, {@code .}, {@code ..}). A relative
 *       path whose base (dirfd or cwd) is unknown stays relative.</li>
 *   <li>Snapshot fds keep the readlink text as path when it names an inode ({@code socket:[123]},
 *       {@code pipe:[45]}, {@code net:[4026531840]}); {@code anon_inode:[eventfd]} and the like give
 *       the kind and a null path; {@code /memfd:x (deleted)} gives kind memfd, path {@code /memfd:x} (as readlink and strace -y show it).</li>
 *   <li>open_ts and close_ts are the exit timestamps of the calls (enter timestamp when there is no
 *       exit); a forked copy keeps opened_by, open_seq and open_ts of the parent's fd.</li>
 *   <li>Successful execve/execveat calls are ignored by {@link #apply}: {@link #exec} does their work.</li>
 * </ul>
 */
public final class FdState {
    // ---- kernel constants (x86_64) ----
    static final int O_WRONLY = 01;
    static final int O_RDWR = 02;
    static final int O_CREAT = 0100;
    static final int O_TRUNC = 01000;
    static final int O_APPEND = 02000;
    static final int O_NONBLOCK = 04000;
    static final int FASYNC = 020000;
    static final int O_DIRECT = 040000;
    static final int O_DIRECTORY = 0200000;
    static final int O_NOATIME = 01000000;
    static final int O_CLOEXEC = 02000000;
    static final int O_PATH = 010000000;
    static final int O_TMPFILE_BIT = 020000000;
    /** The status flags F_SETFL may change; the access mode and the rest stay. */
    static final int SETFL_MASK = O_APPEND | O_NONBLOCK | FASYNC | O_DIRECT | O_NOATIME;
    static final int AT_FDCWD = -100;
    static final int F_DUPFD = 0;
    static final int F_SETFD = 2;
    static final int F_SETFL = 4;
    static final int F_DUPFD_CLOEXEC = 1030;
    static final int FD_CLOEXEC = 1;
    static final int FIONCLEX = 0x5450;
    static final int FIOCLEX = 0x5451;
    static final int CLOSE_RANGE_UNSHARE = 2;
    static final int CLOSE_RANGE_CLOEXEC = 4;
    static final int CLONE_FILES = 0x400;
    static final int SOCK_NONBLOCK = O_NONBLOCK;
    static final int SOCK_CLOEXEC = O_CLOEXEC;
    static final int MAP_ANONYMOUS = 0x20;
    static final int EINPROGRESS = 115;
    static final int SECCOMP_SET_MODE_FILTER = 1;
    static final int SECCOMP_FILTER_FLAG_NEW_LISTENER = 8;
    /** bpf(2) commands whose non-negative result is a new fd. */
    private static final long BPF_FD_CMDS = bits(0, 5, 7, 13, 14, 17, 18, 19, 28, 30, 32, 33, 36);

    private static final int OPENED_SNAPSHOT = -1;
    private static final int OPENED_UNKNOWN = -2;
    /** Fds below this live in a table's dense array, the rest in a hash map. */
    private static final int DENSE_MAX = 1 << 16;

    // ---- per-syscall dispatch, indexed by nr ----
    private static final byte A_NONE = 0, A_OPEN = 1, A_CLOSE = 2, A_CLOSE_RANGE = 3, A_DUP = 4, A_DUP2 = 5,
            A_DUP3 = 6, A_FCNTL = 7, A_IOCTL = 8, A_PIPE = 9, A_SOCKET = 10, A_SOCKETPAIR = 11, A_ACCEPT = 12,
            A_CONNECT = 13, A_BIND = 14, A_GETSOCKNAME = 15, A_GETPEERNAME = 16, A_ANON = 17, A_PIDFD_GETFD = 18,
            A_CHDIR = 19, A_FCHDIR = 20, A_UNSHARE = 21, A_LIST_DIR = 22;
    /** How a created fd's close-on-exec bit is found: never, always, or (arg & mask) != 0. */
    private static final int CLO_NEVER = -1, CLO_ALWAYS = -2;
    private static final byte R_NONE = 0, R_FD = 1, R_PATH = 2;

    private final Syscall[] syscalls;
    private final byte[] action;
    /** A_OPEN: argument holding the O_* flags; -1: none (creat), -2: struct open_how captured at arg 2. */
    private final int[] openFlagsArg;
    /** A_ANON: the kind created. */
    private final FdKind[] anonKind;
    private final int[] cloArg;
    private final int[] cloMask;
    private final byte[] rMode;
    private final int[] rArg;
    private final int[] rDirfd;
    private final FdKind[] rKind;
    private final boolean[] mqName;
    private final int[][] usedFdArgs;
    private final int[][] usedDirfdArgs;
    private final int nrCreat, nrOpenByHandle, nrOpenTree, nrOpenTreeAttr, nrMqOpen, nrMmap, nrSignalfd, nrSignalfd4,
            nrAccept4, nrPipe2, nrMemfdCreate, nrPidfdOpen, nrBpf, nrSeccomp, nrLandlock, nrSymlink, nrSymlinkat;

    private final FdSink sink;
    private final PathInterner paths = new PathInterner();
    private final PathInterner addrs = new PathInterner();
    private final PathJoin join = new PathJoin();
    private final byte[] text = new byte[SockAddr.MAX_TEXT];
    private byte[] mq = new byte[256];

    // ---- descs (open file descriptions) ----
    private int[] dPath = new int[1024];
    private byte[] dKind = new byte[1024];
    private int[] dFamily = new int[1024];
    private int[] dLocal = new int[1024];
    private int[] dPeer = new int[1024];
    private int[] dFlags = new int[1024];
    /** pidfd: the pid it refers to, -1 when unknown. */
    private int[] dAux = new int[1024];
    private int[] dRef = new int[1024];
    private int dCount;
    private int[] dFree = new int[64];
    private int dFreeCount;

    // ---- entries (fd lifetimes) ----
    private int[] eFd = new int[1024];
    private int[] ePid = new int[1024];
    private int[] eDesc = new int[1024];
    private boolean[] eCloexec = new boolean[1024];
    private int[] eOpenNr = new int[1024];
    private long[] eOpenSeq = new long[1024];
    private long[] eOpenTs = new long[1024];
    private int eCount;
    private int[] eFree = new int[64];
    private int eFreeCount;

    /** Handle of the scratch entry that resolve() fills for a path. */
    private static final int H_PATH = 0;
    /** Handle of the scratch entry that resolve() fills for an fd not in the table. */
    private static final int H_UNKNOWN = 1;
    /** The same two for resolvedPath(), so that it leaves the handle from resolve() intact. */
    private static final int H_PATH2 = 2;
    private static final int SCRATCH = 4;

    private final IntMap<Task> tasks = new IntMap<>();
    private final IntMap<Proc> procs = new IntMap<>();
    private int[] iter = new int[64];
    /** Entries listed by {@link #collect}; reused. */
    private int[] sparseFds = new int[16];

    // resolve() -> apply() cache of the path resolved for the same call
    private long cacheSeq = Long.MIN_VALUE;
    private int cacheArg = -1;
    private int cachePath = -1;

    /** The latest timestamp seen: the close time of lifetimes ended by bookkeeping (a reused tid). */
    private long now = -1;
    private long unknownOrigin;
    private long lost;
    private long missingOut;

    public FdState(SyscallTable table, FdSink sink) {
        this.sink = sink;
        int n = table.maxNr() + 1;
        syscalls = new Syscall[n];
        action = new byte[n];
        openFlagsArg = new int[n];
        anonKind = new FdKind[n];
        cloArg = new int[n];
        cloMask = new int[n];
        rMode = new byte[n];
        rArg = new int[n];
        rDirfd = new int[n];
        rKind = new FdKind[n];
        mqName = new boolean[n];
        usedFdArgs = new int[n][];
        usedDirfdArgs = new int[n][];
        Arrays.fill(cloArg, CLO_NEVER);
        for (Syscall s : table.all()) {
            syscalls[s.nr()] = s;
        }
        nrCreat = nr(table, "creat");
        nrOpenByHandle = nr(table, "open_by_handle_at");
        nrOpenTree = nr(table, "open_tree");
        nrOpenTreeAttr = nr(table, "open_tree_attr");
        nrMqOpen = nr(table, "mq_open");
        nrMmap = nr(table, "mmap");
        nrSignalfd = nr(table, "signalfd");
        nrSignalfd4 = nr(table, "signalfd4");
        nrAccept4 = nr(table, "accept4");
        nrPipe2 = nr(table, "pipe2");
        nrMemfdCreate = nr(table, "memfd_create");
        nrPidfdOpen = nr(table, "pidfd_open");
        nrBpf = nr(table, "bpf");
        nrSeccomp = nr(table, "seccomp");
        nrLandlock = nr(table, "landlock_create_ruleset");
        nrSymlink = nr(table, "symlink");
        nrSymlinkat = nr(table, "symlinkat");

        open(table, "open", 1, CLO_NEVER);
        open(table, "openat", 2, CLO_NEVER);
        open(table, "creat", -1, CLO_NEVER);
        open(table, "openat2", -2, CLO_NEVER);
        open(table, "open_by_handle_at", 2, CLO_NEVER);
        open(table, "open_tree", 2, CLO_NEVER);
        open(table, "open_tree_attr", 2, CLO_NEVER);
        open(table, "mq_open", 1, CLO_ALWAYS);
        set(table, "close", A_CLOSE);
        set(table, "close_range", A_CLOSE_RANGE);
        set(table, "dup", A_DUP);
        set(table, "dup2", A_DUP2);
        set(table, "dup3", A_DUP3);
        set(table, "fcntl", A_FCNTL);
        set(table, "ioctl", A_IOCTL);
        set(table, "pipe", A_PIPE);
        set(table, "pipe2", A_PIPE);
        set(table, "socket", A_SOCKET);
        set(table, "socketpair", A_SOCKETPAIR);
        set(table, "accept", A_ACCEPT);
        set(table, "accept4", A_ACCEPT);
        set(table, "connect", A_CONNECT);
        set(table, "bind", A_BIND);
        set(table, "getsockname", A_GETSOCKNAME);
        set(table, "getpeername", A_GETPEERNAME);
        set(table, "pidfd_getfd", A_PIDFD_GETFD);
        set(table, "chdir", A_CHDIR);
        set(table, "fchdir", A_FCHDIR);
        set(table, "getdents", A_LIST_DIR);
        set(table, "getdents64", A_LIST_DIR);
        set(table, "unshare", A_UNSHARE);
        anon(table, "eventfd", FdKind.EVENTFD, CLO_NEVER, 0);
        anon(table, "eventfd2", FdKind.EVENTFD, 1, O_CLOEXEC);
        anon(table, "epoll_create", FdKind.EPOLL, CLO_NEVER, 0);
        anon(table, "epoll_create1", FdKind.EPOLL, 0, O_CLOEXEC);
        anon(table, "timerfd_create", FdKind.TIMERFD, 1, O_CLOEXEC);
        anon(table, "signalfd", FdKind.SIGNALFD, CLO_NEVER, 0);
        anon(table, "signalfd4", FdKind.SIGNALFD, 3, O_CLOEXEC);
        anon(table, "inotify_init", FdKind.INOTIFY, CLO_NEVER, 0);
        anon(table, "inotify_init1", FdKind.INOTIFY, 0, O_CLOEXEC);
        anon(table, "fanotify_init", FdKind.FANOTIFY, 0, 1);           // FAN_CLOEXEC
        anon(table, "memfd_create", FdKind.MEMFD, 1, 1);               // MFD_CLOEXEC
        anon(table, "memfd_secret", FdKind.MEMFD, 0, O_CLOEXEC);
        anon(table, "pidfd_open", FdKind.PIDFD, CLO_ALWAYS, 0);
        anon(table, "userfaultfd", FdKind.ANON, 0, O_CLOEXEC);
        anon(table, "io_uring_setup", FdKind.IO_URING, CLO_ALWAYS, 0);
        anon(table, "perf_event_open", FdKind.PERF, 4, 8);             // PERF_FLAG_FD_CLOEXEC
        anon(table, "bpf", FdKind.BPF, CLO_ALWAYS, 0);
        anon(table, "fsopen", FdKind.ANON, 1, 1);                      // FSOPEN_CLOEXEC
        anon(table, "fsmount", FdKind.ANON, 1, 1);                     // FSMOUNT_CLOEXEC
        anon(table, "fspick", FdKind.ANON, 2, 1);                      // FSPICK_CLOEXEC
        anon(table, "landlock_create_ruleset", FdKind.ANON, CLO_ALWAYS, 0);
        anon(table, "seccomp", FdKind.ANON, CLO_ALWAYS, 0);

        for (Syscall s : table.all()) {
            setupResolve(s);
        }
        // scratch entries H_PATH, H_UNKNOWN, H_PATH2, H_PATH2 + 1, with descs of the same numbers
        for (int i = 0; i < SCRATCH; i++) {
            int d = newDesc(-1, FdKind.UNKNOWN, -1, -1);
            int e = newEntry(d, -1, -1, false, OPENED_UNKNOWN, -1, -1);
            if (d != i || e != i) throw new AssertionError();
        }
    }

    private static long bits(int... b) {
        long v = 0;
        for (int i : b) v |= 1L << i;
        return v;
    }

    private static int nr(SyscallTable t, String name) {
        Syscall s = t.byName(name);
        return s == null ? -1 : s.nr();
    }

    private void set(SyscallTable t, String name, byte a) {
        int n = nr(t, name);
        if (n >= 0) action[n] = a;
    }

    private void open(SyscallTable t, String name, int flagsArg, int clo) {
        int n = nr(t, name);
        if (n < 0) return;
        action[n] = A_OPEN;
        openFlagsArg[n] = flagsArg;
        cloArg[n] = clo;
    }

    private void anon(SyscallTable t, String name, FdKind kind, int arg, int mask) {
        int n = nr(t, name);
        if (n < 0) return;
        action[n] = A_ANON;
        anonKind[n] = kind;
        cloArg[n] = arg;
        cloMask[n] = mask;
    }

    private void setupResolve(Syscall s) {
        int n = s.nr();
        List<ArgRole> args = s.args();
        String name = s.name();
        int firstPath = -1, lastPath = -1, firstFd = -1, firstDirfd = -1;
        List<Integer> fdArgs = new ArrayList<>();
        List<Integer> dirfdArgs = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            ArgRole r = args.get(i);
            if (r == ArgRole.PATH) {
                if (firstPath < 0) firstPath = i;
                lastPath = i;
            } else if (r == ArgRole.FD) {
                if (firstFd < 0) firstFd = i;
                fdArgs.add(i);
            } else if (r == ArgRole.DIRFD) {
                if (firstDirfd < 0) firstDirfd = i;
                if (i + 1 < args.size() && args.get(i + 1) == ArgRole.PATH) dirfdArgs.add(i);
            }
        }
        // fd args that are not fds of the caller's table, or not yet open before the call
        switch (name) {
            case "close_range" -> fdArgs.clear();
            case "dup2", "dup3", "pidfd_getfd" -> fdArgs.remove(Integer.valueOf(1));
            default -> { }
        }
        usedFdArgs[n] = fdArgs.isEmpty() ? null : fdArgs.stream().mapToInt(Integer::intValue).toArray();
        usedDirfdArgs[n] = dirfdArgs.isEmpty() ? null : dirfdArgs.stream().mapToInt(Integer::intValue).toArray();

        if (firstPath >= 0) {
            int p = s.kind().equals("name") ? lastPath : firstPath;
            if (name.equals("mount")) p = 1; // the source is often free text ("proc"); the target is a path
            rMode[n] = R_PATH;
            rArg[n] = p;
            rDirfd[n] = dirfdOf(s, p);
            rKind[n] = switch (name) {
                case "chdir", "mkdir", "mkdirat", "rmdir", "chroot", "pivot_root" -> FdKind.DIR;
                case "mq_open", "mq_unlink" -> FdKind.MQUEUE;
                default -> FdKind.FILE;
            };
            mqName[n] = name.equals("mq_open") || name.equals("mq_unlink");
        } else if (firstFd >= 0) {
            rMode[n] = R_FD;
            rArg[n] = firstFd;
        } else if (firstDirfd >= 0) {
            rMode[n] = R_FD;
            rArg[n] = firstDirfd;
        }
    }

    private static int dirfdOf(Syscall s, int pathArg) {
        return pathArg > 0 && s.args().get(pathArg - 1) == ArgRole.DIRFD ? pathArg - 1 : -1;
    }

    // =====================================================================================
    // snapshot and lifecycle
    // =====================================================================================

    /** Seeds processes, their cwd, threads and open fds from the start-of-recording snapshot. */
    public void seed(Snapshot snapshot) {
        for (Snapshot.Process p : snapshot.processes()) {
            Proc proc = procs.get(p.pid());
            if (proc == null) proc = newProc(p.pid(), new Table());
            String cwd = p.cwd();
            proc.cwd = cwd != null && cwd.startsWith("/") ? paths.intern(cwd) : -1;
        }
        for (Snapshot.Thread t : snapshot.threads()) {
            Proc proc = procs.get(t.pid());
            if (proc == null) proc = newProc(t.pid(), new Table());
            Task old = tasks.get(t.tid());
            if (old == null) register(t.tid(), proc, proc.table);
        }
        for (Snapshot.Fd f : snapshot.fds()) {
            Proc proc = procs.get(f.pid());
            if (proc == null) proc = newProc(f.pid(), new Table());
            seedFd(proc.table, f);
        }
        // a process listed without threads still has its main thread
        for (Proc proc : procs.values()) {
            if (proc.tasks.isEmpty() && tasks.get(proc.pid) == null) register(proc.pid, proc, proc.table);
        }
    }

    private void seedFd(Table t, Snapshot.Fd f) {
        String target = f.target() == null ? "" : f.target();
        int flags = f.flags();
        boolean cloexec = (flags & O_CLOEXEC) != 0;
        flags &= ~O_CLOEXEC;
        FdKind kind;
        int path = -1;
        if (target.isEmpty()) {
            kind = FdKind.UNKNOWN;
        } else if (target.startsWith("/memfd:")) {
            kind = FdKind.MEMFD;
            String name = target.substring("/memfd:".length());
            if (name.endsWith(" (deleted)")) name = name.substring(0, name.length() - " (deleted)".length());
            path = paths.intern("/memfd:" + name);
        } else if (target.startsWith("/secretmem")) {
            kind = FdKind.MEMFD;
        } else if (target.startsWith("/")) {
            kind = isDir(flags) ? FdKind.DIR : FdKind.FILE;
            path = paths.intern(target);
        } else if (target.startsWith("socket:[")) {
            kind = FdKind.SOCKET;
            path = paths.intern(target);
        } else if (target.startsWith("pipe:[")) {
            kind = FdKind.PIPE;
            path = paths.intern(target);
        } else if (target.startsWith("anon_inode:")) {
            kind = anonInodeKind(target.substring("anon_inode:".length()));
        } else if (target.startsWith("pidfd:")) {
            kind = FdKind.PIDFD;
        } else {
            kind = FdKind.ANON; // namespaces (net:[4026531840]) and other pseudo files
            path = paths.intern(target);
        }
        int d = newDesc(path, kind, -1, flags);
        install(t, f.pid(), f.fd(), d, cloexec, OPENED_SNAPSHOT, -1, -1, -1);
    }

    private static FdKind anonInodeKind(String name) {
        String n = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
        if (n.startsWith("bpf")) return FdKind.BPF;
        return switch (n) {
            case "eventfd" -> FdKind.EVENTFD;
            case "eventpoll" -> FdKind.EPOLL;
            case "timerfd" -> FdKind.TIMERFD;
            case "signalfd" -> FdKind.SIGNALFD;
            case "inotify" -> FdKind.INOTIFY;
            case "fanotify" -> FdKind.FANOTIFY;
            case "pidfd" -> FdKind.PIDFD;
            case "io_uring" -> FdKind.IO_URING;
            case "perf_event" -> FdKind.PERF;
            default -> FdKind.ANON;
        };
    }

    /** A task creation, as in the fork record; the parent's pid is looked up from parentTid. */
    public void fork(int parentTid, int childPid, int childTid, boolean sharesFiles, boolean isThread, long ts) {
        fork(-1, parentTid, childPid, childTid, sharesFiles, isThread, ts);
    }

    /**
     * A task creation. With parentPid given (-1: unknown), an unknown parent is registered first,
     * so parent and child each get a table.
     */
    public void fork(int parentPid, int parentTid, int childPid, int childTid, boolean sharesFiles, boolean isThread,
                     long ts) {
        now = Math.max(now, ts);
        Task pt = tasks.get(parentTid);
        if (pt != null && parentPid >= 0 && pt.proc.pid != parentPid) pt = null; // stale tid
        Proc pp;
        Table ptable;
        if (pt != null) {
            pp = pt.proc;
            ptable = pt.table;
        } else if (parentPid >= 0) {
            pt = task(parentPid, parentTid);
            pp = pt.proc;
            ptable = pt.table;
        } else {
            pp = procs.get(parentTid);
            ptable = pp == null ? null : pp.table;
        }
        List<Table> release = new ArrayList<>();
        Task stale = tasks.get(childTid);
        if (stale != null) release.add(detach(stale));
        if (isThread) {
            Proc cp = procs.get(childPid);
            if (cp == null) cp = newProc(childPid, ptable != null ? ptable : new Table());
            Table base = ptable != null ? ptable : cp.table;
            Table tb = sharesFiles ? base : copy(base, childPid);
            register(childTid, cp, tb);
        } else {
            Proc old = procs.get(childPid);
            if (old != null) release.addAll(dropProc(old)); // pid reused: its exit was not seen
            Table tb = ptable == null ? new Table() : sharesFiles ? ptable : copy(ptable, childPid);
            Proc cp = newProc(childPid, tb);
            cp.cwd = pp != null ? pp.cwd : -1;
            register(childTid, cp, tb);
        }
        for (Table t : release) maybeRelease(t, ts);
    }

    /**
     * A successful exec by thread tid of process pid: the other threads are gone, the process gets
     * its own table if it shared one with another process, and its close-on-exec fds close.
     */
    public void exec(int pid, int tid, long ts) {
        now = Math.max(now, ts);
        Proc p = procs.get(pid);
        if (p == null) p = newProc(pid, new Table());
        Task self = tasks.get(tid);
        Table tb = self != null && self.proc == p ? self.table : p.table;
        List<Table> release = new ArrayList<>();
        for (Task t : new ArrayList<>(p.tasks)) {
            release.add(detach(t));
        }
        for (int id : new int[]{tid, pid}) {
            Task stale = tasks.get(id);
            if (stale != null) release.add(detach(stale));
        }
        int others = tb.ref + tb.pidRefs - (p.table == tb ? 1 : 0);
        Table mine = others > 0 ? copy(tb, pid) : tb;
        if (p.table != mine) {
            release.add(p.table);
            p.table.pidRefs--;
            p.table = mine;
            mine.pidRefs++;
        }
        register(pid, p, mine);
        int n = collect(mine);
        for (int i = 0; i < n; i++) {
            int e = iter[i];
            if (eCloexec[e]) closeEntry(mine, e, ts, FdSink.EXEC);
        }
        for (Table t : release) maybeRelease(t, ts);
    }

    /**
     * A task exit. When groupDead (the last thread of the process), every task of the process is
     * gone. A table no task and no process uses any more closes all its fds (reason exit).
     */
    public void exitTask(int pid, int tid, boolean groupDead, long ts) {
        List<Table> release = new ArrayList<>(2);
        now = Math.max(now, ts);
        Task t = tasks.get(tid);
        if (t != null && t.proc.pid == pid) release.add(detach(t));
        if (groupDead) {
            Proc p = procs.get(pid);
            if (p != null) release.addAll(dropProc(p));
        }
        for (Table tb : release) maybeRelease(tb, ts);
    }

    /** Trace end: reports every fd still open with close_ts -1 and no reason, then forgets all state. */
    public void finish(long endTs) {
        List<Table> all = new ArrayList<>();
        for (Proc p : procs.values()) {
            if (!p.table.dead) {
                p.table.dead = true;
                all.add(p.table);
            }
        }
        for (Task t : tasks.values()) {
            if (!t.table.dead) {
                t.table.dead = true;
                all.add(t.table);
            }
        }
        all.sort((a, b) -> Integer.compare(a.minPid(), b.minPid()));
        for (Table tb : all) {
            closeAll(tb, -1, null);
        }
        tasks.clear();
        procs.clear();
    }

    // =====================================================================================
    // per-call: resolve and apply
    // =====================================================================================

    /**
     * What the call operates on, before its effect: a handle for {@link #path}, {@link #kind},
     * {@link #fd}, or -1 when it has no fd or path argument. For a call with a path argument (the
     * destination for rename/link) it is that path resolved against its dirfd or the cwd (kind
     * file; dir for chdir/mkdir/rmdir; with an empty or missing path string, the dirfd itself);
     * otherwise the fd in its first fd argument (kind unknown when not open in this table).
     * Valid until the next call of apply, exec, exitTask, fork or finish.
     */
    public int resolve(SyscallView call) {
        int nr = call.nr();
        if (nr < 0 || nr >= rMode.length) return -1;
        return switch (rMode[nr]) {
            case R_FD -> nr == nrMmap && (call.arg(3) & MAP_ANONYMOUS) != 0 ? -1
                    : resolveFd(call, (int) call.arg(rArg[nr]), H_PATH);
            case R_PATH -> {
                int h = resolvePath(call, rArg[nr], rDirfd[nr], rKind[nr], mqName[nr], H_PATH);
                if (h == H_PATH) {
                    cacheSeq = call.seq();
                    cacheArg = rArg[nr];
                    cachePath = dPath[H_PATH];
                }
                yield h;
            }
            default -> -1;
        };
    }

    /** The path of a handle, null when unknown or when it is not a file-system object. */
    public String path(int handle) {
        return handle < 0 ? null : paths.string(dPath[eDesc[handle]]);
    }

    /** The interned id of a handle's path ({@link #paths()}), -1 when there is none. */
    public int pathId(int handle) {
        return handle < 0 ? -1 : dPath[eDesc[handle]];
    }

    public FdKind kind(int handle) {
        return handle < 0 ? null : FdKind.ofOrdinal(dKind[eDesc[handle]]);
    }

    /** The fd number a handle stands for, -1 when it is a resolved path. */
    public int fd(int handle) {
        return handle < 0 ? -1 : eFd[handle];
    }

    /** The socket peer address of a handle, null when unknown. */
    public String peer(int handle) {
        return handle < 0 ? null : addrs.string(dPeer[eDesc[handle]]);
    }

    /** The socket local address of a handle, null when unknown. */
    public String local(int handle) {
        return handle < 0 ? null : addrs.string(dLocal[eDesc[handle]]);
    }

    /**
     * The path in argument argIndex, resolved against the dirfd argument just before it or the cwd
     * (for rename/link: the source, "old_file"). The target text of symlink/symlinkat is returned
     * as written. Null when the call has no string there. Call it before {@link #apply}.
     */
    public String resolvedPath(SyscallView call, int argIndex) {
        int nr = call.nr();
        Syscall s = nr >= 0 && nr < syscalls.length ? syscalls[nr] : null;
        if (s == null || argIndex < 0 || argIndex >= s.nargs()) return null;
        if ((nr == nrSymlink || nr == nrSymlinkat) && argIndex == 0) {
            int len = call.str(0);
            return len < 0 ? null : paths.string(paths.intern(call.strSegment(), call.strOffset(), len));
        }
        return path(resolvePath(call, argIndex, dirfdOf(s, argIndex), FdKind.FILE, mqName[nr], H_PATH2));
    }

    /** Applies the call's effect on fd state. Calls that failed change nothing (but connect with EINPROGRESS). */
    public void apply(SyscallView call) {
        int nr = call.nr();
        if (nr < 0 || nr >= action.length) return;
        byte act = action[nr];
        if (!call.ok()) {
            cacheSeq = Long.MIN_VALUE;
            if (act == A_CONNECT && call.hasRet() && call.ret() == -EINPROGRESS) {
                Task task = task(call.pid(), call.tid());
                connect(call, task.table, ensure(task.table, call.pid(), (int) call.arg(0)));
            }
            return;
        }
        int[] fdArgs = usedFdArgs[nr];
        int[] dirfdArgs = usedDirfdArgs[nr];
        if (act == A_NONE && fdArgs == null && dirfdArgs == null) {
            cacheSeq = Long.MIN_VALUE;
            return;
        }
        Task task = task(call.pid(), call.tid());
        Table t = task.table;
        int pid = call.pid();
        if (fdArgs != null) {
            for (int a : fdArgs) {
                int fd = (int) call.arg(a);
                if (fd < 0 || (nr == nrMmap && (call.arg(3) & MAP_ANONYMOUS) != 0)) continue;
                ensure(t, pid, fd);
            }
        }
        if (dirfdArgs != null) {
            for (int a : dirfdArgs) {
                int fd = (int) call.arg(a);
                if (fd < 0) continue;
                int len = call.str(a + 1);
                if (len > 0 && call.strSegment().get(ValueLayout.JAVA_BYTE, call.strOffset()) == '/') continue;
                ensure(t, pid, fd);
            }
        }
        long ts = call.exitTs() >= 0 ? call.exitTs() : call.enterTs();
        now = Math.max(now, ts);
        applyAction(call, act, nr, task, ts);
        cacheSeq = Long.MIN_VALUE;
    }

    private void applyAction(SyscallView call, byte act, int nr, Task task, long ts) {
        Table t = task.table;
        int pid = call.pid();
        switch (act) {
            case A_OPEN -> applyOpen(call, t, nr, ts);
            case A_CLOSE -> {
                int e = t.get((int) call.arg(0));
                if (e >= 0) closeEntry(t, e, ts, FdSink.CLOSE);
            }
            case A_CLOSE_RANGE -> closeRange(call, task, ts);
            case A_DUP -> dup(t, pid, (int) call.arg(0), (int) call.ret(), false, nr, call.seq(), ts);
            case A_DUP2, A_DUP3 -> {
                int oldFd = (int) call.arg(0);
                int newFd = (int) call.arg(1);
                if (oldFd == newFd) break;
                int e = t.get(newFd);
                if (e >= 0) closeEntry(t, e, ts, FdSink.DUP2);
                boolean clo = act == A_DUP3 && (call.arg(2) & O_CLOEXEC) != 0;
                dup(t, pid, oldFd, newFd, clo, nr, call.seq(), ts);
            }
            case A_FCNTL -> fcntl(call, t, pid, nr, ts);
            case A_IOCTL -> {
                int cmd = (int) call.arg(1);
                if (cmd == FIOCLEX || cmd == FIONCLEX) {
                    int e = t.get((int) call.arg(0));
                    if (e >= 0) eCloexec[e] = cmd == FIOCLEX;
                }
            }
            case A_PIPE -> pipe(call, t, pid, nr, ts);
            case A_SOCKET -> {
                int type = (int) call.arg(1);
                int d = newDesc(-1, FdKind.SOCKET, (int) call.arg(0), O_RDWR | (type & SOCK_NONBLOCK));
                install(t, pid, (int) call.ret(), d, (type & SOCK_CLOEXEC) != 0, nr, call.seq(), ts, ts);
            }
            case A_SOCKETPAIR -> socketpair(call, t, pid, nr, ts);
            case A_ACCEPT -> accept(call, t, pid, nr, ts);
            case A_CONNECT -> connect(call, t, t.get((int) call.arg(0)));
            case A_BIND -> {
                int e = t.get((int) call.arg(0));
                int len = call.in(1);
                if (e >= 0 && len >= 0) setAddress(eDesc[e], call.bufSegment(), call.bufOffset(), len, false);
            }
            case A_GETSOCKNAME, A_GETPEERNAME -> {
                int e = t.get((int) call.arg(0));
                int len = call.out(1);
                if (e >= 0 && len >= 0) {
                    setAddress(eDesc[e], call.bufSegment(), call.bufOffset(), len, act == A_GETPEERNAME);
                }
            }
            case A_ANON -> anon(call, t, pid, nr, ts);
            case A_PIDFD_GETFD -> pidfdGetfd(call, t, pid, nr, ts);
            case A_CHDIR -> {
                int h = resolvePath(call, 0, -1, FdKind.DIR, false, H_PATH);
                task.proc.cwd = h == H_PATH && isAbsolute(dPath[H_PATH]) ? dPath[H_PATH] : -1;
            }
            case A_FCHDIR -> {
                int e = t.get((int) call.arg(0));
                int path = e >= 0 ? dPath[eDesc[e]] : -1;
                task.proc.cwd = isAbsolute(path) ? path : -1;
                provedDir(e);
            }
            case A_LIST_DIR -> provedDir(t.get((int) call.arg(0)));
            case A_UNSHARE -> {
                if ((call.arg(0) & CLONE_FILES) != 0) unshare(task);
            }
            default -> { }
        }
    }

    /** Whether a successful call nr shows its fd to be a directory (getdents, getdents64, fchdir). */
    public boolean provesDir(int nr) {
        return nr >= 0 && nr < action.length && (action[nr] == A_LIST_DIR || action[nr] == A_FCHDIR);
    }

    /**
     * A directory opened without O_DIRECTORY reads as a file until a successful getdents or
     * fchdir on it shows what it is (tar, find and ls open directories so).
     */
    private void provedDir(int entry) {
        if (entry >= 0 && dKind[eDesc[entry]] == FdKind.FILE.ordinal()) dKind[eDesc[entry]] = (byte) FdKind.DIR.ordinal();
    }

    private void applyOpen(SyscallView call, Table t, int nr, long ts) {
        int fd = (int) call.ret();
        int flagsArg = openFlagsArg[nr];
        int flags;
        if (flagsArg >= 0) {
            flags = (int) call.arg(flagsArg);
        } else if (flagsArg == -1) {
            flags = O_CREAT | O_WRONLY | O_TRUNC;
        } else {
            int len = call.in(2); // struct open_how: u64 flags first
            flags = len >= 8 ? (int) call.bufSegment().get(ValueLayout.JAVA_LONG_UNALIGNED, call.bufOffset()) : -1;
        }
        boolean cloexec = cloArg[nr] == CLO_ALWAYS || (flags != -1 && (flags & O_CLOEXEC) != 0);
        FdKind kind;
        int path = -1;
        if (nr == nrOpenByHandle) {
            kind = FdKind.FILE;
        } else {
            kind = nr == nrMqOpen ? FdKind.MQUEUE : flags != -1 && isDir(flags) ? FdKind.DIR : FdKind.FILE;
            int pathArg = rArg[nr];
            if (cacheSeq == call.seq() && cacheArg == pathArg) {
                path = cachePath;
            } else {
                int h = resolvePath(call, pathArg, rDirfd[nr], kind, mqName[nr], H_PATH);
                path = h < 0 ? -1 : dPath[eDesc[h]];
            }
        }
        if (nr == nrOpenTree || nr == nrOpenTreeAttr) {
            flags = O_PATH; // open_tree's own flags are not O_* flags; the fd is an O_PATH one
        } else if (flags != -1) {
            flags &= ~O_CLOEXEC;
        }
        int d = newDesc(path, kind, -1, flags);
        install(t, call.pid(), fd, d, cloexec, nr, call.seq(), ts, ts);
    }

    private static boolean isDir(int flags) {
        return (flags & O_DIRECTORY) != 0 && (flags & O_TMPFILE_BIT) == 0;
    }

    private void closeRange(SyscallView call, Task task, long ts) {
        long first = call.arg(0) & 0xffffffffL;
        long last = call.arg(1) & 0xffffffffL;
        int flags = (int) call.arg(2);
        if ((flags & CLOSE_RANGE_UNSHARE) != 0) unshare(task);
        Table t = task.table;
        int n = collect(t);
        for (int i = 0; i < n; i++) {
            int e = iter[i];
            long fd = eFd[e];
            if (fd < first || fd > last) continue;
            if ((flags & CLOSE_RANGE_CLOEXEC) != 0) {
                eCloexec[e] = true;
            } else {
                closeEntry(t, e, ts, FdSink.CLOSE_RANGE);
            }
        }
    }

    private void dup(Table t, int pid, int oldFd, int newFd, boolean cloexec, int nr, long seq, long ts) {
        int e = ensure(t, pid, oldFd);
        if (e < 0) return;
        int d = eDesc[e];
        dRef[d]++;
        install(t, pid, newFd, d, cloexec, nr, seq, ts, ts);
    }

    private void fcntl(SyscallView call, Table t, int pid, int nr, long ts) {
        int fd = (int) call.arg(0);
        int cmd = (int) call.arg(1);
        switch (cmd) {
            case F_DUPFD, F_DUPFD_CLOEXEC -> dup(t, pid, fd, (int) call.ret(), cmd == F_DUPFD_CLOEXEC, nr, call.seq(), ts);
            case F_SETFD -> {
                int e = t.get(fd);
                if (e >= 0) eCloexec[e] = (call.arg(2) & FD_CLOEXEC) != 0;
            }
            case F_SETFL -> {
                int e = t.get(fd);
                if (e >= 0) {
                    int d = eDesc[e];
                    if (dFlags[d] != -1) dFlags[d] = (dFlags[d] & ~SETFL_MASK) | ((int) call.arg(2) & SETFL_MASK);
                }
            }
            default -> { }
        }
    }

    private void pipe(SyscallView call, Table t, int pid, int nr, long ts) {
        int len = call.out(0);
        if (len < 8) {
            missingOut++;
            return;
        }
        MemorySegment seg = call.bufSegment();
        long off = call.bufOffset();
        int r = seg.get(ValueLayout.JAVA_INT_UNALIGNED, off);
        int w = seg.get(ValueLayout.JAVA_INT_UNALIGNED, off + 4);
        int flags = nr == nrPipe2 ? (int) call.arg(1) : 0;
        boolean cloexec = (flags & O_CLOEXEC) != 0;
        int status = flags & (O_NONBLOCK | O_DIRECT);
        install(t, pid, r, newDesc(-1, FdKind.PIPE, -1, status), cloexec, nr, call.seq(), ts, ts);
        install(t, pid, w, newDesc(-1, FdKind.PIPE, -1, O_WRONLY | status), cloexec, nr, call.seq(), ts, ts);
    }

    private void socketpair(SyscallView call, Table t, int pid, int nr, long ts) {
        int len = call.out(3);
        if (len < 8) {
            missingOut++;
            return;
        }
        MemorySegment seg = call.bufSegment();
        long off = call.bufOffset();
        int a = seg.get(ValueLayout.JAVA_INT_UNALIGNED, off);
        int b = seg.get(ValueLayout.JAVA_INT_UNALIGNED, off + 4);
        int family = (int) call.arg(0);
        int type = (int) call.arg(1);
        boolean cloexec = (type & SOCK_CLOEXEC) != 0;
        for (int i = 0; i < 2; i++) {
            int fd = i == 0 ? a : b;
            int d = newDesc(-1, FdKind.SOCKET, family, O_RDWR | (type & SOCK_NONBLOCK));
            if (family == SockAddr.AF_UNIX) {
                int unnamed = addrs.intern(UNIX_UNNAMED, 0, UNIX_UNNAMED.length);
                dLocal[d] = unnamed;
                dPeer[d] = unnamed;
            }
            install(t, pid, fd, d, cloexec, nr, call.seq(), ts, ts);
        }
    }

    private static final byte[] UNIX_UNNAMED = "unix:".getBytes(StandardCharsets.US_ASCII);

    private void accept(SyscallView call, Table t, int pid, int nr, long ts) {
        int le = t.get((int) call.arg(0));
        int ld = le >= 0 ? eDesc[le] : -1;
        int flags = nr == nrAccept4 ? (int) call.arg(3) : 0;
        int family = ld >= 0 ? dFamily[ld] : -1;
        int d = newDesc(-1, FdKind.SOCKET, family, O_RDWR | (flags & SOCK_NONBLOCK));
        if (ld >= 0) {
            dLocal[d] = dLocal[ld];
            if (dKind[ld] == FdKind.UNKNOWN.ordinal()) dKind[ld] = (byte) FdKind.SOCKET.ordinal();
        }
        int len = call.out(1);
        if (len >= 0) setAddress(d, call.bufSegment(), call.bufOffset(), len, true);
        if (ld >= 0 && dFamily[ld] < 0) dFamily[ld] = dFamily[d];
        install(t, pid, (int) call.ret(), d, (flags & SOCK_CLOEXEC) != 0, nr, call.seq(), ts, ts);
    }

    private void connect(SyscallView call, Table t, int e) {
        int len = call.in(1);
        if (e >= 0 && len >= 0) setAddress(eDesc[e], call.bufSegment(), call.bufOffset(), len, true);
    }

    /** Records a local or peer address on a desc; it is then a socket of that family. */
    private void setAddress(int d, MemorySegment seg, long off, int len, boolean peer) {
        int family = SockAddr.family(seg, off, len);
        if (family < 0) return;
        if (dKind[d] == FdKind.UNKNOWN.ordinal()) dKind[d] = (byte) FdKind.SOCKET.ordinal();
        if (family == SockAddr.AF_UNSPEC) {
            if (peer) dPeer[d] = -1; // connect(AF_UNSPEC) dissolves the association
            return;
        }
        if (dFamily[d] < 0) dFamily[d] = family;
        int n = SockAddr.format(seg, off, len, text);
        int id = n < 0 ? -1 : addrs.intern(text, 0, n);
        if (peer) {
            dPeer[d] = id;
        } else {
            dLocal[d] = id;
        }
    }

    private void anon(SyscallView call, Table t, int pid, int nr, long ts) {
        if (nr == nrSignalfd || nr == nrSignalfd4) {
            int fd = (int) call.arg(0);
            if (fd != -1) { // updates the mask of an existing signalfd
                int e = t.get(fd);
                if (e >= 0 && dKind[eDesc[e]] == FdKind.UNKNOWN.ordinal()) dKind[eDesc[e]] = (byte) FdKind.SIGNALFD.ordinal();
                return;
            }
        } else if (nr == nrBpf) {
            long cmd = call.arg(0);
            if (cmd < 0 || cmd > 63 || (BPF_FD_CMDS & (1L << cmd)) == 0) return;
        } else if (nr == nrLandlock) {
            if (call.arg(2) != 0) return; // LANDLOCK_CREATE_RULESET_VERSION / _ERRATA return numbers
        } else if (nr == nrSeccomp) {
            if (call.arg(0) != SECCOMP_SET_MODE_FILTER || (call.arg(1) & SECCOMP_FILTER_FLAG_NEW_LISTENER) == 0) return;
        }
        int clo = cloArg[nr];
        boolean cloexec = clo == CLO_ALWAYS || (clo >= 0 && (call.arg(clo) & cloMask[nr]) != 0);
        int path = -1;
        if (nr == nrMemfdCreate) {
            int len = call.str(0);
            if (len >= 0) path = prefixed(MEMFD_PREFIX, call.strSegment(), call.strOffset(), len);
        }
        int d = newDesc(path, anonKind[nr], -1, O_RDWR);
        if (nr == nrPidfdOpen) dAux[d] = (int) call.arg(0);
        install(t, pid, (int) call.ret(), d, cloexec, nr, call.seq(), ts, ts);
    }

    private static final byte[] MEMFD_PREFIX = "/memfd:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MQ_PREFIX = "mq:/".getBytes(StandardCharsets.US_ASCII);

    private int prefixed(byte[] prefix, MemorySegment seg, long off, int len) {
        int n = prefix.length + len;
        if (mq.length < n) mq = new byte[Math.max(n, mq.length * 2)];
        System.arraycopy(prefix, 0, mq, 0, prefix.length);
        MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, off, mq, prefix.length, len);
        return paths.intern(mq, 0, n);
    }

    private void pidfdGetfd(SyscallView call, Table t, int pid, int nr, long ts) {
        int pe = t.get((int) call.arg(0));
        int d = -1;
        if (pe >= 0 && dKind[eDesc[pe]] == FdKind.PIDFD.ordinal() && dAux[eDesc[pe]] > 0) {
            Proc target = procs.get(dAux[eDesc[pe]]);
            int te = target == null ? -1 : target.table.get((int) call.arg(1));
            if (te >= 0) {
                d = eDesc[te];
                dRef[d]++;
            }
        }
        if (d < 0) {
            d = newDesc(-1, FdKind.UNKNOWN, -1, -1);
            unknownOrigin++;
        }
        install(t, pid, (int) call.ret(), d, true, nr, call.seq(), ts, ts);
    }

    // =====================================================================================
    // resolution
    // =====================================================================================

    /** The entry of fd, or the scratch unknown-fd handle after scratch (H_PATH or H_PATH2) set to fd. */
    private int resolveFd(SyscallView call, int fd, int scratch) {
        if (fd < 0) return -1;
        Table t = lookupTable(call.pid(), call.tid());
        int e = t == null ? -1 : t.get(fd);
        if (e >= 0) return e;
        eFd[scratch + 1] = fd;
        return scratch + 1;
    }

    /**
     * Resolves the path in pathArg against dirfdArg (-1: the cwd) into the scratch entry (H_PATH or
     * H_PATH2) and returns it; with no or an empty string, the dirfd's own handle (the cwd for
     * AT_FDCWD); -1 when there is nothing.
     */
    private int resolvePath(SyscallView call, int pathArg, int dirfdArg, FdKind kind, boolean mqName, int scratch) {
        int len = call.str(pathArg);
        if (len <= 0) {
            if (dirfdArg < 0) return -1;
            int dfd = (int) call.arg(dirfdArg);
            if (dfd != AT_FDCWD) return resolveFd(call, dfd, scratch);
            Proc p = procs.get(call.pid());
            if (p == null || p.cwd < 0) return -1;
            return scratchPath(scratch, p.cwd, FdKind.DIR);
        }
        MemorySegment seg = call.strSegment();
        long off = call.strOffset();
        if (mqName) {
            // glibc passes the name without its leading slash
            boolean slash = seg.get(ValueLayout.JAVA_BYTE, off) == '/';
            int id = slash ? prefixed(MQ_PREFIX, seg, off + 1, len - 1) : prefixed(MQ_PREFIX, seg, off, len);
            return scratchPath(scratch, id, kind);
        }
        byte[] base = null;
        if (seg.get(ValueLayout.JAVA_BYTE, off) != '/') {
            int baseId = -1;
            int dfd = dirfdArg < 0 ? AT_FDCWD : (int) call.arg(dirfdArg);
            if (dfd == AT_FDCWD) {
                Proc p = procs.get(call.pid());
                if (p != null) baseId = p.cwd;
            } else {
                Table t = lookupTable(call.pid(), call.tid());
                int e = t == null ? -1 : t.get(dfd);
                if (e >= 0) baseId = dPath[eDesc[e]];
            }
            if (isAbsolute(baseId)) base = paths.bytes(baseId);
        }
        int n = join.join(base, seg, off, len);
        return scratchPath(scratch, paths.intern(join.out, 0, n), kind);
    }

    private int scratchPath(int scratch, int pathId, FdKind kind) {
        dPath[scratch] = pathId;
        dKind[scratch] = (byte) kind.ordinal();
        eFd[scratch] = -1;
        return scratch;
    }

    private boolean isAbsolute(int pathId) {
        return pathId >= 0 && paths.length(pathId) > 0 && paths.bytes(pathId)[0] == '/';
    }

    // =====================================================================================
    // tables, tasks, processes
    // =====================================================================================

    private static final class Table {
        int[] dense = new int[16]; // entry + 1; 0 = none
        IntIntMap sparse;
        int count;
        /** Tasks using this table. */
        int ref;
        /** Processes whose main table this is. */
        int pidRefs;
        boolean dead;
        int minPid = Integer.MAX_VALUE;

        int get(int fd) {
            if (fd < 0) return -1;
            if (fd < dense.length) return dense[fd] - 1;
            if (fd < DENSE_MAX || sparse == null) return -1;
            return sparse.get(fd);
        }

        void put(int fd, int e) {
            if (fd < DENSE_MAX) {
                if (fd >= dense.length) dense = Arrays.copyOf(dense, Math.max(fd + 1, dense.length * 2));
                dense[fd] = e + 1;
            } else {
                if (sparse == null) sparse = new IntIntMap(16, -1);
                sparse.put(fd, e);
            }
            count++;
        }

        void remove(int fd) {
            if (fd < dense.length) {
                if (dense[fd] != 0) count--;
                dense[fd] = 0;
            } else if (fd >= DENSE_MAX && sparse != null && sparse.remove(fd) >= 0) {
                count--;
            }
        }

        int minPid() {
            return minPid;
        }
    }

    private static final class Proc {
        final int pid;
        Table table;
        int cwd = -1;
        final List<Task> tasks = new ArrayList<>(1);

        Proc(int pid) {
            this.pid = pid;
        }
    }

    private static final class Task {
        final int tid;
        final Proc proc;
        Table table;

        Task(int tid, Proc proc, Table table) {
            this.tid = tid;
            this.proc = proc;
            this.table = table;
        }
    }

    private Proc newProc(int pid, Table table) {
        Proc p = new Proc(pid);
        p.table = table;
        table.pidRefs++;
        table.minPid = Math.min(table.minPid, pid);
        procs.put(pid, p);
        return p;
    }

    private Task register(int tid, Proc p, Table table) {
        Task t = new Task(tid, p, table);
        table.ref++;
        p.tasks.add(t);
        tasks.put(tid, t);
        return t;
    }

    private Table detach(Task t) {
        tasks.remove(t.tid);
        t.proc.tasks.remove(t);
        t.table.ref--;
        return t.table;
    }

    /** Forgets a process whose last task is gone; returns the tables that lost a user. */
    private List<Table> dropProc(Proc p) {
        List<Table> out = new ArrayList<>();
        for (Task t : new ArrayList<>(p.tasks)) out.add(detach(t));
        procs.remove(p.pid);
        p.table.pidRefs--;
        out.add(p.table);
        return out;
    }

    private void maybeRelease(Table t, long ts) {
        if (t.ref <= 0 && t.pidRefs <= 0 && !t.dead) {
            t.dead = true;
            closeAll(t, ts, FdSink.EXIT);
        }
    }

    /** The task's table, registering the task (and its process) when new: the per-call path. */
    private Task task(int pid, int tid) {
        Task t = tasks.get(tid);
        if (t != null && t.proc.pid == pid) return t;
        return attach(pid, tid);
    }

    private Task attach(int pid, int tid) {
        Task old = tasks.get(tid);
        Table released = old == null ? null : detach(old);
        Proc p = procs.get(pid);
        if (p == null) p = newProc(pid, new Table());
        Task t = register(tid, p, p.table);
        if (released != null) maybeRelease(released, now);
        return t;
    }

    /** The table a call of (pid, tid) uses, without registering anything; null when unknown. */
    private Table lookupTable(int pid, int tid) {
        Task t = tasks.get(tid);
        if (t != null && t.proc.pid == pid) return t.table;
        Proc p = procs.get(pid);
        return p == null ? null : p.table;
    }

    /** unshare(CLONE_FILES) for one task: a private copy when someone else uses its table. */
    private void unshare(Task task) {
        Table tb = task.table;
        int others = tb.ref - 1 + tb.pidRefs - (task.proc.table == tb ? 1 : 0);
        if (others <= 0) return;
        Table copy = copy(tb, task.proc.pid);
        tb.ref--;
        copy.ref++;
        task.table = copy;
    }

    /** A new table with a copy of every entry of src (same descs), owned by pid. */
    private Table copy(Table src, int pid) {
        Table dst = new Table();
        dst.minPid = pid;
        int n = collect(src);
        for (int i = 0; i < n; i++) {
            int e = iter[i];
            int d = eDesc[e];
            dRef[d]++;
            int c = newEntry(d, pid, eFd[e], eCloexec[e], eOpenNr[e], eOpenSeq[e], eOpenTs[e]);
            dst.put(eFd[e], c);
        }
        return dst;
    }

    /** Lists the table's entries into iter, by ascending fd; returns how many. */
    private int collect(Table t) {
        if (iter.length < t.count) iter = new int[Math.max(t.count, iter.length * 2)];
        int n = 0;
        for (int fd = 0; fd < t.dense.length; fd++) {
            if (t.dense[fd] != 0) iter[n++] = t.dense[fd] - 1;
        }
        if (t.sparse != null && t.sparse.size() > 0) {
            if (sparseFds.length < t.sparse.size()) sparseFds = new int[t.sparse.size() * 2];
            int m = t.sparse.keys(sparseFds);
            Arrays.sort(sparseFds, 0, m);
            for (int i = 0; i < m; i++) iter[n++] = t.sparse.get(sparseFds[i]);
        }
        return n;
    }

    private void closeAll(Table t, long ts, String reason) {
        int n = collect(t);
        for (int i = 0; i < n; i++) closeEntry(t, iter[i], ts, reason);
    }

    // =====================================================================================
    // entries and descs
    // =====================================================================================

    /** The entry of fd, creating an unknown-origin one when the fd was never seen opened. */
    private int ensure(Table t, int pid, int fd) {
        int e = t.get(fd);
        if (e >= 0 || fd < 0) return e;
        unknownOrigin++;
        int d = newDesc(-1, FdKind.UNKNOWN, -1, -1);
        e = newEntry(d, pid, fd, false, OPENED_UNKNOWN, -1, -1);
        t.put(fd, e);
        return e;
    }

    /** Puts a new entry for desc d at fd, first ending a lifetime still recorded there (reason lost). */
    private void install(Table t, int pid, int fd, int d, boolean cloexec, int openNr, long seq, long openTs, long ts) {
        if (fd < 0) {
            releaseDesc(d);
            return;
        }
        int old = t.get(fd);
        if (old >= 0) {
            lost++;
            closeEntry(t, old, ts, FdSink.LOST);
        }
        t.put(fd, newEntry(d, pid, fd, cloexec, openNr, seq, openTs));
    }

    private void closeEntry(Table t, int e, long ts, String reason) {
        int fd = eFd[e];
        t.remove(fd);
        int d = eDesc[e];
        int flags = dFlags[d];
        if (flags != -1 && eCloexec[e]) flags |= O_CLOEXEC;
        int openNr = eOpenNr[e];
        String openedBy = openNr == OPENED_SNAPSHOT ? "snapshot"
                : openNr == OPENED_UNKNOWN ? "unknown"
                : syscalls[openNr].name();
        sink.fd(ePid[e], fd, paths.string(dPath[d]), FdKind.ofOrdinal(dKind[d]), SockAddr.familyName(dFamily[d]),
                addrs.string(dLocal[d]), addrs.string(dPeer[d]), openedBy, eOpenSeq[e], eOpenTs[e], ts, reason, flags);
        releaseDesc(d);
        if (eFreeCount == eFree.length) eFree = Arrays.copyOf(eFree, eFreeCount * 2);
        eFree[eFreeCount++] = e;
    }

    private int newEntry(int d, int pid, int fd, boolean cloexec, int openNr, long seq, long openTs) {
        int e;
        if (eFreeCount > 0) {
            e = eFree[--eFreeCount];
        } else {
            e = eCount++;
            if (e == eFd.length) growEntries();
        }
        eDesc[e] = d;
        ePid[e] = pid;
        eFd[e] = fd;
        eCloexec[e] = cloexec;
        eOpenNr[e] = openNr;
        eOpenSeq[e] = seq;
        eOpenTs[e] = openTs;
        return e;
    }

    private void growEntries() {
        int n = eFd.length * 2;
        eFd = Arrays.copyOf(eFd, n);
        ePid = Arrays.copyOf(ePid, n);
        eDesc = Arrays.copyOf(eDesc, n);
        eCloexec = Arrays.copyOf(eCloexec, n);
        eOpenNr = Arrays.copyOf(eOpenNr, n);
        eOpenSeq = Arrays.copyOf(eOpenSeq, n);
        eOpenTs = Arrays.copyOf(eOpenTs, n);
    }

    private int newDesc(int path, FdKind kind, int family, int flags) {
        int d;
        if (dFreeCount > 0) {
            d = dFree[--dFreeCount];
        } else {
            d = dCount++;
            if (d == dPath.length) growDescs();
        }
        dPath[d] = path;
        dKind[d] = (byte) kind.ordinal();
        dFamily[d] = family;
        dLocal[d] = -1;
        dPeer[d] = -1;
        dFlags[d] = flags;
        dAux[d] = -1;
        dRef[d] = 1;
        return d;
    }

    private void releaseDesc(int d) {
        if (--dRef[d] > 0) return;
        if (dFreeCount == dFree.length) dFree = Arrays.copyOf(dFree, dFreeCount * 2);
        dFree[dFreeCount++] = d;
    }

    private void growDescs() {
        int n = dPath.length * 2;
        dPath = Arrays.copyOf(dPath, n);
        dKind = Arrays.copyOf(dKind, n);
        dFamily = Arrays.copyOf(dFamily, n);
        dLocal = Arrays.copyOf(dLocal, n);
        dPeer = Arrays.copyOf(dPeer, n);
        dFlags = Arrays.copyOf(dFlags, n);
        dAux = Arrays.copyOf(dAux, n);
        dRef = Arrays.copyOf(dRef, n);
    }

    // =====================================================================================
    // inspection
    // =====================================================================================

    /** The interned paths: ids from {@link #pathId}. */
    public PathInterner paths() {
        return paths;
    }

    /** The current working directory of a process, null when unknown. */
    public String cwd(int pid) {
        Proc p = procs.get(pid);
        return p == null ? null : paths.string(p.cwd);
    }

    /** The handle of fd in the table of (pid, tid) now, -1 when it is not open there (does not create anything). */
    public int lookup(int pid, int tid, int fd) {
        Table t = lookupTable(pid, tid);
        return t == null ? -1 : t.get(fd);
    }

    /** Whether a handle from {@link #lookup} has close-on-exec set. */
    public boolean cloexec(int handle) {
        return handle >= 0 && eCloexec[handle];
    }

    /** How many fds were used without having been seen opened (unknown origin). */
    public long unknownOriginCount() {
        return unknownOrigin;
    }

    /** How many lifetimes ended with reason lost: a new fd took a number whose close was never seen. */
    public long lostCount() {
        return lost;
    }

    /** pipe/pipe2/socketpair calls that succeeded without the captured fd pair. */
    public long missingOutCount() {
        return missingOut;
    }
}

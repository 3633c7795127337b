package ior.bench;

import ior.syscalls.Syscall;
import ior.syscalls.SyscallTable;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;

/**
 * A deterministic, realistic stream of completed syscalls, as two processes of two threads each
 * would make them while reading and writing a few hundred files: openat (10% ENOENT; 20% of the
 * opens for writing), 1-6 reads, writes to the file or to stdout, fstat, close; every 8th file a
 * dup/write/close of the duplicate, every 16th a pipe2 with a write, a read and two closes; every
 * 4th file opened relative to a directory fd. Fd numbers are handed out lowest-first per process,
 * as the kernel does. The stream starts and ends with every fd it opened closed (but stdout), so
 * replaying it again and again leaves the fd state as it found it.
 */
public final class Workload {
    public static final SyscallTable TABLE = SyscallTable.x86_64();
    public static final int READ = nr("read"), WRITE = nr("write"), OPENAT = nr("openat"), CLOSE = nr("close"),
            FSTAT = nr("fstat"), DUP = nr("dup"), PIPE2 = nr("pipe2");
    static final int AT_FDCWD = -100;
    static final int O_RDONLY = 0, O_WRONLY = 1, O_CREAT = 0100, O_TRUNC = 01000, O_CLOEXEC = 02000000, O_DIRECTORY = 0200000;
    static final int ENOENT = 2;

    /** One completed call. */
    public static final class Call {
        public int pid, tid, nr;
        public long[] args;
        /** The path captured for strArg (bytes, no NUL), or null. */
        public byte[] path;
        public int strArg = -1;
        /** Two fds captured at exit for arg 0 (pipe2), or null. */
        public int[] outFds;
        public long ret;
        public long enterTs, exitTs;
    }

    private static int nr(String name) {
        Syscall s = TABLE.byName(name);
        if (s == null) throw new IllegalArgumentException(name);
        return s.nr();
    }

    /** The paths: nPaths files in a few directories, 30-60 bytes each. */
    public static byte[][] paths(int nPaths) {
        byte[][] p = new byte[nPaths][];
        String[] dirs = {"/usr/share/doc/libreoffice-common/", "/home/user/src/project/module/src/main/java/com/example/",
                "/var/lib/apt/lists/", "/etc/ssl/certs/", "/usr/lib/x86_64-linux-gnu/"};
        for (int i = 0; i < nPaths; i++) p[i] = (dirs[i % dirs.length] + "file-" + i + (i % 3 == 0 ? ".txt" : ".gz")).getBytes(StandardCharsets.UTF_8);
        return p;
    }

    private static final class Thread {
        final int pid, tid;
        final List<Call> pending = new ArrayList<>();
        Thread(int pid, int tid) {
            this.pid = pid;
            this.tid = tid;
        }
    }

    /**
     * Generates calls until at least {@code minCalls} are made, then lets every thread finish the
     * file it is on. Threads take turns call by call, so their calls interleave.
     */
    public static List<Call> generate(int minCalls, int nPaths, long seed) {
        Random rnd = new Random(seed);
        byte[][] paths = paths(nPaths);
        byte[] dir = "/usr/share/doc".getBytes(StandardCharsets.UTF_8);
        int[] pids = {1000, 2000};
        BitSet[] fdTables = {new BitSet(), new BitSet()};
        for (BitSet b : fdTables) b.set(0, 3); // stdin, stdout, stderr
        Thread[] threads = {new Thread(1000, 1000), new Thread(1000, 1001), new Thread(2000, 2000), new Thread(2000, 2001)};
        List<Call> out = new ArrayList<>();
        long[] ts = {1_000_000_000L};
        int[] cycle = new int[threads.length];
        // a directory fd per process, for openat(dirfd, relative)
        int[] dirFd = new int[2];
        for (int p = 0; p < 2; p++) {
            int fd = alloc(fdTables[p]);
            dirFd[p] = fd;
            out.add(call(ts, pids[p], pids[p], OPENAT, new long[]{AT_FDCWD, 0x7f0000001000L, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0}, 1, dir, fd));
        }
        boolean stopping = false;
        while (true) {
            boolean any = false;
            for (int t = 0; t < threads.length; t++) {
                Thread th = threads[t];
                if (th.pending.isEmpty()) {
                    if (stopping) continue;
                    int p = th.pid == 1000 ? 0 : 1;
                    fileCycle(th, fdTables[p], dirFd[p], paths, dir, cycle[t]++, rnd);
                }
                Call c = th.pending.removeFirst();
                c.enterTs = ts[0] += 150 + rnd.nextInt(200);
                c.exitTs = c.enterTs + 300 + rnd.nextInt(2000);
                ts[0] = c.exitTs;
                out.add(c);
                // a number is free again once its close has happened
                if (c.nr == CLOSE && c.ret == 0) fdTables[th.pid == 1000 ? 0 : 1].clear((int) c.args[0]);
                any = true;
            }
            if (!stopping && out.size() >= minCalls) stopping = true;
            if (stopping && !any) break;
        }
        for (int p = 0; p < 2; p++) {
            fdTables[p].clear(dirFd[p]);
            out.add(call(ts, pids[p], pids[p], CLOSE, new long[]{dirFd[p]}, -1, null, 0));
        }
        return out;
    }

    /**
     * Plans the calls of one file for a thread. Fds are reserved when planned and freed when their
     * close is emitted, so two threads of one process never hold the same number at once.
     */
    private static void fileCycle(Thread th, BitSet fds, int dirFd, byte[][] paths, byte[] dir, int n, Random rnd) {
        List<Call> q = th.pending;
        int pid = th.pid, tid = th.tid;
        long[] noTs = {0};
        byte[] path = paths[rnd.nextInt(paths.length)];
        boolean relative = n % 4 == 3;
        boolean forWrite = rnd.nextInt(5) == 0;
        int flags = forWrite ? O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC : O_RDONLY | O_CLOEXEC;
        byte[] shown = relative ? java.util.Arrays.copyOfRange(path, path.length - 12, path.length) : path;
        long dirArg = relative ? dirFd : AT_FDCWD;
        if (rnd.nextInt(10) == 0) {
            q.add(call(noTs, pid, tid, OPENAT, new long[]{dirArg, 0x7f0000002000L, flags, 0644}, 1, shown, -ENOENT));
            return;
        }
        int fd = alloc(fds);
        q.add(call(noTs, pid, tid, OPENAT, new long[]{dirArg, 0x7f0000002000L, flags, 0644}, 1, shown, fd));
        q.add(call(noTs, pid, tid, FSTAT, new long[]{fd, 0x7ffc00001000L}, -1, null, 0));
        int io = 1 + rnd.nextInt(6);
        for (int i = 0; i < io; i++) {
            if (forWrite) q.add(call(noTs, pid, tid, WRITE, new long[]{fd, 0x5600000000L, 4096}, -1, null, 4096));
            else q.add(call(noTs, pid, tid, READ, new long[]{fd, 0x5600000000L, 65536}, -1, null, i == io - 1 ? 0 : 1 + rnd.nextInt(65536)));
            if (rnd.nextBoolean()) q.add(call(noTs, pid, tid, WRITE, new long[]{1, 0x5600010000L, 80}, -1, null, 80));
        }
        if (n % 8 == 0) {
            int fd2 = alloc(fds);
            q.add(call(noTs, pid, tid, DUP, new long[]{fd}, -1, null, fd2));
            q.add(call(noTs, pid, tid, WRITE, new long[]{fd2, 0x5600000000L, 100}, -1, null, forWrite ? 100 : -9));
            q.add(call(noTs, pid, tid, CLOSE, new long[]{fd2}, -1, null, 0));
        }
        if (n % 16 == 0) {
            int a = alloc(fds), b = alloc(fds);
            Call pc = call(noTs, pid, tid, PIPE2, new long[]{0x7ffc00002000L, O_CLOEXEC}, -1, null, 0);
            pc.outFds = new int[]{a, b};
            q.add(pc);
            q.add(call(noTs, pid, tid, WRITE, new long[]{b, 0x5600000000L, 512}, -1, null, 512));
            q.add(call(noTs, pid, tid, READ, new long[]{a, 0x5600000000L, 512}, -1, null, 512));
            q.add(call(noTs, pid, tid, CLOSE, new long[]{a}, -1, null, 0));
            q.add(call(noTs, pid, tid, CLOSE, new long[]{b}, -1, null, 0));
        }
        q.add(call(noTs, pid, tid, CLOSE, new long[]{fd}, -1, null, 0));
    }

    private static int alloc(BitSet fds) {
        int fd = fds.nextClearBit(0);
        fds.set(fd);
        return fd;
    }

    private static Call call(long[] ts, int pid, int tid, int nr, long[] args, int strArg, byte[] path, long ret) {
        Call c = new Call();
        c.pid = pid;
        c.tid = tid;
        c.nr = nr;
        int nargs = TABLE.byNr(nr).nargs();
        c.args = java.util.Arrays.copyOf(args, nargs);
        c.strArg = strArg;
        c.path = path;
        c.ret = ret;
        if (ts[0] > 0) {
            c.enterTs = ts[0] += 200;
            c.exitTs = ts[0] += 500;
        }
        return c;
    }
}

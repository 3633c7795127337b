package ior.analyzer.ingest;

import ior.analyzer.decode.ArgFormatter;
import ior.analyzer.decode.FlagsColumn;
import ior.analyzer.fd.FdKind;
import ior.analyzer.fd.FdSink;
import ior.analyzer.fd.FdState;
import ior.analyzer.model.SyscallView;
import ior.analyzer.table.BatchBuilder;
import ior.format.Snapshot;
import ior.syscalls.ArgRole;
import ior.syscalls.ReturnClass;
import ior.syscalls.Syscall;
import ior.syscalls.SyscallTable;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Bridges the fd-state engine to the tables: for each syscall row, the fd it works on, what that
 * fd is and its path (as they were before the call), the source path of renames and links, and
 * the decoded flags; and one fds row per fd lifetime.
 */
final class FileTracker implements FdSink {
    interface StatSink {
        void stat(String name, long value, String severity, String description);
    }

    private static final int MAXNR = 1024;

    private final FdState fds;
    private final FlagsColumn flagsColumn;
    private final BatchBuilder fdRows;
    private final long bootToWall;
    private final int[] oldPathArg = new int[MAXNR];
    private final boolean[] returnsFd = new boolean[MAXNR];
    private byte[][] pathUtf8 = new byte[1024][];
    private final Map<String, byte[]> textBytes = new IdentityHashMap<>();
    private SyscallView current;
    private final java.util.function.IntToLongFunction currentArg = i -> current.arg(i);
    private Exception failure;
    private long fdLifetimes;

    FileTracker(SyscallTable table, BatchBuilder fdRows, long bootToWall) {
        this.fds = new FdState(table, this);
        this.flagsColumn = ArgFormatter.forTable(table);
        this.fdRows = fdRows;
        this.bootToWall = bootToWall;
        Arrays.fill(oldPathArg, -1);
        for (Syscall s : table.all()) {
            if (s.nr() < 0 || s.nr() >= MAXNR) continue;
            returnsFd[s.nr()] = s.ret() == ReturnClass.NEW_FD;
            // rename/link family: the first path is the source, reported as old_file
            switch (s.name()) {
                case "rename", "renameat", "renameat2", "link", "linkat", "symlink", "symlinkat" -> oldPathArg[s.nr()] = s.argIndex(ArgRole.PATH);
                default -> { }
            }
        }
    }

    void seed(Snapshot s) {
        fds.seed(s);
    }

    void fork(int parentTid, int parentPid, int childPid, int childTid, boolean sharesFiles, boolean thread, long ts) {
        fds.fork(parentPid, parentTid, childPid, childTid, sharesFiles, thread, ts);
    }

    void exec(int pid, int oldTid, long ts) {
        fds.exec(pid, oldTid, ts);
    }

    void exitTask(int pid, int tid, boolean groupDead, long ts) {
        fds.exitTask(pid, tid, groupDead, ts);
    }

    /** Fills what the fd state knows about the call, before the call's own effect is applied. */
    void describe(SyscallView call, SyscallRows.FileInfo out) {
        int nr = call.nr();
        int h = fds.resolve(call);
        if (h >= 0) {
            int fd = fds.fd(h);
            if (fd >= 0) {
                out.fd = fd;
                // A path-only call (stat, mkdir, a failed open) has a path but no fd: its "kind"
                // would be a guess from the name, so it is left NULL.
                FdKind k = fds.kind(h);
                if (k != null) out.kind = k.ordinal();
            }
            out.path = utf8(fds.pathId(h));
        }
        if (nr < MAXNR) {
            if (returnsFd[nr] && call.ok() && out.fd == Integer.MIN_VALUE) out.fd = (int) call.ret();
            if (oldPathArg[nr] >= 0) {
                String old = fds.resolvedPath(call, oldPathArg[nr]);
                if (old != null) out.oldPath = text(old);
            }
        }
        current = call;
        String flags = flagsColumn.flags(nr, currentArg);
        out.flagsBytes = flags == null ? null : text(flags);
    }

    private byte[] utf8(int pathId) {
        if (pathId < 0) return null;
        if (pathId >= pathUtf8.length) pathUtf8 = Arrays.copyOf(pathUtf8, Math.max(pathId + 1, pathUtf8.length * 2));
        byte[] b = pathUtf8[pathId];
        if (b == null) b = pathUtf8[pathId] = fds.paths().string(pathId).getBytes(StandardCharsets.UTF_8);
        return b;
    }

    /** Bytes of a string the decoders and the fd engine hand out (interned, so identity works). */
    private byte[] text(String s) {
        if (s == null) return null;
        byte[] b = textBytes.get(s);
        if (b == null) {
            b = s.getBytes(StandardCharsets.UTF_8);
            if (textBytes.size() < 1 << 16) textBytes.put(s, b);
        }
        return b;
    }

    void apply(SyscallView call) {
        fds.apply(call);
    }

    /**
     * After {@link #apply}: a call that returned a new fd (open of a directory, socket, accept,
     * eventfd, dup ...) reports that fd's kind, not the guess made from its path before the call;
     * a getdents or fchdir that showed its "file" to be a directory reports dir.
     */
    void describeAfterApply(SyscallView call, SyscallRows.FileInfo out) {
        int nr = call.nr();
        if (nr < 0 || nr >= MAXNR || !call.ok()) return;
        int fd = returnsFd[nr] ? (int) call.ret() : fds.provesDir(nr) ? out.fd : -1;
        if (fd < 0) return;
        int h = fds.lookup(call.pid(), call.tid(), fd);
        FdKind k = h >= 0 ? fds.kind(h) : null;
        if (k != null) out.kind = k.ordinal();
    }

    void finish(long endTs) throws Exception {
        fds.finish(endTs);
        if (failure != null) throw failure;
    }

    @Override
    public void fd(int pid, int fd, String path, FdKind kind, String family, String local, String peer, String openedBy,
                   long openSeq, long openTs, long closeTs, String closeReason, int flags) {
        if (failure != null) return;
        try {
            fdRows.setInt(0, pid);
            fdRows.setInt(1, fd);
            String shown = path != null ? path : peer != null ? peer : local;
            // every string here comes interned (paths, addresses, labels, syscall names): their
            // cached bytes, so a row allocates nothing
            fdRows.setBytes(2, text(shown));
            fdRows.setBytes(3, kind == null ? null : text(kind.label()));
            fdRows.setBytes(4, text(openedBy));
            if (openSeq >= 0) fdRows.setLong(5, openSeq);
            if (openTs >= 0) fdRows.setMicros(6, Math.floorDiv(openTs + bootToWall, 1000));
            if (closeTs >= 0) fdRows.setMicros(7, Math.floorDiv(closeTs + bootToWall, 1000));
            fdRows.setBytes(8, text(closeReason));
            if (flags != -1) fdRows.setInt(9, flags);
            fdRows.endRow();
            fdLifetimes++;
        } catch (Exception e) {
            failure = e;
        }
    }

    void addStats(StatSink sink) {
        sink.stat("fd_lifetimes", fdLifetimes, "info", "Rows of the fds table.");
        sink.stat("fd_unknown_origin", fds.unknownOriginCount(), "info", "fds used but never seen opened (opened before the recording, or by a lost record).");
        sink.stat("fd_lost_close", fds.lostCount(), "data_loss", "fd numbers reused without a recorded close (a close record was lost or not traced).");
        sink.stat("fd_missing_result", fds.missingOutCount(), "data_loss", "fd-creating calls whose result struct (pipe fds ...) was not captured.");
    }
}

package ior.analyzer.ingest;

import ior.analyzer.model.SyscallView;
import ior.analyzer.table.BatchBuilder;
import ior.analyzer.table.Col;
import ior.analyzer.table.TableDef;
import ior.analyzer.table.Tables;
import ior.syscalls.ArgRole;
import ior.syscalls.ReturnClass;
import ior.syscalls.Syscall;
import ior.syscalls.SyscallTable;

import org.apache.arrow.memory.BufferAllocator;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns a completed syscall into a stored row of the syscalls table: the columns that need the
 * fd state, the captured user memory or the return class (bytes, sleeps, timeouts, epoll events),
 * looked up by number in arrays built once. Columns that follow from the stored ones (syscall
 * name, errno, ts, offset ...) are left to the view (Tables.SYSCALLS). Strings go in as bytes; the
 * per-call path allocates nothing.
 *
 * <p>Each row goes to the narrowest of the table's stored parts that holds every column it fills
 * (Tables.SYSCALLS.storedParts()): DuckDB pays for a NULL almost what it pays for a value.
 */
final class SyscallRows {
    private static final int MAXNR = 1024;
    private static final int SEEK_DATA = 3;

    /** The stored parts, widest first (as Tables.SYSCALLS.storedParts()). */
    static final int FULL = 0, ARGS6 = 1, ARGS3 = 2, BARE = 3;

    private final BatchBuilder[] parts;
    /** Per part: the part's index of each full-row column, or -1 where the part lacks it. */
    private final int[][] colOf;
    private final long bootToWall;
    /** The row being written: its part's builder and column map. */
    private BatchBuilder b;
    private int[] ix;
    private final ReturnClass[] ret = new ReturnClass[MAXNR];
    private final Special[] special = new Special[MAXNR];

    private enum Special { NONE, NANOSLEEP, CLOCK_NANOSLEEP, POLL, PPOLL, SELECT, PSELECT, EPOLL_WAIT, EPOLL_PWAIT2, EPOLL_CTL, RECV }

    // column indexes (of the stored columns: the view computes the others from these)
    private static final int SEQ = col("seq"), TIME_NS = col("time_ns"), GAP = col("gap_ns"), LAT = col("latency_ns"),
            COMM = col("comm_id"), PID = col("pid"), TID = col("tid"), NR = col("nr"), FD = col("fd"), FD_KIND = col("fd_kind_code"),
            FILE = col("file"), OLD_FILE = col("old_file"), RET = col("ret"), BYTES = col("bytes"), FLAGS = col("flags"),
            SLEEP = col("requested_sleep_ns"), TIMEOUT = col("timeout_ns"), EPOLL_EVENTS = col("epoll_events"), ARG0 = col("arg0");

    private static int col(String n) {
        return Tables.SYSCALLS.index(n);
    }

    /** What the fd-state engine says about the call's fd and path, filled before each row. */
    static final class FileInfo {
        int fd = Integer.MIN_VALUE;   // MIN_VALUE: none
        int kind = -1;                // FdKind ordinal, -1: none
        byte[] path;
        byte[] oldPath;
        byte[] flagsBytes;

        void clear() {
            fd = Integer.MIN_VALUE;
            kind = -1;
            path = null;
            oldPath = null;
            flagsBytes = null;
        }
    }

    /** One builder per stored part of the syscalls table (widest first), each flushing to flusher. */
    static BatchBuilder[] builders(BufferAllocator alloc, int rows, BatchBuilder.Flusher flusher) {
        List<TableDef> ps = Tables.SYSCALLS.storedParts();
        BatchBuilder[] out = new BatchBuilder[ps.size()];
        for (int i = 0; i < out.length; i++) out[i] = new BatchBuilder(ps.get(i), alloc, rows, flusher);
        return out;
    }

    SyscallRows(SyscallTable table, BatchBuilder[] parts, long bootToWall) {
        List<TableDef> ps = Tables.SYSCALLS.storedParts();
        if (parts.length != ps.size() || ps.size() != BARE + 1) throw new IllegalArgumentException("syscalls has " + ps.size() + " stored parts, got " + parts.length);
        this.parts = parts;
        List<Col> full = Tables.SYSCALLS.storedColumns();
        colOf = new int[ps.size()][full.size()];
        for (int p = 0; p < ps.size(); p++) {
            if (parts[p].def() != ps.get(p)) throw new IllegalArgumentException("builder " + p + " is not for " + ps.get(p).name());
            for (int i = 0; i < full.size(); i++) colOf[p][i] = ps.get(p).find(full.get(i).name());
            // what add() sets in every row of the part (bytes: in every part that has it)
            for (int c : new int[] {SEQ, TIME_NS, GAP, PID, TID, NR, BYTES}) if (colOf[p][c] >= 0) parts[p].everyRow(colOf[p][c]);
        }
        this.bootToWall = bootToWall;
        java.util.Arrays.fill(special, Special.NONE);
        for (Syscall s : table.all()) {
            int nr = s.nr();
            if (nr < 0 || nr >= MAXNR) continue;
            ret[nr] = s.ret();
            special[nr] = switch (s.name()) {
                case "nanosleep" -> Special.NANOSLEEP;
                case "clock_nanosleep" -> Special.CLOCK_NANOSLEEP;
                case "poll" -> Special.POLL;
                case "ppoll" -> Special.PPOLL;
                case "select" -> Special.SELECT;
                case "pselect6" -> Special.PSELECT;
                case "epoll_wait", "epoll_pwait" -> Special.EPOLL_WAIT;
                case "epoll_pwait2" -> Special.EPOLL_PWAIT2;
                case "epoll_ctl" -> Special.EPOLL_CTL;
                case "recvfrom", "recvmsg", "recvmmsg" -> Special.RECV;
                default -> Special.NONE;
            };
        }
    }

    /** Rows written, over all parts. */
    long totalRows() {
        long n = 0;
        for (BatchBuilder p : parts) n += p.totalRows();
        return n;
    }

    void add(SyscallView c, long gapNs, int commId, FileInfo f) throws Exception {
        int nr = c.nr();
        boolean known = nr >= 0 && nr < MAXNR && ret[nr] != null;
        Special sp = known ? special[nr] : Special.NONE;
        int nargs = c.nargs();
        boolean ok = false;
        long r = 0;
        if (c.hasRet()) {
            r = c.ret();
            ok = !(r < 0 && r >= -4095);
        }
        long bytes = 0;
        ReturnClass rc = known ? ret[nr] : ReturnClass.STATUS;
        if (ok && r > 0 && (rc == ReturnClass.BYTES_READ || rc == ReturnClass.BYTES_WRITTEN || rc == ReturnClass.TRANSFER)) {
            bytes = r;
            if (sp == Special.RECV && nr != 299 /* recvmmsg counts messages */) {
                long flags = c.arg(3);
                if ((flags & 2) != 0) bytes = 0;                         // MSG_PEEK: nothing consumed
                else if ((flags & 0x20) != 0) bytes = Math.min(r, c.arg(2)); // MSG_TRUNC: real length, capped at the buffer
            }
        }
        // the narrowest part that holds every column this row fills (the bare part's bytes is 0)
        int part = f.oldPath != null || (sp != Special.NONE && sp != Special.RECV) ? FULL
                : nargs > 3 || f.flagsBytes != null ? ARGS6
                : nargs > 0 || f.fd != Integer.MIN_VALUE || f.kind >= 0 || f.path != null || bytes != 0 ? ARGS3 : BARE;
        b = parts[part];
        ix = colOf[part];
        long enter = c.enterTs();
        long wall = enter + bootToWall;
        b.putLong(ix[SEQ], c.seq());
        b.putLong(ix[TIME_NS], wall);
        b.putLong(ix[GAP], gapNs);
        if (c.hasRet()) {
            b.setLong(ix[LAT], c.exitTs() - enter);
            b.setLong(ix[RET], r);
        }
        if (commId >= 0) b.setInt(ix[COMM], commId);
        b.putInt(ix[PID], c.pid());
        b.putInt(ix[TID], c.tid());
        b.putInt(ix[NR], nr);
        for (int i = 0; i < nargs; i++) b.setLong(ix[ARG0 + i], c.arg(i));
        if (sp != Special.NONE && sp != Special.RECV) memoryColumns(c, sp);
        if (ix[BYTES] >= 0) b.putLong(ix[BYTES], bytes); // the bare part has none: its bytes is 0

        if (f.fd != Integer.MIN_VALUE) b.setInt(ix[FD], f.fd);
        if (f.kind >= 0) b.setShort(ix[FD_KIND], (short) f.kind);
        if (f.path != null) b.setBytes(ix[FILE], f.path);
        if (f.oldPath != null) b.setBytes(ix[OLD_FILE], f.oldPath);
        if (f.flagsBytes != null) b.setBytes(ix[FLAGS], f.flagsBytes);
        b.endRow();
    }

    /**
     * The columns read from captured memory or from arguments of a few calls (sleeps, polls,
     * epoll): out of add(), which most rows pass without, so the JIT compiles add() small.
     */
    private void memoryColumns(SyscallView c, Special sp) {
        switch (sp) {
            case NANOSLEEP -> timespec(c, 0, ix[SLEEP]);
            case CLOCK_NANOSLEEP -> { if ((c.arg(1) & 1) == 0) timespec(c, 2, ix[SLEEP]); }
            case POLL -> {
                int ms = (int) c.arg(2);
                b.setLong(ix[TIMEOUT], ms < 0 ? -1 : ms * 1_000_000L);
            }
            case PPOLL -> {
                if (c.arg(2) == 0) b.setLong(ix[TIMEOUT], -1);
                else timespec(c, 2, ix[TIMEOUT]);
            }
            case SELECT, PSELECT -> {
                if (c.arg(4) == 0) b.setLong(ix[TIMEOUT], -1);
                else if (c.in(4) >= 16) {
                    MemorySegment s = c.bufSegment();
                    long sec = s.get(ValueLayout.JAVA_LONG_UNALIGNED, c.bufOffset());
                    long frac = s.get(ValueLayout.JAVA_LONG_UNALIGNED, c.bufOffset() + 8);
                    b.setLong(ix[TIMEOUT], sec * 1_000_000_000L + (sp == Special.SELECT ? frac * 1000 : frac));
                }
            }
            case EPOLL_WAIT -> {
                int ms = (int) c.arg(3);
                b.setLong(ix[TIMEOUT], ms < 0 ? -1 : ms * 1_000_000L);
            }
            case EPOLL_PWAIT2 -> {
                if (c.arg(3) == 0) b.setLong(ix[TIMEOUT], -1);
                else timespec(c, 3, ix[TIMEOUT]);
            }
            case EPOLL_CTL -> {
                if (c.in(3) >= 4) b.setLong(ix[EPOLL_EVENTS], Integer.toUnsignedLong(c.bufSegment().get(ValueLayout.JAVA_INT_UNALIGNED, c.bufOffset())));
            }
            default -> { }
        }
    }

    /** A struct timespec captured for arg i -> ns in column col. */
    private void timespec(SyscallView c, int arg, int col) {
        if (c.in(arg) < 16) return;
        MemorySegment s = c.bufSegment();
        long sec = s.get(ValueLayout.JAVA_LONG_UNALIGNED, c.bufOffset());
        long ns = s.get(ValueLayout.JAVA_LONG_UNALIGNED, c.bufOffset() + 8);
        b.setLong(col, sec * 1_000_000_000L + ns);
    }

}

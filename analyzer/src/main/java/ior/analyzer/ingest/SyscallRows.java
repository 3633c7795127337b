package ior.analyzer.ingest;

import ior.analyzer.model.SyscallView;
import ior.analyzer.table.BatchBuilder;
import ior.analyzer.table.Tables;
import ior.syscalls.ArgRole;
import ior.syscalls.ReturnClass;
import ior.syscalls.Syscall;
import ior.syscalls.SyscallTable;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Turns a completed syscall into a row of the syscalls table: derived columns (bytes, offset,
 * sleeps, timeouts, epoll) come from the syscall table's roles and return classes, looked up by
 * number in arrays built once. Strings go in as bytes; the per-call path allocates nothing.
 */
final class SyscallRows {
    private static final int MAXNR = 1024;
    private static final int SEEK_DATA = 3;

    private final BatchBuilder b;
    private final long bootToWall;
    private final byte[][] name = new byte[MAXNR][], family = new byte[MAXNR][], kind = new byte[MAXNR][];
    private final ReturnClass[] ret = new ReturnClass[MAXNR];
    private final int[] offsetArg = new int[MAXNR];
    private final byte[][] errnoNames;
    private final Special[] special = new Special[MAXNR];
    private static final byte[][] EPOLL_OPS = {null, "ADD".getBytes(), "DEL".getBytes(), "MOD".getBytes()};

    private enum Special { NONE, NANOSLEEP, CLOCK_NANOSLEEP, POLL, PPOLL, SELECT, PSELECT, EPOLL_WAIT, EPOLL_PWAIT2, EPOLL_CTL, MMAP, MUNMAP, MREMAP, RECV }

    // column indexes
    private static final int SEQ = col("seq"), TIME_NS = col("time_ns"), TS = col("ts"), GAP = col("gap_ns"), LAT = col("latency_ns"),
            COMM = col("comm"), PID = col("pid"), TID = col("tid"), SYSCALL = col("syscall"), NR = col("nr"), FAMILY = col("family"),
            KIND = col("kind"), FD = col("fd"), FD_KIND = col("fd_kind"), FILE = col("file"), OLD_FILE = col("old_file"), RET = col("ret"),
            IS_ERROR = col("is_error"), ERRNO = col("errno"), RESTARTED = col("restarted"), BYTES = col("bytes"),
            AS_BYTES = col("address_space_bytes"), OFFSET = col("offset"), FLAGS = col("flags"), SLEEP = col("requested_sleep_ns"),
            NFDS = col("nfds"), TIMEOUT = col("timeout_ns"), EPOLL_OP = col("epoll_op"), EPOLL_FD = col("epoll_target_fd"),
            EPOLL_EVENTS = col("epoll_events"), ARG0 = col("arg0");

    private static int col(String n) {
        return Tables.SYSCALLS.index(n);
    }

    /** What the fd-state engine says about the call's fd and path, filled before each row. */
    static final class FileInfo {
        int fd = Integer.MIN_VALUE;   // MIN_VALUE: none
        byte[] kind;
        byte[] path;
        byte[] oldPath;
        byte[] flagsBytes;

        void clear() {
            fd = Integer.MIN_VALUE;
            kind = null;
            path = null;
            oldPath = null;
            flagsBytes = null;
        }
    }

    SyscallRows(SyscallTable table, BatchBuilder b, long bootToWall, byte[][] errnoNames) {
        this.b = b;
        this.bootToWall = bootToWall;
        this.errnoNames = errnoNames;
        java.util.Arrays.fill(offsetArg, -1);
        java.util.Arrays.fill(special, Special.NONE);
        for (Syscall s : table.all()) {
            int nr = s.nr();
            if (nr < 0 || nr >= MAXNR) continue;
            name[nr] = s.name().getBytes(StandardCharsets.UTF_8);
            family[nr] = s.family().displayName().getBytes(StandardCharsets.UTF_8);
            kind[nr] = s.kind().getBytes(StandardCharsets.UTF_8);
            ret[nr] = s.ret();
            offsetArg[nr] = s.argIndex(ArgRole.OFFSET);
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
                case "mmap" -> Special.MMAP;
                case "munmap" -> Special.MUNMAP;
                case "mremap" -> Special.MREMAP;
                case "recvfrom", "recvmsg", "recvmmsg" -> Special.RECV;
                default -> Special.NONE;
            };
        }
    }

    void add(SyscallView c, long gapNs, byte[] comm, FileInfo f) throws Exception {
        int nr = c.nr();
        boolean known = nr < MAXNR && name[nr] != null;
        long enter = c.enterTs();
        long wall = enter + bootToWall;
        b.setLong(SEQ, c.seq());
        b.setLong(TIME_NS, wall);
        b.setMicros(TS, Math.floorDiv(wall, 1000));
        b.setLong(GAP, gapNs);
        if (c.hasRet()) b.setLong(LAT, c.exitTs() - enter);
        b.setBytes(COMM, comm);
        b.setInt(PID, c.pid());
        b.setInt(TID, c.tid());
        b.setInt(NR, nr);
        if (known) {
            b.setBytes(SYSCALL, name[nr]);
            b.setBytes(FAMILY, family[nr]);
            b.setBytes(KIND, kind[nr]);
        } else {
            b.setText(SYSCALL, "syscall_" + nr);
        }
        for (int i = 0; i < c.nargs(); i++) b.setLong(ARG0 + i, c.arg(i));

        boolean ok = false;
        long r = 0;
        if (c.hasRet()) {
            r = c.ret();
            b.setLong(RET, r);
            boolean restart = r == -512 || r == -513 || r == -514 || r == -516;
            boolean err = r < 0 && r >= -4095 && !restart;
            ok = !(r < 0 && r >= -4095);
            b.setBool(IS_ERROR, err);
            b.setBool(RESTARTED, restart);
            if (r < 0 && r >= -4095) {
                int e = (int) -r;
                if (e < errnoNames.length && errnoNames[e] != null) b.setBytes(ERRNO, errnoNames[e]);
                else b.setText(ERRNO, "E" + e);
            }
        }
        long bytes = 0, asBytes = 0;
        ReturnClass rc = known ? ret[nr] : ReturnClass.STATUS;
        if (ok && r > 0 && (rc == ReturnClass.BYTES_READ || rc == ReturnClass.BYTES_WRITTEN || rc == ReturnClass.TRANSFER)) {
            bytes = r;
            if (known && special[nr] == Special.RECV && nr != 299 /* recvmmsg counts messages */) {
                long flags = c.arg(3);
                if ((flags & 2) != 0) bytes = 0;                         // MSG_PEEK: nothing consumed
                else if ((flags & 0x20) != 0) bytes = Math.min(r, c.arg(2)); // MSG_TRUNC: real length, capped at the buffer
            }
        }
        if (known) switch (special[nr]) {
            case MMAP, MUNMAP -> { if (ok) asBytes = c.arg(1); }
            case MREMAP -> { if (ok) asBytes = c.arg(2); }
            case NANOSLEEP -> timespec(c, 0, SLEEP);
            case CLOCK_NANOSLEEP -> { if ((c.arg(1) & 1) == 0) timespec(c, 2, SLEEP); }
            case POLL -> {
                b.setInt(NFDS, (int) c.arg(1));
                int ms = (int) c.arg(2);
                b.setLong(TIMEOUT, ms < 0 ? -1 : ms * 1_000_000L);
            }
            case PPOLL -> {
                b.setInt(NFDS, (int) c.arg(1));
                if (c.arg(2) == 0) b.setLong(TIMEOUT, -1);
                else timespec(c, 2, TIMEOUT);
            }
            case SELECT, PSELECT -> {
                b.setInt(NFDS, (int) c.arg(0));
                if (c.arg(4) == 0) b.setLong(TIMEOUT, -1);
                else if (c.in(4) >= 16) {
                    MemorySegment s = c.bufSegment();
                    long sec = s.get(ValueLayout.JAVA_LONG_UNALIGNED, c.bufOffset());
                    long frac = s.get(ValueLayout.JAVA_LONG_UNALIGNED, c.bufOffset() + 8);
                    b.setLong(TIMEOUT, sec * 1_000_000_000L + (special[nr] == Special.SELECT ? frac * 1000 : frac));
                }
            }
            case EPOLL_WAIT -> {
                b.setInt(NFDS, (int) c.arg(2));
                int ms = (int) c.arg(3);
                b.setLong(TIMEOUT, ms < 0 ? -1 : ms * 1_000_000L);
            }
            case EPOLL_PWAIT2 -> {
                b.setInt(NFDS, (int) c.arg(2));
                if (c.arg(3) == 0) b.setLong(TIMEOUT, -1);
                else timespec(c, 3, TIMEOUT);
            }
            case EPOLL_CTL -> {
                int op = (int) c.arg(1);
                if (op >= 1 && op <= 3) b.setBytes(EPOLL_OP, EPOLL_OPS[op]);
                b.setInt(EPOLL_FD, (int) c.arg(2));
                if (c.in(3) >= 4) b.setLong(EPOLL_EVENTS, Integer.toUnsignedLong(c.bufSegment().get(ValueLayout.JAVA_INT_UNALIGNED, c.bufOffset())));
            }
            default -> { }
        }
        b.setLong(BYTES, bytes);
        b.setLong(AS_BYTES, asBytes);
        if (known && offsetArg[nr] >= 0 && offsetArg[nr] < c.nargs()) b.setLong(OFFSET, c.arg(offsetArg[nr]));

        if (f.fd != Integer.MIN_VALUE) b.setInt(FD, f.fd);
        b.setBytes(FD_KIND, f.kind);
        b.setBytes(FILE, f.path);
        b.setBytes(OLD_FILE, f.oldPath);
        b.setBytes(FLAGS, f.flagsBytes);
        b.endRow();
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

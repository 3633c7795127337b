package ior.analyzer.print;

import ior.analyzer.cli.ResultPrinter;
import ior.analyzer.decode.ArgFormatter;
import ior.analyzer.decode.Errno;
import ior.analyzer.decode.FlagsColumn;
import ior.syscalls.ArgRole;
import ior.syscalls.ReturnClass;
import ior.syscalls.Syscall;
import ior.syscalls.SyscallTable;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One syscall as strace -f -tt -y -T prints it:
 * {@code 21:59:21.606913  4242 workload   openat(AT_FDCWD, "/etc/hostname", O_RDONLY) = 3</etc/hostname> <0.000012>}.
 * Arguments are rendered by their role in the syscall table: fds with the path they refer to
 * ({@code -y}), paths as quoted strings, flags decoded, pointers in hex. Everything from the trace
 * (paths, comm) is escaped, so a file name cannot drive the terminal. Rows come paired, so there
 * are no "unfinished/resumed" lines; a call with no recorded exit ends in {@code = ?}.
 */
public final class StraceFormat {
    /** How the time column is shown. */
    public enum Time { clock, relative, epoch, none }

    private static final int AT_FDCWD = -100;
    private static final long O_CREAT = 0x40, O_TMPFILE = 0x400000;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final SyscallTable table = SyscallTable.x86_64();
    private final FlagsColumn flagsColumn = ArgFormatter.x86_64();
    private final Time time;
    private final long origin;
    private long clockSecond = Long.MIN_VALUE;
    private String clockText;

    /** origin: the time relative times count from (ns since the epoch). */
    public StraceFormat(Time time, long origin) {
        this.time = time;
        this.origin = origin;
    }

    /** One row of the syscalls table; the fields are reused from row to row. */
    public static final class Row {
        public long timeNs;
        public int pid, tid, nr;
        public String comm, syscall, file, oldFile, flags;
        public final long[] args = new long[6];
        public int fd;
        public long ret, latencyNs;
        /** False where the column is NULL: no fd, no recorded exit, no latency. */
        public boolean hasFd, hasRet, hasLatency;
    }

    /** Appends the line for r (no newline). */
    public void append(StringBuilder sb, Row r) {
        appendTime(sb, r.timeNs);
        String pid = r.pid == r.tid ? Integer.toString(r.pid) : r.pid + "/" + r.tid;
        for (int i = pid.length(); i < 7; i++) sb.append(' ');
        sb.append(pid).append(' ');
        int mark = sb.length();
        ResultPrinter.appendVisible(sb, r.comm == null ? "?" : r.comm);
        for (int i = sb.length() - mark; i < 15; i++) sb.append(' ');
        sb.append(' ');
        Syscall s = table.byNr(r.nr);
        sb.append(r.syscall != null ? r.syscall : s != null ? s.name() : "syscall_" + r.nr).append('(');
        if (s == null) rawArgs(sb, r);
        else args(sb, s, r);
        sb.append(") = ");
        result(sb, s, r);
        if (r.hasLatency) {
            sb.append(" <");
            seconds(sb, r.latencyNs);
            sb.append('>');
        }
    }

    private void appendTime(StringBuilder sb, long ns) {
        switch (time) {
            case none -> { return; }
            case epoch -> seconds(sb, ns);
            case relative -> seconds(sb, ns - origin);
            case clock -> {
                long sec = Math.floorDiv(ns, 1_000_000_000L);
                if (sec != clockSecond) {
                    clockSecond = sec;
                    clockText = CLOCK.format(Instant.ofEpochSecond(sec));
                }
                sb.append(clockText).append('.');
                pad(sb, Math.floorMod(ns, 1_000_000_000L) / 1000, 6);
            }
        }
        sb.append(' ');
    }

    /** ns as seconds with six decimals: 0.000012. */
    private static void seconds(StringBuilder sb, long ns) {
        if (ns < 0) {
            sb.append('-');
            ns = -ns;
        }
        sb.append(ns / 1_000_000_000L).append('.');
        pad(sb, (ns % 1_000_000_000L) / 1000, 6);
    }

    private static void pad(StringBuilder sb, long v, int digits) {
        String s = Long.toString(v);
        for (int i = s.length(); i < digits; i++) sb.append('0');
        sb.append(s);
    }

    private static void rawArgs(StringBuilder sb, Row r) {
        for (int i = 0; i < r.args.length; i++) {
            if (i > 0) sb.append(", ");
            hex(sb, r.args[i]);
        }
    }

    private void args(StringBuilder sb, Syscall s, Row r) {
        int[] decoded = flagsColumn.argIndices(s.nr());
        String[] texts = r.flags == null || decoded.length == 0 ? null : r.flags.split(",", decoded.length);
        int paths = 0, pathCount = 0;
        for (ArgRole role : s.args()) if (role == ArgRole.PATH) pathCount++;
        boolean twoPaths = pathCount == 2 && r.oldFile != null;
        for (int i = 0; i < s.nargs(); i++) {
            ArgRole role = s.args().get(i);
            long v = r.args[i];
            if (role == ArgRole.MODE && omitMode(s, r, i)) continue;
            if (i > 0) sb.append(", ");
            String text = texts == null ? null : textFor(decoded, texts, i);
            if (text != null) {
                sb.append(text);
                continue;
            }
            switch (role) {
                case FD -> fd(sb, (int) v, r);
                case DIRFD -> {
                    if ((int) v == AT_FDCWD) sb.append("AT_FDCWD");
                    else sb.append((int) v);
                }
                case PATH -> {
                    String p = twoPaths ? (paths == 0 ? r.oldFile : r.file) : paths == 0 ? r.file : null;
                    paths++;
                    if (p != null) quoted(sb, p);
                    else pointer(sb, v);
                }
                case FLAGS, CMD -> { if (v == 0) sb.append('0'); else hex(sb, v); }
                case MODE -> mode(sb, v);
                case PTR, ADDR, STR -> pointer(sb, v);
                default -> sb.append(v);
            }
        }
    }

    private static String textFor(int[] decoded, String[] texts, int arg) {
        for (int k = 0; k < decoded.length && k < texts.length; k++) if (decoded[k] == arg) return texts[k];
        return null;
    }

    /** strace shows open's mode only when the flags create a file. */
    private static boolean omitMode(Syscall s, Row r, int modeIndex) {
        if (!"open".equals(s.kind())) return false;
        int f = s.argIndex(ArgRole.FLAGS);
        return f >= 0 && f < modeIndex && (r.args[f] & (O_CREAT | O_TMPFILE)) == 0;
    }

    /** An fd; -y style with the path when the row's fd is this one and its path is known. */
    private static void fd(StringBuilder sb, int fd, Row r) {
        sb.append(fd);
        if (r.file != null && r.hasFd && r.fd == fd) {
            sb.append('<');
            ResultPrinter.appendVisible(sb, r.file);
            sb.append('>');
        }
    }

    private void result(StringBuilder sb, Syscall s, Row r) {
        if (!r.hasRet) {
            sb.append('?');
            return;
        }
        long ret = r.ret;
        if (Errno.isRestart(ret)) {
            int e = Errno.errno(ret);
            sb.append("? ").append(Errno.nameOf(e)).append(" (").append(Errno.message(e)).append(')');
            return;
        }
        if (Errno.isError(ret)) {
            int e = Errno.errno(ret);
            sb.append("-1 ").append(Errno.nameOf(e)).append(" (").append(Errno.message(e)).append(')');
            return;
        }
        ReturnClass rc = s == null ? ReturnClass.VALUE : s.ret();
        switch (rc) {
            case ADDRESS -> hex(sb, ret);
            case NEW_FD -> fd(sb, (int) ret, r);
            default -> sb.append(ret);
        }
    }

    private static void pointer(StringBuilder sb, long v) {
        if (v == 0) sb.append("NULL");
        else hex(sb, v);
    }

    private static void hex(StringBuilder sb, long v) {
        sb.append("0x").append(Long.toHexString(v));
    }

    private static void mode(StringBuilder sb, long v) {
        long m = v & 07777;
        sb.append(m == 0 ? "000" : "0" + Long.toOctalString(m));
    }

    /** A C string as strace prints it: in quotes, with quotes, backslashes and control characters escaped. */
    static void quoted(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') sb.append('\\').append(c);
            else if (ResultPrinter.isControlChar(c)) ResultPrinter.appendVisible(sb, String.valueOf(c));
            else sb.append(c);
        }
        sb.append('"');
    }
}

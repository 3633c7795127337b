package ior.analyzer.table;

import ior.analyzer.decode.Errno;
import ior.analyzer.fd.FdKind;
import ior.syscalls.ArgRole;
import ior.syscalls.Syscall;
import ior.syscalls.SyscallTable;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The syscalls columns that follow from others, as SQL over the stored row: the name, family and
 * kind from nr; errno, is_error and restarted from ret; ts from time_ns; the offset, nfds and
 * epoll_ctl columns from the raw args. The view computes them at query time, so the load writes
 * none of them (docs/benchmarks.md "Narrow stored row"). Each one equals what SyscallRows used to
 * store; SyscallViewTest checks them against the Java decoders on every syscall.
 */
public final class SyscallSql {
    private SyscallSql() {}

    private static final SyscallTable TABLE = SyscallTable.x86_64();

    /** A return in -4095..-1: an errno (restart codes included). */
    private static final String ERR_RANGE = "(ret < 0 AND ret >= -" + Errno.MAX_ERRNO + ")";
    private static final String RESTART = "ret IN (-512, -513, -514, -516)";

    /**
     * Stands for the list literal of the trace's thread names in {@link #COMM}: known only at the
     * end of the ingest, which puts it in ({@link #withComms}).
     */
    static final String COMMS = "$IOR_COMMS$";
    static final String COMM = "(" + COMMS + ")[comm_id + 1]";
    static final String FD_KIND = "(" + list(java.util.Arrays.stream(FdKind.values()).map(FdKind::label).toArray(String[]::new)) + ")[fd_kind_code + 1]";
    static final String TS = "make_timestamp(time_ns // 1000)";
    private static final int MAX_NR = maxNr();
    /** Numbers without a syscall are named syscall_NR in the list too: a CASE per row is cheap, a coalesce is not. */
    static final String SYSCALL = byNr(Syscall::name, "syscall_") + " ELSE 'syscall_' || nr END";
    static final String FAMILY = byNr(s -> s.family().displayName(), null) + " END";
    static final String KIND = byNr(Syscall::kind, null) + " END";
    static final String IS_ERROR = ERR_RANGE + " AND NOT " + RESTART;
    static final String RESTARTED = RESTART;
    static final String ERRNO = "CASE WHEN ret < 0 AND ret >= -" + Errno.MAX_NAMED + " THEN " + errnoList() + "[-ret] WHEN " + ERR_RANGE
            + " THEN 'E' || -ret END";
    static final String OFFSET = offset();
    static final String NFDS = "CASE WHEN nr IN (" + nrs("poll", "ppoll") + ") THEN " + int32("arg1")
            + " WHEN nr IN (" + nrs("select", "pselect6") + ") THEN " + int32("arg0")
            + " WHEN nr IN (" + nrs("epoll_wait", "epoll_pwait", "epoll_pwait2") + ") THEN " + int32("arg2") + " END";
    static final String EPOLL_OP = "CASE WHEN nr = " + nrs("epoll_ctl") + " THEN CASE " + int32("arg1")
            + " WHEN 1 THEN 'ADD' WHEN 2 THEN 'DEL' WHEN 3 THEN 'MOD' END END";
    static final String EPOLL_TARGET_FD = "CASE WHEN nr = " + nrs("epoll_ctl") + " THEN " + int32("arg2") + " END";
    /** mmap and munmap map or unmap arg1 bytes, mremap ends with arg2; only when they succeeded. */
    static final String ADDRESS_SPACE_BYTES = "CASE WHEN ret IS NULL OR " + ERR_RANGE + " THEN 0 WHEN nr IN (" + nrs("mmap", "munmap")
            + ") THEN arg1 WHEN nr = " + nrs("mremap") + " THEN arg2 ELSE 0 END";

    /** The view SQL with the trace's thread names (by id) in place of {@link #COMMS}. */
    public static String withComms(String viewSql, List<String> comms) {
        return viewSql.replace(COMMS, list(comms.toArray(String[]::new)));
    }

    private static int maxNr() {
        int max = 0;
        for (Syscall s : TABLE.all()) max = Math.max(max, s.nr());
        return max;
    }

    /**
     * The start of a CASE that looks a per-syscall text up by nr in a list literal; a number not in
     * the table gets unknownPrefix + nr (or NULL). The caller ends the CASE.
     */
    private static String byNr(Function<Syscall, String> f, String unknownPrefix) {
        String[] v = new String[MAX_NR + 1];
        for (int nr = 0; nr <= MAX_NR; nr++) {
            Syscall s = TABLE.byNr(nr);
            v[nr] = s != null ? f.apply(s) : unknownPrefix != null ? unknownPrefix + nr : null;
        }
        return "CASE WHEN nr >= 0 AND nr <= " + MAX_NR + " THEN " + list(v) + "[nr + 1]";
    }

    private static String errnoList() {
        String[] v = new String[Errno.MAX_NAMED];
        for (int e = 1; e <= Errno.MAX_NAMED; e++) v[e - 1] = Errno.nameOf(e);
        return list(v);
    }

    private static String list(String[] v) {
        StringBuilder sb = new StringBuilder("([");
        for (int i = 0; i < v.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(v[i] == null ? "NULL" : "'" + v[i].replace("'", "''") + "'");
        }
        return sb.append("]::VARCHAR[])").toString();
    }

    /** The raw arg that is a file offset (pread64, pwrite64, lseek ...). */
    private static String offset() {
        StringBuilder sb = new StringBuilder("CASE nr");
        for (Syscall s : TABLE.all()) {
            int i = s.argIndex(ArgRole.OFFSET);
            if (i >= 0) sb.append(" WHEN ").append(s.nr()).append(" THEN arg").append(i);
        }
        return sb.append(" END").toString();
    }

    private static String nrs(String... names) {
        List<String> out = new ArrayList<>();
        for (String n : names) out.add(Integer.toString(TABLE.byName(n).nr()));
        return String.join(", ", out);
    }

    /** The low 32 bits of a raw arg as a signed int, as C (and Java's (int) cast) read an int argument. */
    private static String int32(String arg) {
        return "CAST(xor(" + arg + " & 4294967295, 2147483648) - 2147483648 AS INTEGER)";
    }
}

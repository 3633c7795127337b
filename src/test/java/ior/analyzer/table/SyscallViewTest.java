package ior.analyzer.table;

import ior.analyzer.decode.Errno;
import ior.analyzer.fd.FdKind;
import ior.syscalls.ArgRole;
import ior.syscalls.Syscall;
import ior.syscalls.SyscallTable;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The syscalls view computes a dozen columns from the stored row. Each must equal what the Java
 * decoders say: every syscall number (and some unknown ones), returns around every boundary
 * (errors, restarts, -4096, addresses, no exit), and raw args with high bits set where the
 * argument is a C int.
 */
class SyscallViewTest {
    private static final SyscallTable TABLE = SyscallTable.x86_64();
    private static final List<String> COMMS = List.of("dd", "it's", "Web Content", "");
    private static final Long[] RETS = {null, 0L, 5L, -1L, -2L, -512L, -516L, -4095L, -4096L, 0x7f12_3456_7000L};
    private static final long[] ARGS = {7, 0x1_0000_0005L, -1, 0x8000_0000L, 2, 3};

    @Test
    void computedColumnsEqualTheJavaDecoders() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            for (String sql : Tables.SYSCALLS.createStoredSql()) st.execute(sql);
            StringBuilder rets = new StringBuilder();
            for (int i = 0; i < RETS.length; i++) rets.append(i > 0 ? ", " : "").append('(').append(i).append(", ").append(RETS[i]).append(')');
            // each row rotates the args by its ret index, so every arg position sees every value;
            // args beyond ret index 8 are NULL, as for a syscall that takes fewer
            st.execute("INSERT INTO " + Tables.SYSCALLS.storedName() + " (seq, time_ns, nr, ret, comm_id, fd_kind_code, arg0, arg1, arg2, arg3, arg4, arg5) "
                    + "SELECT row_number() OVER (), 1700000000123456789 + nr * 1001, nr, ret, "
                    + "CASE WHEN k = 0 THEN NULL ELSE k % " + COMMS.size() + " END, CASE WHEN k = 1 THEN NULL ELSE k % " + FdKind.values().length + " END, "
                    + argSql(0) + ", " + argSql(1) + ", " + argSql(2) + ", " + argSql(3) + ", " + argSql(4) + ", " + argSql(5)
                    + " FROM range(-1, 470) r(nr), (VALUES " + rets + ") v(k, ret)");
            st.execute(SyscallSql.withComms(Tables.SYSCALLS.createViewSql(), COMMS));
            int rows = 0;
            try (ResultSet rs = st.executeQuery("SELECT * FROM syscalls ORDER BY seq")) {
                while (rs.next()) {
                    rows++;
                    check(rs);
                }
            }
            assertEquals(471 * RETS.length, rows);
            // the view has the declared columns, in order
            List<String> names = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT column_name FROM information_schema.columns WHERE table_name = 'syscalls' ORDER BY ordinal_position")) {
                while (rs.next()) names.add(rs.getString(1));
            }
            assertEquals(Tables.SYSCALLS.publicColumns().stream().map(Col::name).toList(), names);
        }
    }

    private static String argSql(int i) {
        StringBuilder sb = new StringBuilder("CASE WHEN k > 8 AND " + i + " >= 3 THEN NULL ELSE [");
        for (int j = 0; j < ARGS.length; j++) sb.append(j > 0 ? ", " : "").append(ARGS[j]);
        return sb.append("][((").append(i).append(" + k) % ").append(ARGS.length).append(") + 1] END").toString();
    }

    private static void check(ResultSet rs) throws Exception {
        int nr = rs.getInt("nr");
        Long ret = (Long) rs.getObject("ret");
        Long[] arg = new Long[6];
        for (int i = 0; i < 6; i++) arg[i] = (Long) rs.getObject("arg" + i);
        String where = "nr " + nr + " ret " + ret;
        Syscall s = nr >= 0 ? TABLE.byNr(nr) : null;
        assertEquals(s != null ? s.name() : "syscall_" + nr, rs.getString("syscall"), where);
        assertEquals(s != null ? s.family().displayName() : null, rs.getString("family"), where);
        assertEquals(s != null ? s.kind() : null, rs.getString("kind"), where);
        long timeNs = rs.getLong("time_ns");
        Timestamp ts = rs.getTimestamp("ts");
        assertEquals(Math.floorDiv(timeNs, 1000), ts.getTime() * 1000 + (ts.getNanos() / 1000) % 1000, where);

        boolean errRange = ret != null && ret < 0 && ret >= -Errno.MAX_ERRNO;
        boolean restart = ret != null && (ret == -512 || ret == -513 || ret == -514 || ret == -516);
        assertEquals(ret == null ? null : errRange && !restart, rs.getObject("is_error"), where);
        assertEquals(ret == null ? null : restart, rs.getObject("restarted"), where);
        assertEquals(errRange ? Errno.nameOf((int) -ret) : null, rs.getString("errno"), where);

        int off = s != null ? s.argIndex(ArgRole.OFFSET) : -1;
        assertEquals(off >= 0 ? arg[off] : null, rs.getObject("offset"), where);
        String name = s != null ? s.name() : "";
        Integer nfds = switch (name) {
            case "poll", "ppoll" -> int32(arg[1]);
            case "select", "pselect6" -> int32(arg[0]);
            case "epoll_wait", "epoll_pwait", "epoll_pwait2" -> int32(arg[2]);
            default -> null;
        };
        assertEquals(nfds, rs.getObject("nfds"), where);
        Integer op = name.equals("epoll_ctl") ? int32(arg[1]) : null;
        assertEquals(op == null ? null : switch (op) { case 1 -> "ADD"; case 2 -> "DEL"; case 3 -> "MOD"; default -> null; }, rs.getString("epoll_op"), where);
        assertEquals(name.equals("epoll_ctl") ? int32(arg[2]) : null, rs.getObject("epoll_target_fd"), where);
        boolean ok = ret != null && !errRange;
        Long as = !ok ? 0L : switch (name) {
            case "mmap", "munmap" -> arg[1];
            case "mremap" -> arg[2];
            default -> 0L;
        };
        assertEquals(as, rs.getObject("address_space_bytes"), where);

        String comm = rs.getString("comm");
        assertTrue(comm == null || COMMS.contains(comm), where + ": comm " + comm);
        String kind = rs.getString("fd_kind");
        assertTrue(kind == null || java.util.Arrays.stream(FdKind.values()).anyMatch(k -> k.label().equals(kind)), where + ": fd_kind " + kind);
    }

    private static Integer int32(Long v) {
        return v == null ? null : (int) v.longValue();
    }

    @Test
    void commAndFdKindCodesNameTheirValues() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            for (String sql : Tables.SYSCALLS.createStoredSql()) st.execute(sql);
            StringBuilder values = new StringBuilder();
            for (int i = 0; i < FdKind.values().length; i++) values.append(i > 0 ? ", " : "").append("(").append(i).append(", ").append(i % COMMS.size()).append(", ").append(i).append(')');
            st.execute("INSERT INTO " + Tables.SYSCALLS.storedName() + " (seq, nr, comm_id, fd_kind_code) SELECT s, 0, c, k FROM (VALUES " + values + ", (99, NULL, NULL)) v(s, c, k)");
            st.execute(SyscallSql.withComms(Tables.SYSCALLS.createViewSql(), COMMS));
            try (ResultSet rs = st.executeQuery("SELECT seq, comm, fd_kind FROM syscalls ORDER BY seq")) {
                for (int i = 0; i < FdKind.values().length; i++) {
                    assertTrue(rs.next());
                    assertEquals(COMMS.get(i % COMMS.size()), rs.getString(2));
                    assertEquals(FdKind.values()[i].label(), rs.getString(3));
                }
                assertTrue(rs.next());
                assertEquals(99, rs.getLong(1));
                assertEquals(null, rs.getString(2));
                assertEquals(null, rs.getString(3));
            }
        }
    }
}

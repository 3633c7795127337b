package ior.format;

import ior.syscalls.Syscall;
import ior.syscalls.SyscallTable;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static ior.format.Records.*;

/**
 * Renders one raw record as a line of text (`ior info --dump`): for checking what the recorder
 * captured, byte for byte, before any analysis. Strings are escaped so a hostile path cannot
 * drive the terminal.
 */
public final class RecordPrinter {
    private final SyscallTable table;

    public RecordPrinter(SyscallTable table) {
        this.table = table;
    }

    public String format(RecordCursor c) {
        StringBuilder sb = new StringBuilder(128);
        sb.append(c.ts()).append(' ').append(typeName(c.type())).append(" tid=").append(c.tid());
        switch (c.type()) {
            case SYS_ENTER -> {
                sb.append(" pid=").append(c.enterPid()).append(' ').append(name(c.nr())).append('(');
                for (int i = 0; i < c.nargs(); i++) sb.append(i == 0 ? "" : ", ").append("0x").append(Long.toHexString(c.arg(i)));
                sb.append(')');
                if (c.enterFlags() != 0) sb.append(" flags=").append(c.enterFlags());
                items(c, sb, c.itemsStart(), c.itemsEnd());
            }
            case SYS_CALL -> {
                sb.append(" pid=").append(c.enterPid()).append(' ').append(name(c.nr())).append('(');
                for (int i = 0; i < c.nargs(); i++) sb.append(i == 0 ? "" : ", ").append("0x").append(Long.toHexString(c.arg(i)));
                sb.append(") = ").append(c.ret()).append(" <").append(c.callExitTs() - c.ts()).append(" ns>");
            }
            case SYS_EXIT -> {
                sb.append(' ').append(name(c.nr())).append(" = ").append(c.ret());
                items(c, sb, c.itemsStart(), c.length());
            }
            case PROC_FORK -> sb.append(" parent=").append(c.u32(FORK_PARENT_PID)).append(" child=").append(c.u32(FORK_CHILD_PID))
                    .append(" child_tid=").append(c.u32(FORK_CHILD_TID)).append(" flags=").append(c.u32(FORK_FLAGS))
                    .append(" comm=").append(quote(c.string(FORK_COMM, COMM_LEN)));
            case PROC_EXEC -> {
                int fl = c.u16(EXEC_FILENAME_LEN);
                sb.append(" pid=").append(c.u32(EXEC_PID)).append(" old_tid=").append(c.u32(EXEC_OLD_TID))
                        .append(" comm=").append(quote(c.string(EXEC_COMM, COMM_LEN)))
                        .append(" file=").append(quote(c.string(EXEC_DATA, fl)))
                        .append(" argv=").append(quote(c.bytesString(EXEC_DATA + fl, c.u16(EXEC_ARGV_LEN)).replace('\0', ' ').strip()));
            }
            case PROC_EXIT -> sb.append(" pid=").append(c.u32(PEXIT_PID)).append(" code=").append(c.u32(PEXIT_CODE))
                    .append(" group_dead=").append((c.u32(PEXIT_FLAGS) & EXIT_GROUP_DEAD) != 0);
            case TASK_RENAME -> sb.append(" pid=").append(c.u32(RENAME_PID)).append(" comm=").append(quote(c.string(RENAME_COMM, COMM_LEN)));
            default -> sb.append(" (").append(c.length()).append(" bytes)");
        }
        return sb.toString();
    }

    private String name(int nr) {
        Syscall s = table.byNr(nr);
        return s != null ? s.name() : "syscall_" + nr;
    }

    private static void items(RecordCursor c, StringBuilder sb, int at, int end) {
        while (at >= 0 && at < end) {
            int next = c.nextItem(at);
            if (next < 0) break;
            int len = c.itemLen(at);
            sb.append(" arg").append(c.itemArg(at)).append('=');
            MemorySegment s = c.segment();
            long d = c.itemData(at);
            if (c.itemKind(at) == ITEM_STR) {
                byte[] b = new byte[Math.max(0, len - 1)];
                MemorySegment.copy(s, ValueLayout.JAVA_BYTE, d, b, 0, b.length);
                sb.append(quote(Strings.decode(b)));
            } else {
                sb.append('{');
                for (int i = 0; i < len; i++) sb.append(String.format("%02x", s.get(ValueLayout.JAVA_BYTE, d + i)));
                sb.append('}');
            }
            at = next;
        }
    }

    /** Double-quotes s, escaping quotes, backslashes and every control character. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (ch < 0x20 || ch == 0x7f || (ch >= 0x80 && ch < 0xa0)) sb.append(String.format("\\x%02x", (int) ch));
                    else sb.append(ch);
                }
            }
        }
        return sb.append('"').toString();
    }
}

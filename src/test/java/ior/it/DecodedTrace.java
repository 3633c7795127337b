package ior.it;

import ior.format.RecordCursor;
import ior.format.Records;
import ior.format.Strings;
import ior.format.TraceFormat;
import ior.format.TraceReader;
import ior.format.TraceSummary;
import ior.syscalls.Syscall;
import ior.syscalls.SyscallTable;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Test-side decoding of a whole trace into paired calls and lifecycle events, straight from the
 * raw records (independent of the analyzer), so integration tests assert on what was recorded.
 */
final class DecodedTrace {
    static final SyscallTable TABLE = SyscallTable.x86_64();

    static final class Call {
        int pid, tid, nr, flags;
        String name;
        long[] args;
        final Map<Integer, String> str = new HashMap<>();
        final Map<Integer, byte[]> in = new HashMap<>();
        final Map<Integer, byte[]> out = new HashMap<>();
        Long ret;
        long enterTs, exitTs;

        long arg(int i) {
            return i < args.length ? args[i] : 0;
        }

        int iarg(int i) {
            return (int) arg(i);
        }

        @Override
        public String toString() {
            return pid + "/" + tid + " " + name + str + " = " + ret;
        }
    }

    record Fork(long ts, int parentTid, int parentPid, int childPid, int childTid, int flags, String comm) {}

    record Exec(long ts, int pid, int oldTid, String comm, String filename, String argv) {}

    record Exit(long ts, int pid, int tid, int code, boolean groupDead) {}

    record Rename(long ts, int pid, int tid, String comm) {}

    final List<Call> calls = new ArrayList<>();
    final List<Fork> forks = new ArrayList<>();
    final List<Exec> execs = new ArrayList<>();
    final List<Exit> exits = new ArrayList<>();
    final List<Rename> renames = new ArrayList<>();
    long exitsWithoutEnter, mismatches;
    TraceSummary summary;
    Map<String, String> header;

    static DecodedTrace read(Path p) throws IOException {
        DecodedTrace t = new DecodedTrace();
        try (TraceReader r = TraceReader.open(p)) {
            t.header = r.header();
            t.summary = TraceSummary.of(r);
            Map<Integer, Call> pending = new HashMap<>();
            RecordCursor c = new RecordCursor();
            r.forEachBlock((type, seq, off, body) -> {
                if (type != TraceFormat.BLOCK_CHUNK) return;
                c.wrap(body);
                while (c.next()) t.add(c, pending);
            });
            // enters that never saw an exit stay with ret == null
        }
        t.calls.sort(Comparator.comparingLong(x -> x.enterTs));
        return t;
    }

    /** A call from what a sys_enter and a sys_call share: who, which syscall, args, enter time. */
    private Call started(RecordCursor c) {
        Call k = new Call();
        k.pid = c.enterPid();
        k.tid = c.tid();
        k.nr = c.nr();
        Syscall s = TABLE.byNr(k.nr);
        k.name = s != null ? s.name() : "syscall_" + k.nr;
        k.args = new long[c.nargs()];
        for (int i = 0; i < k.args.length; i++) k.args[i] = c.arg(i);
        k.enterTs = c.ts();
        calls.add(k);
        return k;
    }

    private void add(RecordCursor c, Map<Integer, Call> pending) {
        switch (c.type()) {
            case Records.SYS_ENTER -> {
                Call k = started(c);
                k.flags = c.enterFlags();
                items(c, c.itemsStart(), c.itemsEnd(), k.str, k.in);
                pending.put(k.tid, k);
            }
            case Records.SYS_CALL -> {
                // a whole call the kernel paired: no items, never compat
                Call k = started(c);
                k.exitTs = c.callExitTs();
                k.ret = c.ret();
                if (pending.remove(k.tid) != null) mismatches++;
            }
            case Records.SYS_EXIT -> {
                Call k = pending.remove(c.tid());
                if (k == null) {
                    exitsWithoutEnter++;
                    return;
                }
                if (k.nr != c.nr()) mismatches++;
                k.ret = c.ret();
                k.exitTs = c.ts();
                Map<Integer, String> retried = new HashMap<>();
                items(c, c.itemsStart(), c.length(), retried, k.out);
                retried.forEach(k.str::putIfAbsent);
            }
            case Records.PROC_FORK -> forks.add(new Fork(c.ts(), c.tid(), c.u32(Records.FORK_PARENT_PID), c.u32(Records.FORK_CHILD_PID),
                    c.u32(Records.FORK_CHILD_TID), c.u32(Records.FORK_FLAGS), c.string(Records.FORK_COMM, Records.COMM_LEN)));
            case Records.PROC_EXEC -> {
                int fl = c.u16(Records.EXEC_FILENAME_LEN);
                execs.add(new Exec(c.ts(), c.u32(Records.EXEC_PID), c.u32(Records.EXEC_OLD_TID), c.string(Records.EXEC_COMM, Records.COMM_LEN),
                        c.string(Records.EXEC_DATA, fl), c.bytesString(Records.EXEC_DATA + fl, c.u16(Records.EXEC_ARGV_LEN))));
            }
            case Records.PROC_EXIT -> exits.add(new Exit(c.ts(), c.u32(Records.PEXIT_PID), c.tid(), c.u32(Records.PEXIT_CODE),
                    (c.u32(Records.PEXIT_FLAGS) & Records.EXIT_GROUP_DEAD) != 0));
            case Records.TASK_RENAME -> renames.add(new Rename(c.ts(), c.u32(Records.RENAME_PID), c.tid(), c.string(Records.RENAME_COMM, Records.COMM_LEN)));
            default -> { }
        }
    }

    private static void items(RecordCursor c, int at, int end, Map<Integer, String> str, Map<Integer, byte[]> buf) {
        MemorySegment s = c.segment();
        while (at >= 0 && at < end) {
            int next = c.nextItem(at);
            if (next < 0) break;
            int len = c.itemLen(at);
            byte[] b = new byte[len];
            MemorySegment.copy(s, ValueLayout.JAVA_BYTE, c.itemData(at), b, 0, len);
            if (c.itemKind(at) == Records.ITEM_STR) str.put(c.itemArg(at), Strings.decode(java.util.Arrays.copyOf(b, Math.max(0, len - 1))));
            else buf.put(c.itemArg(at), b);
            at = next;
        }
    }

    List<Call> calls(Predicate<Call> p) {
        return calls.stream().filter(p).toList();
    }

    /** Calls of pid between the workload's marker for a scenario and the next marker. */
    List<Call> scenario(int pid, String name) {
        List<Call> mine = calls(k -> k.pid == pid);
        int start = -1;
        for (int i = 0; i < mine.size(); i++) {
            Call k = mine.get(i);
            if (k.name.equals("faccessat") && k.str.getOrDefault(1, "").startsWith("/ior-marker/")) {
                if (start >= 0) return mine.subList(start, i);
                if (k.str.get(1).equals("/ior-marker/" + name)) start = i + 1;
            }
        }
        if (start < 0) throw new AssertionError("marker /ior-marker/" + name + " not found for pid " + pid);
        return mine.subList(start, mine.size());
    }
}

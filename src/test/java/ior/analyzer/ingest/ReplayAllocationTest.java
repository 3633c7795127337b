package ior.analyzer.ingest;

import ior.analyzer.fd.TestCall;
import ior.analyzer.table.BatchBuilder;
import ior.analyzer.table.Tables;
import ior.format.Snapshot;
import ior.syscalls.SyscallTable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java half of ingest per call: fd state and flags (FileTracker.describe/apply), the
 * syscalls row (SyscallRows.add) and an fds row for every closed fd, into Arrow. In steady state
 * it allocates nothing per call (STYLE.md); only a new batch's vectors, once per 64K rows.
 * (An fds row used to allocate its strings' bytes: 17 B per call on PipelineBench.)
 */
class ReplayAllocationTest {
    private static final SyscallTable TABLE = SyscallTable.x86_64();

    @Test
    void steadyStateRowsDoNotAllocatePerCall() throws Exception {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] batches = new long[2];
        try (BufferAllocator alloc = new RootAllocator()) {
            BatchBuilder[] sys = SyscallRows.builders(alloc, Ingest.BATCH_ROWS, (t, root) -> batches[0]++);
            BatchBuilder fdRows = new BatchBuilder(Tables.FDS, alloc, 16 * 1024, (t, root) -> batches[1]++);
            SyscallRows rows = new SyscallRows(TABLE, sys, 0);
            FileTracker files = new FileTracker(TABLE, fdRows, 0);
            files.seed(new Snapshot(List.of(new Snapshot.Process(100, 1, 0, 0, "p", "/bin/p", "p", "/home/u")),
                    List.of(new Snapshot.Thread(100, 100, "p")), List.of()));
            SyscallRows.FileInfo info = new SyscallRows.FileInfo();
            TestCall[] loop = {
                    new TestCall("openat", 100, 100, -100, 0, 0x80000, 0).str(1, "data/file.txt").ret(3),
                    new TestCall("read", 100, 100, 3, 0, 4096).ret(4096),
                    new TestCall("newfstatat", 100, 100, 3, 0, 0, 0).str(1, "sub").ret(0),
                    new TestCall("socket", 100, 100, 2, 1, 0).ret(4),
                    new TestCall("connect", 100, 100, 4, 0, 16).in(1, TestCall.inet("127.0.0.1", 80)).ret(0),
                    new TestCall("dup2", 100, 100, 3, 5).ret(5),
                    new TestCall("rename", 100, 100, 0, 0).str(0, "a.tmp").str(1, "a").ret(0),
                    new TestCall("close", 100, 100, 3).ret(0),
                    new TestCall("close", 100, 100, 4).ret(0),
                    new TestCall("close", 100, 100, 5).ret(0),
                    new TestCall("getppid", 100, 100).ret(1),
            };
            for (int i = 0; i < 20_000; i++) replay(loop, rows, files, info);
            long before = mx.getCurrentThreadAllocatedBytes();
            int rounds = 100_000;
            for (int i = 0; i < rounds; i++) replay(loop, rows, files, info);
            long allocated = mx.getCurrentThreadAllocatedBytes() - before;
            long calls = (long) rounds * loop.length;

            assertEquals(120_000L * loop.length, rows.totalRows());
            assertEquals(120_000L * 3, fdRows.totalRows(), "one fds row per close");
            assertTrue(batches[0] > 10 && batches[1] > 10, "full batches were handed on: " + batches[0] + ", " + batches[1]);
            // a batch's fresh vectors are ~10 KB of Java objects (35 batches here: ~0.3 B per call);
            // one small array per call would be 16+ B per call
            assertTrue(allocated < calls, "replaying " + calls + " calls allocated " + allocated + " bytes");
            for (BatchBuilder b : sys) b.close();
            fdRows.close();
        }
    }

    private static void replay(TestCall[] calls, SyscallRows rows, FileTracker files, SyscallRows.FileInfo info) throws Exception {
        for (TestCall c : calls) {
            info.clear();
            files.describe(c, info);
            files.apply(c);
            files.describeAfterApply(c, info);
            rows.add(c, 0, 0, info);
        }
    }
}

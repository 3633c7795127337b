package ior.analyzer.fd;

import ior.syscalls.SyscallTable;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static ior.analyzer.fd.Harness.snapshot;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Replaying calls on paths already seen allocates nothing (STYLE.md: no allocation per event). */
class FdStateAllocationTest {
    @Test
    void steadyStateReplayDoesNotAllocate() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] count = new long[1];
        FdState fds = new FdState(SyscallTable.x86_64(), (pid, fd, path, kind, family, local, peer, openedBy,
                                                          openSeq, openTs, closeTs, reason, flags) -> count[0]++);
        fds.seed(snapshot(100, "/home/u"));
        TestCall open = new TestCall("openat", 100, 100, -100, 0, 0, 0).str(1, "data/file.txt").ret(3);
        TestCall read = new TestCall("read", 100, 100, 3, 0, 4096).ret(4096);
        TestCall stat = new TestCall("newfstatat", 100, 100, 3, 0, 0, 0).str(1, "sub").ret(0);
        TestCall sock = new TestCall("socket", 100, 100, 2, 1, 0).ret(4);
        TestCall conn = new TestCall("connect", 100, 100, 4, 0, 16).in(1, TestCall.inet("127.0.0.1", 80)).ret(0);
        TestCall dup = new TestCall("dup2", 100, 100, 3, 5).ret(5);
        TestCall close3 = new TestCall("close", 100, 100, 3).ret(0);
        TestCall close4 = new TestCall("close", 100, 100, 4).ret(0);
        TestCall close5 = new TestCall("close", 100, 100, 5).ret(0);
        TestCall[] loop = {open, read, stat, sock, conn, dup, close3, close4, close5};
        long sink = 0;
        for (int i = 0; i < 20_000; i++) sink += replay(fds, loop);
        long before = mx.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) sink += replay(fds, loop);
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertTrue(sink != 0 && count[0] == 120_000 * 3L);
        assertTrue(allocated < 100_000, "replaying 900k calls allocated " + allocated + " bytes");
    }

    private static long replay(FdState fds, TestCall[] calls) {
        long s = 0;
        for (TestCall c : calls) {
            int h = fds.resolve(c);
            s += fds.pathId(h) + fds.fd(h);
            fds.apply(c);
        }
        return s;
    }
}

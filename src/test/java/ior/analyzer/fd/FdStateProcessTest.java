package ior.analyzer.fd;

import ior.format.Snapshot;
import org.junit.jupiter.api.Test;

import java.util.List;

import static ior.analyzer.fd.Harness.snapshot;
import static org.junit.jupiter.api.Assertions.*;

/** Tables across tasks: snapshot seeding, fork, CLONE_FILES, threads, exec, exit, unshare, pidfd_getfd. */
class FdStateProcessTest {
    static final int P = 100;
    static final long AT_FDCWD = -100;
    static final int O_RDWR = 02, O_DIRECTORY = 0200000, O_CLOEXEC = 02000000;

    static TestCall openat(int pid, int tid, String path, int flags, int fd) {
        return new TestCall("openat", pid, tid, AT_FDCWD, 0, flags, 0).str(1, path).ret(fd);
    }

    @Test
    void snapshotSeedsKindsPathsAndCwd() {
        Harness r = new Harness().seed(snapshot(P, "/work",
                new Snapshot.Fd(P, 0, O_RDWR, 0, "/dev/pts/0", ""),
                new Snapshot.Fd(P, 3, O_RDWR, 0, "socket:[123]", ""),
                new Snapshot.Fd(P, 4, 0, 0, "pipe:[45]", ""),
                new Snapshot.Fd(P, 5, O_RDWR | O_CLOEXEC, 0, "anon_inode:[eventfd]", ""),
                new Snapshot.Fd(P, 6, O_RDWR, 0, "/memfd:buf (deleted)", ""),
                new Snapshot.Fd(P, 7, 0, 0, "anon_inode:inotify", ""),
                new Snapshot.Fd(P, 8, O_RDWR, 0, "anon_inode:[eventpoll]", ""),
                new Snapshot.Fd(P, 9, O_DIRECTORY, 0, "/home", ""),
                new Snapshot.Fd(P, 10, O_RDWR, 0, "anon_inode:bpf-map", ""),
                new Snapshot.Fd(P, 11, 0, 0, "net:[4026531840]", ""),
                new Snapshot.Fd(P, 12, O_RDWR, 0, "anon_inode:[pidfd]", ""),
                new Snapshot.Fd(P, 13, O_RDWR, 0, "anon_inode:[io_uring]", ""),
                new Snapshot.Fd(P, 14, O_RDWR, 0, "anon_inode:[timerfd]", "")));
        assertEquals("/work", r.fds.cwd(P));
        assertEquals(FdKind.FILE, r.kind(P, 0));
        assertEquals("/dev/pts/0", r.path(P, 0));
        assertEquals(FdKind.SOCKET, r.kind(P, 3));
        assertEquals("socket:[123]", r.path(P, 3), "the readlink text is kept: it names the socket inode");
        assertEquals(FdKind.PIPE, r.kind(P, 4));
        assertEquals("pipe:[45]", r.path(P, 4));
        assertEquals(FdKind.EVENTFD, r.kind(P, 5));
        assertNull(r.path(P, 5));
        assertTrue(r.fds.cloexec(r.fds.lookup(P, P, 5)), "O_CLOEXEC in fdinfo flags is the close-on-exec bit");
        assertEquals(FdKind.MEMFD, r.kind(P, 6));
        assertEquals("/memfd:buf", r.path(P, 6));
        assertEquals(FdKind.INOTIFY, r.kind(P, 7));
        assertEquals(FdKind.EPOLL, r.kind(P, 8));
        assertEquals(FdKind.DIR, r.kind(P, 9));
        assertEquals(FdKind.BPF, r.kind(P, 10));
        assertEquals(FdKind.ANON, r.kind(P, 11));
        assertEquals("net:[4026531840]", r.path(P, 11));
        assertEquals(FdKind.PIDFD, r.kind(P, 12));
        assertEquals(FdKind.IO_URING, r.kind(P, 13));
        assertEquals(FdKind.TIMERFD, r.kind(P, 14));

        r.run(new TestCall("openat", P, P, AT_FDCWD, 0, 0, 0).str(1, "f").ret(20));
        assertEquals("/work/f", r.path(P, 20));

        r.fds.finish(10_000);
        assertEquals(14, r.lives.size());
        for (Harness.Life l : r.lives) {
            assertEquals(-1, l.closeTs());
            assertNull(l.reason());
        }
        Harness.Life sock = r.life(P, 3);
        assertEquals("snapshot", sock.openedBy());
        assertEquals(-1, sock.openSeq());
        assertEquals(-1, sock.openTs());
        assertEquals(O_RDWR | O_CLOEXEC, r.life(P, 5).flags());
        assertEquals(List.of(0, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 20),
                r.lives.stream().map(Harness.Life::fd).toList(), "by ascending fd");
    }

    @Test
    void forkCopiesTheTable() {
        Harness r = new Harness().seed(snapshot(P, "/w", new Snapshot.Fd(P, 3, O_RDWR, 0, "/data", "")));
        r.fds.fork(P, 200, 200, false, false, 1000);
        assertEquals("/data", r.path(200, 3));
        assertEquals("/w", r.fds.cwd(200), "the child starts in the parent's cwd");
        TestCall close = r.run("close", 200, 0, 3);
        assertFalse(r.open(200, 3));
        assertTrue(r.open(P, 3), "the child's close does not touch the parent");
        Harness.Life l = r.life(200, 3);
        assertEquals(close.exitTs, l.closeTs());
        assertEquals("snapshot", l.openedBy(), "a forked copy keeps the origin of the parent's fd");

        r.run(openat(200, 200, "x", 0, 4));
        assertEquals("/w/x", r.path(200, 4));
        assertFalse(r.open(P, 4));
        r.run(openat(P, P, "y", 0, 4));
        assertEquals("/w/y", r.path(P, 4));
        assertEquals("/w/x", r.path(200, 4));

        r.run(new TestCall("chdir", 200, 200, 0).str(0, "/c").ret(0));
        assertEquals("/c", r.fds.cwd(200));
        assertEquals("/w", r.fds.cwd(P), "cwd is per process");
    }

    @Test
    void cloneFilesSharesTheTableBetweenProcesses() {
        Harness r = new Harness().seed(snapshot(P, "/w"));
        r.fds.fork(P, 200, 200, true, false, 1000);
        r.run(openat(200, 200, "/shared", 0, 5));
        assertEquals("/shared", r.path(P, 5), "the parent sees the child's open");
        r.fds.exitTask(200, 200, true, 2000);
        r.assertNoLives();
        assertTrue(r.open(P, 5), "the table lives on in the parent");
        r.fds.exitTask(P, P, true, 3000);
        Harness.Life l = r.life(200, 5);
        assertEquals(FdSink.EXIT, l.reason());
        assertEquals(3000, l.closeTs());
    }

    @Test
    void threadsShareTheTable() {
        Harness r = new Harness().seed(snapshot(P, "/w"));
        r.fds.fork(P, P, 101, true, true, 1000);
        r.run(openat(P, 101, "/t", 0, 3));
        assertEquals("/t", r.fds.path(r.fds.lookup(P, P, 3)), "the thread's open is visible to the main thread");
        r.run(new TestCall("close", P, P, 3).ret(0));
        assertFalse(r.fds.lookup(P, 101, 3) >= 0);
        r.run(openat(P, P, "/u", 0, 4));
        r.fds.exitTask(P, 101, false, 2000);
        assertTrue(r.open(P, 4), "a thread's exit closes nothing");
        r.fds.exitTask(P, P, true, 3000);
        assertEquals(FdSink.EXIT, r.life(P, 4).reason());
        assertEquals(3000, r.life(P, 4).closeTs());
    }

    @Test
    void threadUnknownToTheTraceUsesItsProcessTable() {
        Harness r = new Harness().seed(snapshot(P, "/w", new Snapshot.Fd(P, 3, 0, 0, "/data", "")));
        r.run(new TestCall("read", P, 555, 3, 0, 10).ret(10));
        assertEquals("/data", r.lastPath);
    }

    @Test
    void execClosesCloexecFdsOnly() {
        Harness r = new Harness().seed(snapshot(P, "/w"));
        r.run(openat(P, P, "/c", O_CLOEXEC, 3));
        r.run(openat(P, P, "/k", 0, 4));
        r.fds.exec(P, P, 5000);
        Harness.Life l = r.life(P, 3);
        assertEquals(FdSink.EXEC, l.reason());
        assertEquals(5000, l.closeTs());
        assertTrue(r.open(P, 4));
        assertEquals(1, r.lives.size());
    }

    @Test
    void execByAThreadEndsTheOtherThreads() {
        Harness r = new Harness().seed(snapshot(P, "/w"));
        r.fds.fork(P, P, 101, true, true, 1000);
        r.run(openat(P, 101, "/k", 0, 3));
        r.fds.exec(P, 101, 2000); // the thread takes over the pid
        r.run(new TestCall("read", P, P, 3, 0, 1).ret(1));
        assertEquals("/k", r.lastPath);
        r.fds.exitTask(P, P, true, 3000);
        assertEquals(FdSink.EXIT, r.life(P, 3).reason());
    }

    @Test
    void execOfAProcessSharingItsTableGetsItsOwnCopy() {
        Harness r = new Harness().seed(snapshot(P, "/w"));
        r.run(openat(P, P, "/c", O_CLOEXEC, 3));
        r.run(openat(P, P, "/k", 0, 4));
        r.fds.fork(P, 200, 200, true, false, 1000); // vfork-like: CLONE_FILES
        r.fds.exec(200, 200, 2000);
        assertTrue(r.open(P, 3), "the parent's cloexec fd stays open");
        assertFalse(r.open(200, 3));
        Harness.Life l = r.life(200, 3);
        assertEquals(FdSink.EXEC, l.reason());
        r.run("close", 200, 0, 4);
        assertTrue(r.open(P, 4), "after exec the child's table is its own");
        r.run(openat(200, 200, "/n", 0, 5));
        assertFalse(r.open(P, 5));
    }

    @Test
    void exitOfTheLastTaskClosesEverything() {
        Harness r = new Harness().seed(snapshot(P, "/w", new Snapshot.Fd(P, 0, O_RDWR, 0, "/dev/null", "")));
        r.fds.fork(P, P, 101, true, true, 1000);
        r.run(openat(P, 101, "/a", 0, 3));
        r.run(openat(P, P, "/b", 0, 4));
        r.fds.exitTask(P, P, false, 1500); // the main thread exits first
        r.assertNoLives();
        r.run(new TestCall("read", P, 101, 3, 0, 1).ret(1));
        assertEquals("/a", r.lastPath);
        r.fds.exitTask(P, 101, true, 2000);
        assertEquals(3, r.lives.size());
        for (Harness.Life l : r.lives) {
            assertEquals(FdSink.EXIT, l.reason());
            assertEquals(2000, l.closeTs());
        }
        r.fds.finish(9000);
        assertEquals(3, r.lives.size(), "nothing left to report at the end");
    }

    @Test
    void closeRangeUnshareClosesOnlyTheCallersCopy() {
        Harness r = new Harness().seed(snapshot(P, "/w"));
        r.run(openat(P, P, "/a", 0, 3));
        r.run(openat(P, P, "/b", 0, 4));
        r.fds.fork(P, 200, 200, true, false, 1000);
        r.run("close_range", 200, 0, 3, 0xffffffffL, 2); // CLOSE_RANGE_UNSHARE
        assertFalse(r.open(200, 3));
        assertFalse(r.open(200, 4));
        assertTrue(r.open(P, 3));
        assertTrue(r.open(P, 4));
        assertEquals(2, r.lives.size());
        assertEquals(FdSink.CLOSE_RANGE, r.life(200, 3).reason());
    }

    @Test
    void unshareFilesGivesAThreadItsOwnTable() {
        Harness r = new Harness().seed(snapshot(P, "/w"));
        r.run(openat(P, P, "/a", 0, 3));
        r.fds.fork(P, P, 101, true, true, 1000);
        r.run(new TestCall("unshare", P, 101, 0x400).ret(0));
        r.run(openat(P, 101, "/t", 0, 4));
        assertFalse(r.open(P, 4), "the main thread does not see the unshared thread's fds");
        assertEquals("/a", r.fds.path(r.fds.lookup(P, 101, 3)), "the copy keeps what was open");
        r.fds.exitTask(P, 101, false, 2000);
        assertEquals(2, r.lives.size(), "the thread's private table closes with it");
        assertTrue(r.open(P, 3));
    }

    @Test
    void pidfdGetfdDuplicatesTheTargetsFd() {
        Snapshot s = new Snapshot(
                List.of(new Snapshot.Process(P, 1, 0, 0, "a", "/a", "a", "/"),
                        new Snapshot.Process(200, 1, 0, 0, "b", "/b", "b", "/")),
                List.of(),
                List.of(new Snapshot.Fd(200, 3, 0, 0, "/etc/passwd", "")));
        Harness r = new Harness().seed(s);
        r.run("pidfd_open", P, 5, 200, 0);
        assertEquals(FdKind.PIDFD, r.kind(P, 5));
        assertTrue(r.fds.cloexec(r.fds.lookup(P, P, 5)));
        r.run("pidfd_getfd", P, 6, 5, 3, 0);
        assertEquals("/etc/passwd", r.path(P, 6));
        assertEquals(FdKind.FILE, r.kind(P, 6));
        assertTrue(r.fds.cloexec(r.fds.lookup(P, P, 6)));
        r.run("pidfd_getfd", P, 7, 5, 9, 0); // fd 9 of the target is not known
        assertEquals(FdKind.UNKNOWN, r.kind(P, 7));
        r.run("pidfd_getfd", P, 8, 12, 3, 0); // a pidfd of unknown origin
        assertEquals(FdKind.UNKNOWN, r.kind(P, 8));
        assertNull(r.path(P, 8));
        r.run("close", P, 0, 6);
        assertEquals("pidfd_getfd", r.life(P, 6).openedBy());
        assertTrue(r.open(200, 3), "the target keeps its fd");
    }

    @Test
    void aProcessNeverSeenGetsATableOnFirstUse() {
        Harness r = new Harness();
        r.run(new TestCall("openat", 300, 301, AT_FDCWD, 0, 0, 0).str(1, "/x").ret(3));
        assertEquals("/x", r.fds.path(r.fds.lookup(300, 301, 3)));
        r.fds.exitTask(300, 301, true, 100);
        assertEquals(FdSink.EXIT, r.life(300, 3).reason());
    }

    @Test
    void forkWithParentPidOfAnUnknownParent() {
        Harness r = new Harness();
        r.fds.fork(400, 401, 500, 500, false, false, 10);
        r.run(new TestCall("openat", 500, 500, AT_FDCWD, 0, 0, 0).str(1, "/c").ret(3));
        r.run(new TestCall("openat", 400, 401, AT_FDCWD, 0, 0, 0).str(1, "/p").ret(3));
        assertEquals("/c", r.path(500, 3));
        assertEquals("/p", r.fds.path(r.fds.lookup(400, 401, 3)));
    }

    @Test
    void finishReportsStillOpenFdsOnce() {
        Harness r = new Harness().seed(snapshot(P, "/w"));
        TestCall open = r.run(openat(P, P, "/a", 0, 3));
        r.fds.fork(P, 200, 200, true, false, 1000);
        r.fds.fork(P, P, 101, true, true, 1000);
        r.fds.finish(5000);
        Harness.Life l = r.life(P, 3);
        assertEquals(-1, l.closeTs());
        assertNull(l.reason());
        assertEquals(open.seq, l.openSeq());
        assertEquals(1, r.lives.size(), "a shared table is reported once");
    }
}

package ior.analyzer.fd;

import ior.format.Snapshot;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static ior.analyzer.fd.Harness.snapshot;
import static org.junit.jupiter.api.Assertions.*;

/** Opening, closing, duplicating and re-flagging fds, and path resolution, in one process. */
class FdStateFileTest {
    static final int P = 100;
    static final long AT_FDCWD = -100;
    static final int O_WRONLY = 01, O_RDWR = 02, O_CREAT = 0100, O_TRUNC = 01000, O_APPEND = 02000,
            O_NONBLOCK = 04000, O_DIRECTORY = 0200000, O_CLOEXEC = 02000000, O_PATH = 010000000;
    static final int EBADF = 9, ENOENT = 2, EINTR = 4;

    static Harness rec() {
        return new Harness().seed(snapshot(P, "/home/u"));
    }

    static TestCall openat(long dirfd, String path, int flags) {
        return new TestCall("openat", P, P, dirfd, 0, flags, 0).str(1, path);
    }

    @Test
    void openatRelativeToCwdThenReadThenClose() {
        Harness r = rec();
        TestCall open = r.run(openat(AT_FDCWD, "data/x.txt", 0).ret(3));
        assertEquals("/home/u/data/x.txt", r.lastPath, "resolve gives the path being opened");
        assertEquals(FdKind.FILE, r.lastKind);
        assertEquals("/home/u/data/x.txt", r.path(P, 3));
        assertEquals(FdKind.FILE, r.kind(P, 3));

        r.run("read", P, 10, 3, 0, 100);
        assertEquals("/home/u/data/x.txt", r.lastPath, "read resolves its fd");
        assertEquals(3, r.lastFd);
        r.assertNoLives();

        TestCall close = r.run("close", P, 0, 3);
        assertEquals("/home/u/data/x.txt", r.lastPath, "close resolves the fd before closing it");
        assertFalse(r.open(P, 3));
        Harness.Life l = r.life(P, 3);
        assertEquals("/home/u/data/x.txt", l.path());
        assertEquals(FdKind.FILE, l.kind());
        assertEquals("openat", l.openedBy());
        assertEquals(open.seq, l.openSeq());
        assertEquals(open.exitTs, l.openTs());
        assertEquals(close.exitTs, l.closeTs());
        assertEquals(FdSink.CLOSE, l.reason());
        assertEquals(0, l.flags());
        assertNull(l.family());
        assertNull(l.peer());
    }

    @Test
    void aDirectoryOpenedWithoutODirectoryIsADirOnceListedOrEntered() {
        Harness r = rec();
        r.run(openat(AT_FDCWD, "src", O_DIRECTORY).ret(3));
        assertEquals(FdKind.DIR, r.kind(P, 3), "O_DIRECTORY says so at once");
        r.run(openat(AT_FDCWD, "tree", 0).ret(4)); // as tar and find open directories
        assertEquals(FdKind.FILE, r.kind(P, 4), "nothing shows it is a directory yet");
        r.run(openat(AT_FDCWD, "notes.txt", 0).ret(5));
        r.run("getdents64", P, -20 /* ENOTDIR */, 5, 0, 32768);
        assertEquals(FdKind.FILE, r.kind(P, 5), "a failed listing proves nothing");
        r.run("getdents64", P, 1008, 4, 0, 32768);
        assertEquals(FdKind.DIR, r.kind(P, 4));
        r.run(openat(AT_FDCWD, "other", 0).ret(6));
        r.run("fchdir", P, 0, 6);
        assertEquals(FdKind.DIR, r.kind(P, 6), "fchdir only works on a directory");
        assertEquals("/home/u/other", r.fds.cwd(P));
        r.run("close", P, 0, 4);
        assertEquals(FdKind.DIR, r.life(P, 4).kind(), "the fds row says what it was");
    }

    @Test
    void failedCallsChangeNothing() {
        Harness r = rec();
        r.run(openat(AT_FDCWD, "missing", 0).ret(-ENOENT));
        assertFalse(r.open(P, 3));
        r.run(openat(AT_FDCWD, "x", 0).ret(3));
        r.run("close", P, -EBADF, 3);
        assertTrue(r.open(P, 3));
        r.run("dup2", P, -EBADF, 3, 9);
        assertFalse(r.open(P, 9));
        r.run("fcntl", P, -EBADF, 3, 2, 1); // F_SETFD FD_CLOEXEC, failed
        assertFalse(r.fds.cloexec(r.fds.lookup(P, P, 3)));
        r.run("read", P, -EBADF, 8, 0, 1);
        assertFalse(r.open(P, 8), "a failed call does not make an fd exist");
        r.run(new TestCall("chdir", P, P, 0).str(0, "/nope").ret(-ENOENT));
        assertEquals("/home/u", r.fds.cwd(P));
        r.assertNoLives();
    }

    @Test
    void closeOnlyWhenItReturnedZero() {
        Harness r = rec();
        r.run(openat(AT_FDCWD, "x", 0).ret(3));
        r.run("close", P, -EINTR, 3);
        assertTrue(r.open(P, 3));
        r.run(new TestCall("close", P, P, 3).noRet());
        assertTrue(r.open(P, 3), "a close that never returned changes nothing");
        r.run("close", P, 0, 3);
        assertFalse(r.open(P, 3));
        assertEquals(1, r.lives.size());
    }

    @Test
    void relativeOpenatAgainstDirfd() {
        Harness r = rec();
        r.run(openat(AT_FDCWD, "/srv//", O_DIRECTORY).ret(3));
        assertEquals(FdKind.DIR, r.kind(P, 3));
        assertEquals("/srv", r.path(P, 3));
        r.run(openat(3, "a/../b/./c.txt", 0).ret(4));
        assertEquals("/srv/b/c.txt", r.path(P, 4));
        r.run(openat(3, "/etc/hosts", 0).ret(5));
        assertEquals("/etc/hosts", r.path(P, 5), "an absolute path ignores the dirfd");

        r.run(new TestCall("newfstatat", P, P, 3, 0, 0, 0).str(1, "x").ret(0));
        assertEquals("/srv/x", r.lastPath);
        assertEquals(FdKind.FILE, r.lastKind);
        assertEquals(-1, r.lastFd);
        r.run(new TestCall("statx", P, P, 3, 0, 0x1000, 0, 0).str(1, "").ret(0)); // AT_EMPTY_PATH
        assertEquals("/srv", r.lastPath, "an empty path names the dirfd itself");
        assertEquals(FdKind.DIR, r.lastKind);
        assertEquals(3, r.lastFd);
        r.run(new TestCall("utimensat", P, P, 4, 0, 0, 0).ret(0)); // path NULL: the fd itself
        assertEquals("/srv/b/c.txt", r.lastPath);
        r.run(new TestCall("unlinkat", P, P, AT_FDCWD, 0, 0).str(1, "../v").ret(0));
        assertEquals("/home/v", r.lastPath);
        r.run(new TestCall("mkdirat", P, P, 3, 0, 0).str(1, "d").ret(0));
        assertEquals(FdKind.DIR, r.lastKind);
        assertEquals("/srv/d", r.lastPath);
    }

    @Test
    void relativeOpenAfterChdirAndFchdir() {
        Harness r = rec();
        r.run(new TestCall("chdir", P, P, 0).str(0, "/tmp").ret(0));
        r.run(new TestCall("open", P, P, 0, O_CREAT | O_WRONLY, 0644).str(0, "f").ret(3));
        assertEquals("/tmp/f", r.path(P, 3));
        r.run(new TestCall("chdir", P, P, 0).str(0, "sub/").ret(0));
        assertEquals("/tmp/sub", r.fds.cwd(P));
        r.run(new TestCall("stat", P, P, 0, 0).str(0, "g").ret(0));
        assertEquals("/tmp/sub/g", r.lastPath);
        r.run(new TestCall("mkdir", P, P, 0, 0755).str(0, "h").ret(0));
        assertEquals("/tmp/sub/h", r.lastPath);
        assertEquals(FdKind.DIR, r.lastKind);

        r.run(openat(AT_FDCWD, "/var", O_DIRECTORY).ret(4));
        r.run("fchdir", P, 0, 4);
        assertEquals("/var", r.fds.cwd(P));
        r.run(openat(AT_FDCWD, "log", 0).ret(5));
        assertEquals("/var/log", r.path(P, 5));
    }

    @Test
    void relativePathWithUnknownBaseStaysRelative() {
        Harness r = new Harness(); // no snapshot: cwd unknown
        r.run(new TestCall("openat", 300, 300, AT_FDCWD, 0, 0, 0).str(1, "./rel//x").ret(3));
        assertEquals("rel/x", r.fds.path(r.fds.lookup(300, 300, 3)));
        r.run(new TestCall("openat", 300, 300, 9, 0, 0, 0).str(1, "y").ret(4));
        assertEquals("y", r.fds.path(r.fds.lookup(300, 300, 4)), "dirfd of unknown origin: no base");
        assertEquals(FdKind.UNKNOWN, r.fds.kind(r.fds.lookup(300, 300, 9)), "the dirfd was used, so it exists");
    }

    @Test
    void unknownOriginForAnFdUsedButNeverOpened() {
        Harness r = rec();
        r.run("read", P, 10, 7, 0, 100);
        assertNull(r.lastPath);
        assertEquals(FdKind.UNKNOWN, r.lastKind);
        assertEquals(7, r.lastFd);
        assertTrue(r.open(P, 7));
        assertEquals(FdKind.UNKNOWN, r.kind(P, 7));
        assertNull(r.path(P, 7));
        TestCall close = r.run("close", P, 0, 7);
        Harness.Life l = r.life(P, 7);
        assertEquals("unknown", l.openedBy());
        assertEquals(-1, l.openSeq());
        assertEquals(-1, l.openTs());
        assertNull(l.path());
        assertEquals(FdKind.UNKNOWN, l.kind());
        assertEquals(-1, l.flags());
        assertEquals(close.exitTs, l.closeTs());
        assertEquals(1, r.fds.unknownOriginCount());

        r.run("close", P, 0, 8); // closing an fd never seen opened: a lifetime of unknown origin
        assertEquals("unknown", r.life(P, 8).openedBy());
    }

    @Test
    void dupInheritsPathKindFlagsButNotCloexec() {
        Harness r = rec();
        r.run(openat(AT_FDCWD, "/a", O_RDWR | O_CLOEXEC).ret(3));
        assertTrue(r.fds.cloexec(r.fds.lookup(P, P, 3)));
        TestCall dup = r.run("dup", P, 4, 3);
        assertEquals("/a", r.path(P, 4));
        assertEquals(FdKind.FILE, r.kind(P, 4));
        assertFalse(r.fds.cloexec(r.fds.lookup(P, P, 4)));
        r.run("close", P, 0, 3);
        r.run("close", P, 0, 4);
        assertEquals(O_RDWR | O_CLOEXEC, r.life(P, 3).flags());
        Harness.Life d = r.life(P, 4);
        assertEquals(O_RDWR, d.flags());
        assertEquals("dup", d.openedBy());
        assertEquals(dup.seq, d.openSeq());
        assertEquals("/a", d.path());
    }

    @Test
    void dup2OntoAnOpenFdClosesItFirst() {
        Harness r = rec();
        r.run(openat(AT_FDCWD, "/a", 0).ret(3));
        r.run(openat(AT_FDCWD, "/b", 0).ret(4));
        TestCall dup2 = r.run("dup2", P, 4, 3, 4);
        Harness.Life replaced = r.life(P, 4);
        assertEquals("/b", replaced.path());
        assertEquals(FdSink.DUP2, replaced.reason());
        assertEquals(dup2.exitTs, replaced.closeTs());
        assertEquals("/a", r.path(P, 4));

        r.run("dup2", P, 3, 3, 3);
        assertEquals(1, r.lives.size(), "dup2(fd, fd) is a no-op");
        assertEquals("/a", r.path(P, 3));

        r.run("dup3", P, 5, 3, 5, O_CLOEXEC);
        assertTrue(r.fds.cloexec(r.fds.lookup(P, P, 5)));
        r.run("dup3", P, 4, 3, 4, 0); // onto the open 4 again
        assertEquals(FdSink.DUP2, r.lives.get(1).reason());
        assertEquals("dup2", r.lives.get(1).openedBy());
        assertFalse(r.fds.cloexec(r.fds.lookup(P, P, 4)));
    }

    @Test
    void fcntlDupSetfdSetfl() {
        Harness r = rec();
        r.run(openat(AT_FDCWD, "/a", O_RDWR).ret(3));
        r.run("fcntl", P, 10, 3, 0, 10);        // F_DUPFD
        assertEquals("/a", r.path(P, 10));
        assertFalse(r.fds.cloexec(r.fds.lookup(P, P, 10)));
        r.run("fcntl", P, 11, 3, 1030, 10);     // F_DUPFD_CLOEXEC
        assertTrue(r.fds.cloexec(r.fds.lookup(P, P, 11)));
        r.run("fcntl", P, 0, 10, 2, 1);         // F_SETFD FD_CLOEXEC
        assertTrue(r.fds.cloexec(r.fds.lookup(P, P, 10)));
        r.run("fcntl", P, 0, 11, 2, 0);         // F_SETFD 0
        assertFalse(r.fds.cloexec(r.fds.lookup(P, P, 11)));
        r.run("fcntl", P, 0, 3, 4, O_NONBLOCK | O_APPEND | O_WRONLY); // F_SETFL: the access mode stays
        r.run("fcntl", P, O_RDWR, 3, 3, 0);     // F_GETFL changes nothing
        r.run("close", P, 0, 3);
        r.run("close", P, 0, 10);
        assertEquals(O_RDWR | O_NONBLOCK | O_APPEND, r.life(P, 3).flags());
        assertEquals(O_RDWR | O_NONBLOCK | O_APPEND | O_CLOEXEC, r.life(P, 10).flags(),
                "a duplicate shares the status flags of the open file description");
        assertEquals("fcntl", r.life(P, 10).openedBy());
    }

    @Test
    void ioctlFioclexAndFionclex() {
        Harness r = rec();
        r.run(openat(AT_FDCWD, "/a", 0).ret(3));
        r.run("ioctl", P, 0, 3, 0x5451, 0);
        assertTrue(r.fds.cloexec(r.fds.lookup(P, P, 3)));
        r.run("ioctl", P, 0, 3, 0x5450, 0);
        assertFalse(r.fds.cloexec(r.fds.lookup(P, P, 3)));
    }

    @Test
    void closeRangeClosesTheRange() {
        Harness r = rec();
        for (int fd = 3; fd <= 7; fd++) r.run(openat(AT_FDCWD, "/f" + fd, 0).ret(fd));
        TestCall cr = r.run("close_range", P, 0, 4, 6, 0);
        assertEquals(3, r.lives.size());
        for (Harness.Life l : r.lives) {
            assertEquals(FdSink.CLOSE_RANGE, l.reason());
            assertEquals(cr.exitTs, l.closeTs());
        }
        assertTrue(r.open(P, 3));
        assertTrue(r.open(P, 7));
        assertFalse(r.open(P, 5));
        r.run("close_range", P, 0, 7, 0xffffffffL, 0); // ~0U
        assertFalse(r.open(P, 7));
        assertTrue(r.open(P, 3));
    }

    @Test
    void closeRangeCloexecOnlyMarksThenExecCloses() {
        Harness r = rec();
        r.run(openat(AT_FDCWD, "/a", 0).ret(3));
        r.run(openat(AT_FDCWD, "/b", 0).ret(4));
        r.run(openat(AT_FDCWD, "/c", 0).ret(5));
        r.run("close_range", P, 0, 4, 0xffffffffL, 4); // CLOSE_RANGE_CLOEXEC
        r.assertNoLives();
        assertTrue(r.fds.cloexec(r.fds.lookup(P, P, 4)));
        assertFalse(r.fds.cloexec(r.fds.lookup(P, P, 3)));
        r.fds.exec(P, P, 5000);
        assertEquals(2, r.lives.size());
        assertEquals(FdSink.EXEC, r.life(P, 4).reason());
        assertEquals(5000, r.life(P, 5).closeTs());
        assertTrue(r.open(P, 3));
    }

    @Test
    void creatOpenat2OpenByHandleOpenTree() {
        Harness r = rec();
        r.run(new TestCall("creat", P, P, 0, 0644).str(0, "new.txt").ret(3));
        assertEquals("/home/u/new.txt", r.path(P, 3));
        byte[] how = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(O_DIRECTORY | O_CLOEXEC).putLong(0).putLong(0).array();
        r.run(new TestCall("openat2", P, P, AT_FDCWD, 0, 0, 24).str(1, "/etc").in(2, how).ret(4));
        assertEquals(FdKind.DIR, r.kind(P, 4));
        assertTrue(r.fds.cloexec(r.fds.lookup(P, P, 4)));
        r.run("open_by_handle_at", P, 5, 4, 0, O_RDWR);
        assertEquals(FdKind.FILE, r.kind(P, 5));
        assertNull(r.path(P, 5), "a file handle names no path");
        r.run(new TestCall("open_tree", P, P, 4, 0, 1 | O_CLOEXEC).str(1, "mnt").ret(6));
        assertEquals("/etc/mnt", r.path(P, 6));
        assertTrue(r.fds.cloexec(r.fds.lookup(P, P, 6)));
        r.fds.finish(9999);
        assertEquals(O_CREAT | O_WRONLY | O_TRUNC, r.life(P, 3).flags());
        assertEquals("creat", r.life(P, 3).openedBy());
        assertEquals(O_DIRECTORY | O_CLOEXEC, r.life(P, 4).flags());
        assertEquals(O_PATH | O_CLOEXEC, r.life(P, 6).flags());
        assertEquals("open_by_handle_at", r.life(P, 5).openedBy());
    }

    @Test
    void renameAndLinkSourcePaths() {
        Harness r = rec();
        r.run(openat(AT_FDCWD, "/srv", O_DIRECTORY).ret(3));
        TestCall ren = new TestCall("renameat", P, P, AT_FDCWD, 0, 3, 0).str(1, "a").str(3, "b").ret(0);
        int h = r.fds.resolve(ren);
        assertEquals("/home/u/a", r.fds.resolvedPath(ren, 1));
        assertEquals("/srv/b", r.fds.path(h), "resolvedPath leaves the handle from resolve intact");
        assertEquals("/home/u/a", r.fds.resolvedPath(ren, 1));
        assertEquals("/srv/b", r.fds.resolvedPath(ren, 3));
        r.run(ren);
        assertEquals("/srv/b", r.lastPath, "the row's path is the destination");
        TestCall rename = new TestCall("rename", P, P, 0, 0).str(0, "x").str(1, "/y").ret(0);
        assertEquals("/home/u/x", r.fds.resolvedPath(rename, 0));
        r.run(rename);
        assertEquals("/y", r.lastPath);
        TestCall sym = new TestCall("symlinkat", P, P, 0, 3, 0).str(0, "../target").str(2, "link").ret(0);
        assertEquals("../target", r.fds.resolvedPath(sym, 0), "a symlink's target text is not resolved");
        assertEquals("/srv/link", r.fds.resolvedPath(sym, 2));
        assertNull(r.fds.resolvedPath(new TestCall("rename", P, P, 0, 0).ret(0), 0));
    }

    @Test
    void mmapResolvesItsFdUnlessAnonymous() {
        Harness r = rec();
        r.run(openat(AT_FDCWD, "/lib/x.so", 0).ret(3));
        r.run("mmap", P, 0x7f0000000000L, 0, 4096, 1, 2, 3, 0);
        assertEquals("/lib/x.so", r.lastPath);
        assertEquals(3, r.lastFd);
        r.run("mmap", P, 0x7f0000001000L, 0, 4096, 3, 0x22, 0, 0); // MAP_PRIVATE|MAP_ANONYMOUS, fd 0
        assertNull(r.lastKind);
        assertFalse(r.open(P, 0), "an anonymous mapping does not use its fd argument");
        r.run("mmap", P, 0x7f0000002000L, 0, 4096, 3, 0x22, -1, 0);
        assertNull(r.lastKind);
    }

    @Test
    void invalidUtf8PathsAreEscaped() {
        Harness r = rec();
        r.run(new TestCall("openat", P, P, AT_FDCWD, 0, 0, 0).str(1, new byte[]{'/', 't', '/', (byte) 0xff, 'x'}).ret(3));
        assertEquals("/t/\\xffx", r.path(P, 3));
    }

    @Test
    void aReusedFdNumberEndsTheLifetimeWhoseCloseWasNotSeen() {
        Harness r = rec();
        r.run(openat(AT_FDCWD, "/a", 0).ret(3));
        TestCall second = r.run(openat(AT_FDCWD, "/b", 0).ret(3));
        Harness.Life l = r.life(P, 3);
        assertEquals("/a", l.path());
        assertEquals(FdSink.LOST, l.reason());
        assertEquals(second.exitTs, l.closeTs());
        assertEquals("/b", r.path(P, 3));
        assertEquals(1, r.fds.lostCount());
    }

    @Test
    void execveIsLeftToTheExecRecord() {
        Harness r = rec();
        r.run(openat(AT_FDCWD, "/a", O_CLOEXEC).ret(3));
        r.run(new TestCall("execve", P, P, 0, 0, 0).str(0, "/bin/true").ret(0));
        assertEquals("/bin/true", r.lastPath);
        assertTrue(r.open(P, 3));
        r.run(new TestCall("execve", P, P, 0, 0, 0).str(0, "/bin/nope").ret(-ENOENT));
        assertTrue(r.open(P, 3));
    }

    @Test
    void snapshotFileIsClosedLikeAnyOther() {
        Harness r = new Harness().seed(snapshot(P, "/", new Snapshot.Fd(P, 3, O_RDWR, 0, "/data/db", "")));
        r.run("write", P, 5, 3, 0, 5);
        assertEquals("/data/db", r.lastPath);
        r.run("close", P, 0, 3);
        Harness.Life l = r.life(P, 3);
        assertEquals("snapshot", l.openedBy());
        assertEquals(-1, l.openSeq());
        assertEquals(-1, l.openTs());
        assertEquals(O_RDWR, l.flags());
    }
}

package ior.analyzer.fd;

import org.junit.jupiter.api.Test;

import static ior.analyzer.fd.Harness.snapshot;
import static ior.analyzer.fd.TestCall.inet;
import static ior.analyzer.fd.TestCall.inet6;
import static ior.analyzer.fd.TestCall.unix;
import static org.junit.jupiter.api.Assertions.*;

/** Sockets, pipes and the anonymous fd kinds. */
class FdStateSocketTest {
    static final int P = 100;
    static final int AF_UNIX = 1, AF_INET = 2, AF_INET6 = 10, AF_NETLINK = 16;
    static final int SOCK_STREAM = 1, SOCK_DGRAM = 2, SOCK_NONBLOCK = 04000, SOCK_CLOEXEC = 02000000;
    static final int O_WRONLY = 01, O_RDWR = 02, O_NONBLOCK = 04000, O_CLOEXEC = 02000000;
    static final int ECONNREFUSED = 111, EINPROGRESS = 115;

    static Harness rec() {
        return new Harness().seed(snapshot(P, "/"));
    }

    static TestCall connect(int fd, byte[] addr, long ret) {
        return new TestCall("connect", P, P, fd, 0, addr.length).in(1, addr).ret(ret);
    }

    @Test
    void socketThenConnect() {
        Harness r = rec();
        r.run("socket", P, 3, AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        assertEquals(FdKind.SOCKET, r.kind(P, 3));
        assertNull(r.path(P, 3));
        assertTrue(r.fds.cloexec(r.fds.lookup(P, P, 3)));
        r.run(connect(3, inet("127.0.0.1", 8080), 0));
        assertEquals("127.0.0.1:8080", r.fds.peer(r.fds.lookup(P, P, 3)));
        r.run("sendto", P, 5, 3, 0, 5, 0, 0, 0);
        assertEquals(FdKind.SOCKET, r.lastKind);
        assertEquals(3, r.lastFd);
        r.run("close", P, 0, 3);
        Harness.Life l = r.life(P, 3);
        assertEquals(FdKind.SOCKET, l.kind());
        assertEquals("inet", l.family());
        assertEquals("127.0.0.1:8080", l.peer());
        assertNull(l.local());
        assertEquals("socket", l.openedBy());
        assertEquals(O_RDWR | O_CLOEXEC, l.flags());
    }

    @Test
    void connectRefusedChangesNothingButInProgressRecordsThePeer() {
        Harness r = rec();
        r.run("socket", P, 3, AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        r.run(connect(3, inet("10.0.0.1", 80), -ECONNREFUSED));
        assertNull(r.fds.peer(r.fds.lookup(P, P, 3)));
        r.run(connect(3, inet("10.0.0.2", 443), -EINPROGRESS));
        assertEquals("10.0.0.2:443", r.fds.peer(r.fds.lookup(P, P, 3)));
        r.run(new TestCall("getsockname", P, P, 3, 0, 0).out(1, inet("192.168.1.5", 40000)).ret(0));
        assertEquals("192.168.1.5:40000", r.fds.local(r.fds.lookup(P, P, 3)));
        r.run("close", P, 0, 3);
        assertEquals(O_RDWR | O_NONBLOCK, r.life(P, 3).flags());
    }

    @Test
    void bindListenAccept4() {
        Harness r = rec();
        r.run("socket", P, 3, AF_INET6, SOCK_STREAM, 0);
        byte[] any = inet6(new int[8], 8443, 0);
        r.run(new TestCall("bind", P, P, 3, 0, any.length).in(1, any).ret(0));
        assertEquals("[::]:8443", r.fds.local(r.fds.lookup(P, P, 3)));
        r.run("listen", P, 0, 3, 128);
        byte[] peer = inet6(new int[]{0, 0, 0, 0, 0, 0, 0, 1}, 5555, 0);
        TestCall acc = r.run(new TestCall("accept4", P, P, 3, 0, 0, SOCK_CLOEXEC | SOCK_NONBLOCK).out(1, peer).ret(4));
        assertEquals(3, r.lastFd, "accept resolves the listening socket");
        int h = r.fds.lookup(P, P, 4);
        assertEquals(FdKind.SOCKET, r.fds.kind(h));
        assertEquals("[::1]:5555", r.fds.peer(h));
        assertEquals("[::]:8443", r.fds.local(h), "the accepted socket has the listener's local address");
        assertTrue(r.fds.cloexec(h));
        r.run("accept", P, 5, 3, 0, 0); // no address asked for
        assertNull(r.fds.peer(r.fds.lookup(P, P, 5)));
        r.fds.finish(0);
        Harness.Life l = r.life(P, 4);
        assertEquals("inet6", l.family());
        assertEquals("accept4", l.openedBy());
        assertEquals(acc.seq, l.openSeq());
        assertEquals(O_RDWR | O_NONBLOCK | O_CLOEXEC, l.flags());
        assertEquals("inet6", r.life(P, 5).family());
    }

    @Test
    void unixSockets() {
        Harness r = rec();
        r.run("socket", P, 3, AF_UNIX, SOCK_STREAM, 0);
        r.run(connect(3, unix("/run/x.sock"), 0));
        assertEquals("unix:/run/x.sock", r.fds.peer(r.fds.lookup(P, P, 3)));
        r.run("socket", P, 4, AF_UNIX, SOCK_DGRAM, 0);
        r.run(connect(4, unix(new byte[]{0, 'a', 'b'}), 0));
        assertEquals("unix:@ab", r.fds.peer(r.fds.lookup(P, P, 4)));
        r.run(new TestCall("connect", P, P, 4, 0, 2).in(1, new byte[]{0, 0}).ret(0)); // AF_UNSPEC: dissolve
        assertNull(r.fds.peer(r.fds.lookup(P, P, 4)));
        r.fds.finish(0);
        assertEquals("unix", r.life(P, 3).family());
    }

    @Test
    void socketpairFromTheCapturedFds() {
        Harness r = rec();
        r.run(new TestCall("socketpair", P, P, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, 0).outFds(3, 5, 6).ret(0));
        assertEquals(FdKind.SOCKET, r.kind(P, 5));
        assertEquals(FdKind.SOCKET, r.kind(P, 6));
        assertTrue(r.fds.cloexec(r.fds.lookup(P, P, 6)));
        assertEquals("unix:", r.fds.peer(r.fds.lookup(P, P, 5)));
        r.run("close", P, 0, 5);
        assertTrue(r.open(P, 6), "each end is its own fd");
        assertEquals("socketpair", r.life(P, 5).openedBy());
    }

    @Test
    void pipeFdsComeFromTheExitCapturedPair() {
        Harness r = rec();
        TestCall pipe = r.run(new TestCall("pipe", P, P, 0).outFds(0, 3, 4).ret(0));
        assertEquals(FdKind.PIPE, r.kind(P, 3));
        assertEquals(FdKind.PIPE, r.kind(P, 4));
        assertFalse(r.fds.cloexec(r.fds.lookup(P, P, 3)));
        r.run(new TestCall("pipe2", P, P, 0, O_CLOEXEC | O_NONBLOCK).outFds(0, 7, 8).ret(0));
        assertTrue(r.fds.cloexec(r.fds.lookup(P, P, 7)));
        assertTrue(r.fds.cloexec(r.fds.lookup(P, P, 8)));
        r.run(new TestCall("pipe2", P, P, 0, 0).ret(0)); // fds not captured: nothing to install
        assertEquals(1, r.fds.missingOutCount());
        r.run(new TestCall("pipe", P, P, 0).outFds(0, 9, 10).ret(-24)); // EMFILE
        assertFalse(r.open(P, 9));
        r.run("close", P, 0, 3);
        r.fds.finish(0);
        Harness.Life rd = r.life(P, 3);
        assertEquals("pipe", rd.openedBy());
        assertEquals(pipe.seq, rd.openSeq());
        assertEquals(0, rd.flags());
        assertEquals(O_WRONLY, r.life(P, 4).flags());
        assertEquals(O_WRONLY | O_NONBLOCK | O_CLOEXEC, r.life(P, 8).flags());
        assertEquals(4, r.lives.size());
    }

    @Test
    void anonymousKinds() {
        Harness r = rec();
        r.run("eventfd", P, 3, 0);
        r.run("eventfd2", P, 4, 0, O_CLOEXEC);
        r.run("epoll_create", P, 5, 1);
        r.run("epoll_create1", P, 6, O_CLOEXEC);
        r.run("timerfd_create", P, 7, 1, 0);
        r.run("signalfd", P, 8, -1, 0, 8);
        r.run("signalfd4", P, 9, -1, 0, 8, O_CLOEXEC);
        r.run("inotify_init", P, 10);
        r.run("inotify_init1", P, 11, O_CLOEXEC);
        r.run("fanotify_init", P, 12, 1, 0);
        r.run("memfd_create", P, 13, 0, 1);
        r.run(new TestCall("memfd_create", P, P, 0, 0).str(0, "jit").ret(14));
        r.run("memfd_secret", P, 15, 0);
        r.run("userfaultfd", P, 16, O_CLOEXEC);
        r.run("io_uring_setup", P, 17, 8, 0);
        r.run("perf_event_open", P, 18, 0, -1, 0, -1, 8);
        r.run("fsopen", P, 19, 0, 1);
        r.run("fsmount", P, 20, 19, 0, 0);
        r.run(new TestCall("fspick", P, P, -100, 0, 0).str(1, "/mnt").ret(21));
        r.run("landlock_create_ruleset", P, 22, 0, 16, 0);
        r.run("pidfd_open", P, 23, 1, 0);
        r.run("seccomp", P, 24, 1, 8, 0);
        Object[][] expect = {
                {3, FdKind.EVENTFD, false}, {4, FdKind.EVENTFD, true}, {5, FdKind.EPOLL, false},
                {6, FdKind.EPOLL, true}, {7, FdKind.TIMERFD, false}, {8, FdKind.SIGNALFD, false},
                {9, FdKind.SIGNALFD, true}, {10, FdKind.INOTIFY, false}, {11, FdKind.INOTIFY, true},
                {12, FdKind.FANOTIFY, true}, {13, FdKind.MEMFD, true}, {14, FdKind.MEMFD, false},
                {15, FdKind.MEMFD, false}, {16, FdKind.ANON, true}, {17, FdKind.IO_URING, true},
                {18, FdKind.PERF, true}, {19, FdKind.ANON, true}, {20, FdKind.ANON, false},
                {21, FdKind.ANON, false}, {22, FdKind.ANON, true}, {23, FdKind.PIDFD, true},
                {24, FdKind.ANON, true},
        };
        for (Object[] e : expect) {
            int fd = (Integer) e[0];
            int h = r.fds.lookup(P, P, fd);
            assertTrue(h >= 0, "fd " + fd + " open");
            assertEquals(e[1], r.fds.kind(h), "kind of fd " + fd);
            assertEquals(e[2], r.fds.cloexec(h), "cloexec of fd " + fd);
        }
        assertNull(r.path(P, 13), "memfd_create's name is not captured by the table");
        assertEquals("/memfd:jit", r.path(P, 14));
        assertNull(r.path(P, 3));

        r.run("signalfd", P, 8, 8, 0, 8); // with an fd: updates it, creates nothing
        assertEquals(FdKind.SIGNALFD, r.kind(P, 8));
        r.assertNoLives();
        r.run("signalfd4", P, 40, 40, 0, 8, 0); // an fd of unknown origin now known to be a signalfd
        assertEquals(FdKind.SIGNALFD, r.kind(P, 40));
        r.run("landlock_create_ruleset", P, 6, 0, 0, 1); // LANDLOCK_CREATE_RULESET_VERSION: returns the ABI
        r.run("seccomp", P, 0, 1, 0, 0);                 // a filter without a listener returns 0
        r.assertNoLives();
        r.run("epoll_ctl", P, 0, 5, 1, 41, 0);           // adding an fd of unknown origin: it exists
        assertEquals(FdKind.UNKNOWN, r.kind(P, 41));
    }

    @Test
    void bpfFdsByCommand() {
        Harness r = rec();
        r.run("bpf", P, 3, 0, 0, 72);   // BPF_MAP_CREATE
        r.run("bpf", P, 4, 5, 0, 144);  // BPF_PROG_LOAD
        r.run("bpf", P, 5, 7, 0, 16);   // BPF_OBJ_GET
        r.run("bpf", P, 6, 14, 0, 16);  // BPF_MAP_GET_FD_BY_ID
        r.run("bpf", P, 7, 28, 0, 64);  // BPF_LINK_CREATE
        r.run("bpf", P, 8, 18, 0, 32);  // BPF_BTF_LOAD
        for (int fd = 3; fd <= 8; fd++) {
            assertEquals(FdKind.BPF, r.kind(P, fd));
            assertTrue(r.fds.cloexec(r.fds.lookup(P, P, fd)));
        }
        r.run("bpf", P, 0, 2, 0, 32);   // BPF_MAP_UPDATE_ELEM returns 0: no fd
        assertFalse(r.open(P, 0));
        r.run("bpf", P, 12, 12, 0, 32); // BPF_MAP_GET_NEXT_ID
        assertFalse(r.open(P, 12));
    }

    @Test
    void mqOpen() {
        Harness r = rec();
        r.run(new TestCall("mq_open", P, P, 0, O_RDWR, 0600, 0).str(0, "queue").ret(3));
        assertEquals("mq:/queue", r.lastPath);
        assertEquals(FdKind.MQUEUE, r.lastKind);
        assertEquals("mq:/queue", r.path(P, 3));
        assertEquals(FdKind.MQUEUE, r.kind(P, 3));
        assertTrue(r.fds.cloexec(r.fds.lookup(P, P, 3)), "mq descriptors are always close-on-exec");
        r.run(new TestCall("mq_open", P, P, 0, 0, 0, 0).str(0, "/q2").ret(4));
        assertEquals("mq:/q2", r.path(P, 4));
        r.run(new TestCall("mq_unlink", P, P, 0).str(0, "queue").ret(0));
        assertEquals("mq:/queue", r.lastPath);
    }

    @Test
    void connectOnAnFdOfUnknownOriginMakesItASocket() {
        Harness r = rec();
        r.run(connect(9, inet("1.2.3.4", 53), 0));
        int h = r.fds.lookup(P, P, 9);
        assertEquals(FdKind.SOCKET, r.fds.kind(h));
        assertEquals("1.2.3.4:53", r.fds.peer(h));
        r.fds.finish(0);
        assertEquals("unknown", r.life(P, 9).openedBy());
        assertEquals("inet", r.life(P, 9).family());
    }

    @Test
    void socketStateIsSharedWithDuplicatesAndForkedCopies() {
        Harness r = rec();
        r.run("socket", P, 3, AF_NETLINK, 3, 0);
        r.run("dup", P, 4, 3);
        r.fds.fork(P, 200, 200, false, false, 0);
        r.run(connect(3, new byte[]{16, 0, 0, 0, 0x39, 0x30, 0, 0, 0, 0, 0, 0}, 0));
        assertEquals("netlink:12345", r.fds.peer(r.fds.lookup(P, P, 4)));
        assertEquals("netlink:12345", r.fds.peer(r.fds.lookup(200, 200, 3)));
    }
}

package ior.it;

import ior.format.Records;
import ior.it.DecodedTrace.Call;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Records the workload program (src/test/workload/workload.c) with `ior record -- workload
 * scenarios DIR` and checks the raw records against the workload's contract: syscall, arguments,
 * captured paths and structs, return values, pids, lifecycle events, no losses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordWorkloadTest {
    Path dir, trace;
    DecodedTrace t;
    int wpid;
    IorRun.Result run;

    /** Temporary directories of this class (traces, caches, exports): removed after its tests. */
    final java.util.List<Path> scratch = new java.util.ArrayList<>();

    @org.junit.jupiter.api.AfterAll
    void removeScratch() throws Exception {
        for (Path p : scratch) ScenariosTrace.delete(p);
    }

    @BeforeAll
    void record() throws IOException, InterruptedException {
        IorRun.assumeCanRecord();
        Path base = Files.createTempDirectory("ior-it");
        scratch.add(base);
        dir = Files.createDirectory(base.resolve("w"));
        trace = base.resolve("workload.iortrace");
        run = IorRun.run("record", "-q", "-o", trace.toString(), "--", IorRun.workload().toString(), "scenarios", dir.toString());
        assertEquals(0, run.exit(), run.toString());
        Matcher m = Pattern.compile("done (\\d+)").matcher(run.out());
        assertTrue(m.find(), run.toString());
        wpid = Integer.parseInt(m.group(1));
        t = DecodedTrace.read(trace);
    }

    private List<Call> sc(String name) {
        return t.scenario(wpid, name);
    }

    private static List<String> names(List<Call> calls) {
        return calls.stream().map(c -> c.name).toList();
    }

    private String d(String f) {
        return dir + "/" + f;
    }

    private static Call only(List<Call> calls, String name, int index) {
        List<Call> m = calls.stream().filter(c -> c.name.equals(name)).toList();
        assertTrue(m.size() > index, "no " + name + " #" + index + " in " + calls);
        return m.get(index);
    }

    @Test
    void fileIsCompleteAndPrivateAndLossless() throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(trace)));
        assertTrue(t.summary.hasTrailer, "trailer written");
        assertEquals(-1, t.summary.tornAt);
        assertEquals(0, t.summary.lostEvents(), "no lost events");
        assertEquals(0, t.summary.lost[Records.STAT_READ_FAIL], "no unrecovered user-memory reads");
        assertEquals(0, t.mismatches, "every exit pairs with its thread's enter");
        assertEquals(IorRun.workload().toString(), t.header.get("command").split(" ")[0]);
        assertFalse(t.header.getOrDefault("tracefs.formats.z", "").isEmpty(), "header carries the kernel's syscall formats");
        // read by the recorder's warm-up thread: the whole of it, as the kernel describes it now
        java.util.zip.Inflater inf = new java.util.zip.Inflater(true);
        inf.setInput(java.util.Base64.getDecoder().decode(t.header.get("tracefs.formats.z")));
        java.io.ByteArrayOutputStream formats = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        while (!inf.finished()) formats.write(buf, 0, inf.inflate(buf));
        assertEquals(ior.recorder.HostInfo.syscallFormats(ior.recorder.HostInfo.tracefsRoot()), formats.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(t.header.get("syscalls.table").contains("openat2"));
    }

    @Test
    void loaderStartIsRecordedAfterExec() {
        DecodedTrace.Exec exec = t.execs.stream().filter(e -> e.pid() == wpid).findFirst().orElseThrow();
        assertEquals(IorRun.workload().toString(), exec.filename());
        assertTrue(exec.argv().startsWith(IorRun.workload() + "\0scenarios\0" + dir), exec.argv());
        // the dynamic loader's first opens happen after exec and are in the trace
        List<Call> opens = t.calls(c -> c.pid == wpid && c.name.equals("openat") && c.enterTs > exec.ts());
        assertTrue(opens.stream().anyMatch(c -> c.str.getOrDefault(1, "").equals("/etc/ld.so.cache")), "ld.so.cache open recorded");
        assertTrue(opens.stream().anyMatch(c -> c.str.getOrDefault(1, "").contains("libc.so.6")), "libc open recorded");
    }

    @Test
    void open() {
        List<Call> s = sc("open");
        assertEquals(List.of("open", "close", "creat", "close", "open", "openat", "close", "close", "openat2", "close", "open"), names(s));
        Call o = s.get(0);
        assertEquals(d("a.txt"), o.str.get(0));
        assertEquals(0x241, o.arg(1));
        assertEquals(0644, o.arg(2));
        assertTrue(o.ret >= 3);
        assertEquals(o.ret, s.get(1).arg(0), "close gets the fd open returned");
        assertEquals(d("b.txt"), s.get(2).str.get(0));
        assertEquals(0600, s.get(2).arg(1));
        Call dfd = s.get(4), at = s.get(5);
        assertEquals(dir.toString(), dfd.str.get(0));
        assertEquals(dfd.ret.longValue(), at.arg(0), "openat's dirfd");
        assertEquals("c.txt", at.str.get(1));
        assertEquals(0x42, at.arg(2));
        Call o2 = s.get(8);
        assertEquals(-100, o2.iarg(0));
        assertEquals(d("a.txt"), o2.str.get(1));
        ByteBuffer how = ByteBuffer.wrap(o2.in.get(2)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(24, how.remaining(), "struct open_how");
        assertEquals(0, how.getLong(0));
        assertEquals(4, how.getLong(16), "RESOLVE_NO_SYMLINKS");
        assertEquals(-2, s.get(10).ret, "ENOENT");
        assertEquals(d("missing.txt"), s.get(10).str.get(0));
    }

    @Test
    void readWrite() {
        List<Call> s = sc("rw");
        assertEquals(List.of("open", "write", "pwrite64", "lseek", "read", "pread64", "writev", "lseek", "readv", "close"), names(s));
        long fd = s.get(0).ret;
        for (Call c : s.subList(1, s.size())) assertEquals(fd, c.arg(0), c.name + " on the file's fd");
        assertEquals(4096, s.get(1).ret);
        assertEquals(4096, s.get(1).arg(2));
        assertEquals(100, s.get(2).ret);
        assertEquals(8192, s.get(2).arg(3));
        assertEquals(0, s.get(3).ret);
        assertEquals(4096, s.get(4).ret);
        assertEquals(100, s.get(5).ret);
        assertEquals(60, s.get(6).ret);
        assertEquals(3, s.get(6).arg(2), "iovcnt");
        assertEquals(32, s.get(8).ret);
    }

    @Test
    void closeAndCloseRange() {
        List<Call> s = sc("close");
        assertEquals(List.of("open", "open", "open", "close_range", "open", "close_range", "close", "close"), names(s));
        assertEquals(s.get(0).ret.longValue(), s.get(3).arg(0));
        assertEquals(s.get(2).ret.longValue(), s.get(3).arg(1));
        assertEquals(0, s.get(3).ret);
        assertEquals(4, s.get(5).arg(2), "CLOSE_RANGE_CLOEXEC");
        assertEquals(0, s.get(6).ret);
        assertEquals(-9, s.get(7).ret, "EBADF");
    }

    @Test
    void dupAndFcntl() {
        List<Call> s = sc("dup");
        long fd = s.get(0).ret;
        assertEquals("dup", s.get(1).name);
        assertEquals(fd + 1, s.get(1).ret);
        assertEquals(100, only(s, "dup2", 0).ret);
        Call dup3 = only(s, "dup3", 0);
        assertEquals(101, dup3.ret);
        assertEquals(0x80000, dup3.arg(2));
        assertEquals(200, only(s, "fcntl", 0).ret);
        assertEquals(300, only(s, "fcntl", 1).ret);
        assertEquals(1030, only(s, "fcntl", 1).arg(1));
        assertEquals(0xc00, only(s, "fcntl", 3).arg(2));
        assertEquals(0x8c00, only(s, "fcntl", 4).ret);
        Call onto = only(s, "dup2", 1);
        assertEquals(only(s, "open", 1).ret.longValue(), onto.arg(1), "dup2 onto an open fd");
        assertEquals(7, s.stream().filter(c -> c.name.equals("close") && c.ret == 0).count());
    }

    @Test
    void renameAndLinks() {
        List<Call> r = sc("rename");
        Call rn = only(r, "rename", 0);
        assertEquals(d("r1"), rn.str.get(0));
        assertEquals(d("r2"), rn.str.get(1));
        Call rat = only(r, "renameat", 0);
        assertEquals(d("r2"), rat.str.get(1));
        assertEquals(d("r3"), rat.str.get(3));
        Call r2 = only(r, "renameat2", 0);
        assertEquals(d("r4"), r2.str.get(3));
        assertEquals(1, r2.arg(4));
        assertEquals(-2, only(r, "rename", 1).ret);
        List<Call> l = sc("link");
        assertEquals(List.of("link", "symlink", "readlink", "linkat", "symlinkat", "unlink", "unlinkat", "unlink"), names(l));
        assertEquals("r4", l.get(1).str.get(0));
        assertEquals(d("s1"), l.get(1).str.get(1));
        assertEquals(2, l.get(2).ret);
        assertEquals(d("l2"), l.get(3).str.get(3));
        assertEquals(-2, l.get(7).ret);
    }

    @Test
    void directories() {
        List<Call> s = sc("dir");
        assertEquals(d("sub"), only(s, "mkdir", 0).str.get(0));
        assertEquals(d("sub2"), only(s, "mkdirat", 0).str.get(1));
        assertTrue(only(s, "getdents64", 0).ret > 0);
        assertEquals(0, only(s, "getdents64", 1).ret);
        assertEquals(-39, only(s, "rmdir", 0).ret, "ENOTEMPTY");
        assertEquals(0, only(s, "rmdir", 1).ret);
    }

    @Test
    void statFamily() {
        List<Call> s = sc("stat");
        assertEquals(List.of("stat", "lstat", "open", "fstat", "close", "newfstatat", "statx", "access", "stat"), names(s));
        assertEquals(d("a.txt"), s.get(0).str.get(0));
        assertEquals(d("a.txt"), s.get(6).str.get(1));
        assertEquals(0x7ff, s.get(6).arg(3));
        assertEquals(0, s.get(7).ret);
        assertEquals(-2, s.get(8).ret);
    }

    @Test
    void fsyncAndTruncate() {
        assertEquals(List.of("open", "write", "fsync", "fdatasync", "sync_file_range", "close"), names(sc("fsync")));
        assertEquals(2, only(sc("fsync"), "sync_file_range", 0).arg(3));
        List<Call> tr = sc("truncate");
        assertEquals(d("f.bin"), only(tr, "truncate", 0).str.get(0));
        assertEquals(10, only(tr, "truncate", 0).arg(1));
        assertEquals(5, only(tr, "ftruncate", 0).arg(1));
    }

    @Test
    void pipesCarryTheirFdsAtExit() {
        List<Call> s = sc("pipe");
        Call pipe = only(s, "pipe", 0);
        ByteBuffer fds = ByteBuffer.wrap(pipe.out.get(0)).order(ByteOrder.LITTLE_ENDIAN);
        int p0 = fds.getInt(0), p1 = fds.getInt(4);
        assertTrue(p0 >= 3 && p1 == p0 + 1, "pipe fds " + p0 + "," + p1);
        assertEquals(p1, only(s, "write", 0).arg(0));
        assertEquals(5, only(s, "write", 0).ret);
        assertEquals(p0, only(s, "read", 0).arg(0));
        Call pipe2 = only(s, "pipe2", 0);
        assertEquals(0x80800, pipe2.arg(1));
        int q0 = ByteBuffer.wrap(pipe2.out.get(0)).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        assertEquals(q0, only(s, "read", 1).arg(0));
        assertEquals(-11, only(s, "read", 1).ret, "EAGAIN");
    }

    @Test
    void socketsCarryAddresses() {
        List<Call> s = sc("socket");
        Call bind = only(s, "bind", 0);
        ByteBuffer a = ByteBuffer.wrap(bind.in.get(1));
        assertEquals(16, a.remaining(), "sockaddr_in length from addrlen");
        assertEquals(2, a.get(0) & 0xff, "AF_INET");
        assertArrayEquals(new byte[]{127, 0, 0, 1}, java.util.Arrays.copyOfRange(bind.in.get(1), 4, 8));
        byte[] name = only(s, "getsockname", 0).out.get(1);
        assertNotNull(name, "getsockname result captured at exit");
        int port = ((name[2] & 0xff) << 8) | (name[3] & 0xff);
        assertTrue(port > 0);
        byte[] conn = only(s, "connect", 0).in.get(1);
        assertEquals(port, ((conn[2] & 0xff) << 8) | (conn[3] & 0xff), "connect to the server's port");
        Call acc = only(s, "accept4", 0);
        assertTrue(acc.ret >= 3);
        assertEquals(2, acc.out.get(1)[0], "peer address of accept4");
        assertEquals(11, only(s, "sendto", 0).ret);
        assertEquals(11, only(s, "recvfrom", 0).ret);
        Call udp = only(s, "sendto", 2);
        assertEquals(4, udp.ret);
        assertEquals(9, ((udp.in.get(4)[2] & 0xff) << 8) | (udp.in.get(4)[3] & 0xff), "UDP destination port");
        assertEquals(-111, only(s, "connect", 1).ret, "ECONNREFUSED");
        byte[] un = only(s, "bind", 1).in.get(1);
        assertEquals(1, un[0], "AF_UNIX");
        assertTrue(new String(un, 2, un.length - 2).startsWith(d("sock")));
        Call sp = only(s, "socketpair", 0);
        assertEquals(8, sp.out.get(3).length, "socketpair fds at exit");
    }

    @Test
    void epollEventfdAndTimers() {
        List<Call> e = sc("epoll");
        Call add = only(e, "epoll_ctl", 0);
        ByteBuffer ev = ByteBuffer.wrap(add.in.get(3)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1, ev.getInt(0), "EPOLLIN");
        assertEquals(42, ev.getLong(4), "epoll data");
        assertEquals(1, only(e, "epoll_wait", 0).ret);
        List<Call> f = sc("eventfd");
        assertEquals(List.of("eventfd2", "write", "read", "close", "timerfd_create", "timerfd_settime", "read", "close",
                "signalfd4", "close", "memfd_create", "write", "close", "inotify_init1", "inotify_add_watch", "close"), names(f));
        ByteBuffer its = ByteBuffer.wrap(only(f, "timerfd_settime", 0).in.get(2)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1_000_000, its.getLong(24), "it_value.tv_nsec");
        assertEquals(dir.toString(), only(f, "inotify_add_watch", 0).str.get(1));
        assertEquals(1, only(f, "inotify_add_watch", 0).ret);
        List<Call> tm = sc("timers");
        ByteBuffer ns = ByteBuffer.wrap(only(tm, "nanosleep", 0).in.get(0)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1_000_000, ns.getLong(8));
        Call cns = only(tm, "clock_nanosleep", 0);
        assertEquals(2_000_000, ByteBuffer.wrap(cns.in.get(2)).order(ByteOrder.LITTLE_ENDIAN).getLong(8));
        assertTrue(cns.exitTs - cns.enterTs >= 2_000_000, "a 2 ms sleep takes at least 2 ms");
        assertEquals(0, only(tm, "alarm", 0).ret);
    }

    @Test
    void asyncIo() {
        List<Call> s = sc("aio");
        Call setup = only(s, "io_setup", 0);
        assertEquals(8, setup.arg(0), "nr_events, a count");
        assertEquals(0, setup.ret);
        assertNotEquals(0, ByteBuffer.wrap(setup.out.get(1)).order(ByteOrder.LITTLE_ENDIAN).getLong(0), "aio context id at exit");
        assertEquals(1, only(s, "io_submit", 0).ret);
        assertEquals(1, only(s, "io_getevents", 0).ret);
        assertEquals(0, only(s, "io_destroy", 0).ret);
        List<Call> u = sc("io_uring");
        if (u.stream().anyMatch(c -> c.name.equals("io_uring_setup") && c.ret >= 0)) {
            assertEquals(4, only(u, "io_uring_setup", 0).arg(0));
        } else {
            assertTrue(u.stream().anyMatch(c -> c.name.equals("write") && c.arg(0) == 2), "skip message when io_uring is off");
        }
    }

    @Test
    void forkFollowsTheChildThroughExec() {
        Call clone = only(sc("fork"), "clone", 0);
        int child = clone.ret.intValue();
        assertTrue(child > 0);
        DecodedTrace.Fork fork = t.forks.stream().filter(f -> f.childPid() == child).findFirst().orElseThrow();
        assertEquals(wpid, fork.parentPid());
        assertEquals(0, fork.flags() & Records.FORK_THREAD);
        List<Call> cc = t.calls(c -> c.pid == child);
        Call getppid = cc.stream().filter(c -> c.name.equals("getppid")).findFirst().orElseThrow();
        assertEquals(wpid, getppid.ret);
        Call open = cc.stream().filter(c -> c.name.equals("open")).findFirst().orElseThrow();
        assertEquals(d("child.txt"), open.str.get(0));
        Call execve = cc.stream().filter(c -> c.name.equals("execve")).findFirst().orElseThrow();
        assertEquals("/bin/true", execve.str.get(0));
        assertEquals(0, execve.ret);
        DecodedTrace.Exec exec = t.execs.stream().filter(e -> e.pid() == child).findFirst().orElseThrow();
        assertEquals("/bin/true", exec.filename());
        assertEquals("true", exec.comm());
        DecodedTrace.Exit exit = t.exits.stream().filter(e -> e.pid() == child && e.groupDead()).findFirst().orElseThrow();
        assertEquals(0, exit.code());
        assertEquals(child, only(sc("fork"), "wait4", 0).ret);
    }

    @Test
    void threadsShareTheFdTableAndRename() {
        DecodedTrace.Fork thread = t.forks.stream()
                .filter(f -> f.parentPid() == wpid && (f.flags() & Records.FORK_THREAD) != 0).findFirst().orElseThrow();
        assertEquals(wpid, thread.childPid());
        assertNotEquals(wpid, thread.childTid());
        assertTrue((thread.flags() & Records.FORK_SHARES_FILES) != 0, "a pthread shares the fd table");
        DecodedTrace.Rename rn = t.renames.stream().filter(r -> r.tid() == thread.childTid()).findFirst().orElseThrow();
        assertEquals("ior-worker", rn.comm());
        Call open = t.calls(c -> c.tid == thread.childTid() && c.name.equals("open")).getFirst();
        assertEquals(d("thread.txt"), open.str.get(0));
        assertEquals(wpid, open.pid, "the thread's calls carry the process id");
    }

    @Test
    void errorsAndMemory() {
        List<Call> e = sc("errors");
        assertEquals(List.of(-9L, -20L, -17L), e.stream().map(c -> c.ret).toList());
        List<Call> m = sc("mmap");
        Call anon = only(m, "mmap", 0);
        assertEquals(1048576, anon.arg(1));
        assertTrue(anon.ret > 0);
        assertEquals(0x22, anon.arg(3));
        assertEquals(0, only(m, "munmap", 0).ret);
        assertTrue(only(m, "brk", 0).ret > 0);
    }

    @Test
    void workloadExitIsRecorded() {
        DecodedTrace.Exit exit = t.exits.stream().filter(x -> x.pid() == wpid && x.groupDead()).findFirst().orElseThrow();
        assertEquals(0, exit.code());
        assertTrue(t.calls(c -> c.pid == wpid && c.name.equals("exit_group")).getFirst().ret == null, "exit_group never returns");
    }
}

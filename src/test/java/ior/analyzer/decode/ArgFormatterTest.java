package ior.analyzer.decode;

import ior.syscalls.ArgRole;
import ior.syscalls.Syscall;
import ior.syscalls.SyscallTable;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArgFormatterTest {

    private static String col(String name, long... args) {
        return ArgFormatter.flagsColumn(name, args, args.length);
    }

    @Test
    void everyDispatchEntryResolvesAgainstTheX8664Table() {
        assertEquals(List.of(), ArgFormatter.unresolved(SyscallTable.x86_64()));
        FlagsColumn c = ArgFormatter.x86_64();
        for (String name : ArgFormatter.decodedNames()) {
            assertTrue(c.has(SyscallTable.x86_64().byName(name).nr()), name);
        }
    }

    @Test
    void open() {
        assertEquals("O_RDONLY|O_CLOEXEC", col("openat", -100, 0x7ffd0000L, 0x80000, 0));
        assertEquals("O_WRONLY|O_CREAT|O_TRUNC", col("openat", -100, 0x7ffd0000L, 0x241, 0644));
        assertEquals("O_RDONLY|O_APPEND|O_NONBLOCK|O_LARGEFILE", col("open", 0x7ffd0000L, 0x8c00, 0));
        assertEquals("O_WRONLY|O_CREAT|O_TRUNC", col("creat", 0x7ffd0000L, 0644));
        assertNull(col("openat2", -100, 0x7ffd0000L, 0x7ffd1000L, 24));
        assertEquals("O_RDWR|O_CREAT", ArgFormatter.openHowFlags(0x42));
        assertEquals("O_RDWR|O_CREAT|O_CLOEXEC", col("mq_open", 0x7ffd0000L, 0x80042, 0600, 0));
    }

    @Test
    void fcntl() {
        assertEquals("F_DUPFD_CLOEXEC", col("fcntl", 3, 1030, 10));
        assertEquals("F_GETFL", col("fcntl", 3, 3, 0));
        assertEquals("F_SETFL,O_RDONLY|O_NONBLOCK", col("fcntl", 3, 4, 0x800));
        assertEquals("F_SETFL,O_RDWR|O_APPEND|O_NONBLOCK", col("fcntl", 3, 4, 0xc02));
        assertEquals("F_SETFD,FD_CLOEXEC", col("fcntl", 3, 2, 1));
        assertEquals("F_SETFD,0", col("fcntl", 3, 2, 0));
        assertEquals("F_ADD_SEALS,F_SEAL_SEAL|F_SEAL_WRITE", col("fcntl", 3, 1033, 9));
        assertEquals("0x7fff", col("fcntl", 3, 0x7fff, 0));
    }

    @Test
    void memory() {
        assertEquals("PROT_READ|PROT_WRITE,MAP_PRIVATE|MAP_ANONYMOUS", col("mmap", 0, 4096, 3, 0x22, -1, 0));
        assertEquals("PROT_READ,MAP_PRIVATE|MAP_DENYWRITE", col("mmap", 0, 8192, 1, 0x802, 3, 0));
        assertEquals("PROT_NONE", col("mprotect", 0x7f0000000000L, 4096, 0));
        assertEquals("MADV_DONTNEED", col("madvise", 0x7f0000000000L, 4096, 4));
        assertEquals("MREMAP_MAYMOVE", col("mremap", 0x7f0000000000L, 4096, 8192, 1, 0));
    }

    @Test
    void processesAndSignals() {
        assertEquals("CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD", col("clone", 0x1200011, 0, 0, 0x7f00L, 0));
        assertEquals("CLONE_NEWNS", col("unshare", 0x20000));
        assertEquals("SIGTERM", col("kill", 1234, 15));
        assertEquals("0", col("kill", 1234, 0));
        assertEquals("SIGKILL", col("tgkill", 1, 2, 9));
        assertEquals("SIGUSR1", col("tkill", 2, 10));
        assertEquals("SIGCHLD", col("rt_sigaction", 17, 0x1000, 0, 8));
        assertEquals("SIG_BLOCK", col("rt_sigprocmask", 0, 0x1000, 0, 8));
        assertEquals("WNOHANG", col("wait4", -1, 0, 1, 0));
        assertEquals("SIGINT", col("pidfd_send_signal", 5, 2, 0, 0));
        assertNull(col("clone3", 0x7ffd0000L, 88));
        assertNull(col("fork"));
    }

    @Test
    void filesAndAtCalls() {
        assertEquals("AT_REMOVEDIR", col("unlinkat", -100, 0x7ffd0000L, 0x200));
        assertEquals("0", col("unlinkat", -100, 0x7ffd0000L, 0));
        assertEquals("AT_SYMLINK_NOFOLLOW", col("newfstatat", -100, 0x7ffd0000L, 0x7ffd1000L, 0x100));
        assertEquals("AT_EMPTY_PATH", col("statx", 3, 0x7ffd0000L, 0x1000, 0x7ff, 0x7ffd1000L));
        assertEquals("AT_SYMLINK_FOLLOW", col("linkat", -100, 1, -100, 2, 0x400));
        assertEquals("AT_SYMLINK_NOFOLLOW", col("utimensat", -100, 1, 0, 0x100));
        assertEquals("AT_SYMLINK_NOFOLLOW", col("fchownat", -100, 1, 0, 0, 0x100));
        assertEquals("RENAME_NOREPLACE", col("renameat2", -100, 1, -100, 2, 1));
        assertEquals("R_OK|W_OK", col("access", 0x7ffd0000L, 6));
        assertEquals("F_OK", col("faccessat", -100, 0x7ffd0000L, 0));
        assertEquals("X_OK,AT_EACCESS", col("faccessat2", -100, 0x7ffd0000L, 1, 0x200));
        assertEquals("R_OK,0", col("faccessat2", -100, 0x7ffd0000L, 4, 0));
        assertEquals("0755", col("mkdir", 0x7ffd0000L, 0755));
        assertEquals("0644", col("chmod", 0x7ffd0000L, 0644));
        assertEquals("0600", col("fchmod", 3, 0600));
        assertEquals("0700", col("mkdirat", -100, 0x7ffd0000L, 0700));
        assertEquals("0644,AT_SYMLINK_NOFOLLOW", col("fchmodat2", -100, 0x7ffd0000L, 0644, 0x100));
        assertEquals("0022", col("umask", 022));
        assertEquals("SEEK_END", col("lseek", 3, 0, 2));
        assertEquals("SEEK_HOLE", col("lseek", 3, 0, 4));
        assertEquals("LOCK_EX|LOCK_NB", col("flock", 3, 6));
        assertEquals("POSIX_FADV_SEQUENTIAL", col("fadvise64", 3, 0, 0, 2));
        assertEquals("CLOSE_RANGE_CLOEXEC", col("close_range", 3, 0xffffffffL, 4));
        assertEquals("FALLOC_FL_KEEP_SIZE", col("fallocate", 3, 1, 0, 4096));
        assertEquals("RWF_NOWAIT", col("preadv2", 3, 0, 1, 0, 0, 8));
        assertNull(col("read", 3, 0, 100));
        assertNull(col("close", 3));
    }

    @Test
    void fdCreatingCalls() {
        assertEquals("AF_INET,SOCK_STREAM|SOCK_NONBLOCK|SOCK_CLOEXEC", col("socket", 2, 0x80801, 0));
        assertEquals("AF_UNIX,SOCK_DGRAM", col("socketpair", 1, 2, 0, 0x7ffd0000L));
        assertEquals("SOCK_CLOEXEC", col("accept4", 3, 0, 0, 0x80000));
        assertEquals("O_CLOEXEC", col("pipe2", 0x7ffd0000L, 0x80000));
        assertEquals("O_CLOEXEC", col("dup3", 3, 4, 0x80000));
        assertEquals("EFD_CLOEXEC", col("eventfd2", 0, 0x80000));
        assertEquals("EPOLL_CLOEXEC", col("epoll_create1", 0x80000));
        assertEquals("IN_NONBLOCK|IN_CLOEXEC", col("inotify_init1", 0x80800));
        assertEquals("SFD_CLOEXEC", col("signalfd4", -1, 0x7ffd0000L, 8, 0x80000));
        assertEquals("CLOCK_MONOTONIC,TFD_NONBLOCK|TFD_CLOEXEC", col("timerfd_create", 1, 0x80800));
        assertEquals("CLOCK_REALTIME,0", col("timerfd_create", 0, 0));
        assertEquals("MFD_CLOEXEC|MFD_ALLOW_SEALING", col("memfd_create", 0x7ffd0000L, 3));
        assertNull(col("eventfd", 0));
        assertNull(col("epoll_create", 1));
    }

    @Test
    void networkPollingFutex() {
        assertEquals("MSG_NOSIGNAL", col("sendto", 3, 0, 10, 0x4000, 0, 0));
        assertEquals("MSG_DONTWAIT", col("recvfrom", 3, 0, 10, 0x40, 0, 0));
        assertEquals("MSG_CMSG_CLOEXEC", col("recvmsg", 3, 0, 0x40000000));
        assertEquals("0", col("sendmsg", 3, 0, 0));
        assertEquals("MSG_WAITFORONE", col("recvmmsg", 3, 0, 8, 0x10000, 0));
        assertEquals("EPOLL_CTL_ADD", col("epoll_ctl", 4, 1, 5, 0x7ffd0000L));
        assertEquals("FUTEX_WAIT_PRIVATE", col("futex", 0x7f00L, 128, 0, 0, 0, 0));
        assertEquals("FUTEX_WAKE_PRIVATE", col("futex", 0x7f00L, 129, 1, 0, 0, 0));
        assertEquals("CLOCK_MONOTONIC,TIMER_ABSTIME", col("clock_nanosleep", 1, 1, 0x7ffd0000L, 0));
    }

    @Test
    void roleFallbacks() {
        // mount has a flags role and no decoder of its own: hex
        assertEquals("0x1000", col("mount", 1, 2, 3, 0x1000, 0));
        assertEquals("0", col("mount", 1, 2, 3, 0, 0));
        // rt_tgsigqueueinfo is in the dispatch, rt_sigqueueinfo too; mknod uses the mode role
        assertEquals("0100644", col("mknod", 0x7ffd0000L, 0100644, 0));
        Syscall mount = SyscallTable.x86_64().byName("mount");
        assertArrayEquals(new int[] {mount.argIndex(ArgRole.FLAGS)}, ArgFormatter.x86_64().argIndices(mount.nr()));
    }

    @Test
    void byNumberAndArgumentCountChecks() {
        FlagsColumn c = ArgFormatter.forTable(SyscallTable.x86_64());
        assertEquals("O_RDONLY|O_CLOEXEC", c.flags(257, new long[] {-100, 1, 0x80000, 0, 0, 0}));
        // a short argument array: the flags argument is missing
        assertNull(c.flags(257, new long[] {-100, 1}));
        assertNull(c.flags(257, new long[] {-100, 1, 0x80000, 0}, 2));
        assertNull(c.flags(0, new long[6]));
        assertNull(c.flags(-1, new long[6]));
        assertNull(c.flags(100_000, new long[6]));
        assertNull(c.flags(400, new long[6])); // unused number
        assertFalse(c.has(0));
        assertTrue(c.has(9));
        assertArrayEquals(new int[] {2, 3}, c.argIndices(9));
        assertArrayEquals(new int[0], c.argIndices(85)); // creat: implied flags, no argument
        long[] args = {0, 4096, 3, 0x22, -1, 0};
        assertEquals("PROT_READ|PROT_WRITE,MAP_PRIVATE|MAP_ANONYMOUS", c.flags(9, i -> args[i]));
        assertSame(c.flags(9, args), c.flags(9, args), "repeated values come from the cache");
        assertSame(ArgFormatter.x86_64(), ArgFormatter.x86_64());
        assertNull(ArgFormatter.flagsColumn("no_such_call", new long[6], 6));
        assertEquals("O_RDONLY", ArgFormatter.flagsColumn("open", new long[] {1, 0, 0}, 3));
    }

    @Test
    void decodingRepeatedValuesAllocatesNothing() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(mx instanceof com.sun.management.ThreadMXBean,
                "per-thread allocation counter not available");
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) mx;
        FlagsColumn c = ArgFormatter.x86_64();
        long[][] calls = {
                {257, -100, 1, 0x80000, 0, 0, 0}, {9, 0, 4096, 3, 0x22, -1, 0}, {72, 3, 4, 0x800, 0, 0, 0},
                {72, 3, 1030, 3, 0, 0, 0}, {56, 0x1200011, 0, 0, 0, 0, 0}, {41, 2, 0x80801, 0, 0, 0, 0},
                {202, 0, 128, 0, 0, 0, 0}, {62, 1, 15, 0, 0, 0, 0}, {83, 0, 0755, 0, 0, 0, 0},
                {165, 0, 0, 0, 0x1000, 0, 0}, {8, 3, 0, 2, 0, 0, 0}, {44, 3, 0, 1, 0x4000, 0, 0}};
        long[][] args = new long[calls.length][];
        for (int i = 0; i < calls.length; i++) {
            args[i] = java.util.Arrays.copyOfRange(calls[i], 1, 7);
        }
        String[] first = new String[calls.length];
        for (int i = 0; i < calls.length; i++) {
            first[i] = c.flags((int) calls[i][0], args[i]);
            assertNotNull(first[i], "nr " + calls[i][0]);
        }
        long tid = Thread.currentThread().threadId();
        long before = bean.getThreadAllocatedBytes(tid);
        int same = 0;
        for (int round = 0; round < 10_000; round++) {
            for (int i = 0; i < calls.length; i++) {
                if (c.flags((int) calls[i][0], args[i]) == first[i]) {
                    same++;
                }
            }
        }
        long allocated = bean.getThreadAllocatedBytes(tid) - before;
        assertEquals(10_000 * calls.length, same);
        // 120,000 lookups; allow a little for the measurement itself
        assertTrue(allocated < 10_000, "decoding cached values allocated " + allocated + " bytes");
    }

    @Test
    void aTableWithoutTheRolesGetsNoDecoder() {
        SyscallTable t = SyscallTable.parse(List.of(SyscallTable.HEADER,
                "2\topen\t1\tFS\topen\tnew_fd\tpath\tstr(0)\ty",
                "9\tmmap\t2\tMemory\tmmap\taddress\taddr,len\t-\tn"), "test");
        FlagsColumn c = ArgFormatter.forTable(t);
        assertFalse(c.has(2));
        assertFalse(c.has(9));
        assertNotNull(ArgFormatter.unresolved(t));
        assertTrue(ArgFormatter.unresolved(t).containsAll(List.of("open", "mmap", "openat")));
    }
}

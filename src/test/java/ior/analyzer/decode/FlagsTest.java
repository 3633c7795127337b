package ior.analyzer.decode;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class FlagsTest {

    @Test
    void openFlags() {
        assertEquals("O_RDONLY", Flags.openFlags(0));
        assertEquals("O_RDONLY|O_CLOEXEC", Flags.openFlags(0x80000));
        assertEquals("O_WRONLY|O_CREAT|O_TRUNC", Flags.openFlags(0x241));
        // ascending bit order: O_APPEND (0x400) before O_NONBLOCK (0x800)
        assertEquals("O_RDONLY|O_APPEND|O_NONBLOCK|O_LARGEFILE", Flags.openFlags(0x8c00));
        assertEquals("O_RDWR|O_CREAT|O_EXCL|O_CLOEXEC", Flags.openFlags(0x800c2));
        assertEquals("O_RDONLY|O_NONBLOCK|O_DIRECTORY|O_CLOEXEC", Flags.openFlags(0x90800));
        assertEquals("O_RDONLY|O_CLOEXEC|O_PATH", Flags.openFlags(0x280000));
        assertEquals("O_ACCMODE", Flags.openFlags(3));
    }

    @Test
    void openFlagsCompositeNames() {
        assertEquals("O_WRONLY|O_SYNC", Flags.openFlags(0x101001));
        assertEquals("O_WRONLY|O_DSYNC", Flags.openFlags(0x1001));
        assertEquals("O_WRONLY|__O_SYNC", Flags.openFlags(0x100001));
        assertEquals("O_RDWR|O_TMPFILE", Flags.openFlags(0x410002));
        assertEquals("O_RDWR|__O_TMPFILE", Flags.openFlags(0x400002));
        assertEquals("O_RDWR|O_EXCL|O_TMPFILE|O_CLOEXEC", Flags.openFlags(0x490082));
    }

    @Test
    void openFlagsKeepUnknownBitsAndIgnoreTheUpperHalf() {
        assertEquals("O_RDONLY|O_CLOEXEC|0x4000000", Flags.openFlags(0x4080000));
        assertEquals("O_RDONLY|0x80000000", Flags.openFlags(0x80000000L));
        // an int argument sign-extended into the 64-bit register: only the low 32 bits count
        assertEquals(Flags.openFlags(0x80000000L), Flags.openFlags(0xffffffff80000000L));
        assertEquals("O_RDONLY|O_CLOEXEC", Flags.openFlags(0x1234_0000_0008_0000L));
    }

    @Test
    void repeatedValuesReturnTheCachedString() {
        String first = Flags.openFlags(0x241);
        assertSame(first, Flags.openFlags(0x241));
        assertSame(Flags.mmapFlags(0x22), Flags.mmapFlags(0x22));
        assertSame(Flags.cloneFlags(0x1200011), Flags.cloneFlags(0x1200011));
        assertSame(Flags.msgFlags(0x4040), Flags.msgFlags(0x4040));
        assertSame(Flags.fcntlCmd(0x7777), Flags.fcntlCmd(0x7777));
        assertSame(Flags.mode(0644), Flags.mode(0644));
        assertSame(Flags.signal(99), Flags.signal(99));
    }

    @Test
    void pipeDupAndFdCreatingFlags() {
        assertEquals("O_NONBLOCK|O_CLOEXEC", Flags.pipe2Flags(0x80800));
        assertEquals("O_NOTIFICATION_PIPE", Flags.pipe2Flags(0x80));
        assertEquals("0", Flags.pipe2Flags(0));
        assertEquals("O_CLOEXEC", Flags.dup3Flags(0x80000));
        assertEquals("O_CLOEXEC|0x1", Flags.dup3Flags(0x80001));
        assertEquals("EFD_SEMAPHORE|EFD_NONBLOCK|EFD_CLOEXEC", Flags.eventfdFlags(0x80801));
        assertEquals("EPOLL_CLOEXEC", Flags.epollCreateFlags(0x80000));
        assertEquals("IN_NONBLOCK|IN_CLOEXEC", Flags.inotifyInitFlags(0x80800));
        assertEquals("SFD_NONBLOCK", Flags.signalfdFlags(0x800));
        assertEquals("TFD_CLOEXEC", Flags.timerfdFlags(0x80000));
        assertEquals("MFD_CLOEXEC|MFD_ALLOW_SEALING", Flags.memfdFlags(3));
        assertEquals("MFD_CLOEXEC|MFD_HUGETLB|MFD_HUGE_2MB", Flags.memfdFlags(1 | 4 | (21 << 26)));
        assertEquals("PIDFD_NONBLOCK", Flags.pidfdOpenFlags(0x800));
        assertEquals("RESOLVE_NO_SYMLINKS|RESOLVE_BENEATH", Flags.resolveFlags(0xc));
    }

    @Test
    void fcntl() {
        assertEquals("F_DUPFD", Flags.fcntlCmd(0));
        assertEquals("F_GETFD", Flags.fcntlCmd(1));
        assertEquals("F_SETFD", Flags.fcntlCmd(2));
        assertEquals("F_GETFL", Flags.fcntlCmd(3));
        assertEquals("F_SETFL", Flags.fcntlCmd(4));
        assertEquals("F_SETLKW", Flags.fcntlCmd(7));
        assertEquals("F_GETSIG", Flags.fcntlCmd(11));
        assertEquals("F_OFD_GETLK", Flags.fcntlCmd(36));
        assertEquals("F_OFD_SETLK", Flags.fcntlCmd(37));
        assertEquals("F_OFD_SETLKW", Flags.fcntlCmd(38));
        assertEquals("F_SETLEASE", Flags.fcntlCmd(1024));
        assertEquals("F_GETLEASE", Flags.fcntlCmd(1025));
        assertEquals("F_NOTIFY", Flags.fcntlCmd(1026));
        assertEquals("F_DUPFD_CLOEXEC", Flags.fcntlCmd(1030));
        assertEquals("F_SETPIPE_SZ", Flags.fcntlCmd(1031));
        assertEquals("F_GETPIPE_SZ", Flags.fcntlCmd(1032));
        assertEquals("F_ADD_SEALS", Flags.fcntlCmd(1033));
        assertEquals("F_GET_SEALS", Flags.fcntlCmd(1034));
        assertEquals("0xc", Flags.fcntlCmd(12));
        assertEquals("0x7777", Flags.fcntlCmd(0x7777));
        assertEquals("FD_CLOEXEC", Flags.fdFlags(1));
        assertEquals("0", Flags.fdFlags(0));
        assertEquals("F_SEAL_SHRINK|F_SEAL_GROW|F_SEAL_WRITE", Flags.seals(0xe));
    }

    @Test
    void mmap() {
        assertEquals("PROT_NONE", Flags.mmapProt(0));
        assertEquals("PROT_READ", Flags.mmapProt(1));
        assertEquals("PROT_READ|PROT_WRITE", Flags.mmapProt(3));
        assertEquals("PROT_READ|PROT_EXEC", Flags.mmapProt(5));
        assertEquals("PROT_READ|0x10", Flags.mmapProt(0x11));
        assertEquals("PROT_READ|PROT_WRITE|PROT_GROWSDOWN", Flags.mmapProt(0x01000003));
        assertEquals("MAP_PRIVATE|MAP_ANONYMOUS", Flags.mmapFlags(0x22));
        assertEquals("MAP_PRIVATE|MAP_FIXED|MAP_DENYWRITE", Flags.mmapFlags(0x812));
        assertEquals("MAP_SHARED", Flags.mmapFlags(1));
        assertEquals("MAP_SHARED_VALIDATE|MAP_SYNC", Flags.mmapFlags(0x80003));
        assertEquals("MAP_PRIVATE|MAP_ANONYMOUS|MAP_NORESERVE|MAP_STACK", Flags.mmapFlags(0x24022));
        assertEquals("MAP_PRIVATE|MAP_ANONYMOUS|MAP_HUGETLB|MAP_HUGE_2MB", Flags.mmapFlags(0x40022 | (21L << 26)));
        assertEquals("MAP_PRIVATE|MAP_ANONYMOUS|MAP_HUGETLB|MAP_HUGE_1GB", Flags.mmapFlags(0x40022 | (30L << 26)));
        assertEquals("MAP_PRIVATE|MAP_ANONYMOUS|MAP_UNINITIALIZED", Flags.mmapFlags(0x4000022));
        assertEquals("0x4|MAP_ANONYMOUS", Flags.mmapFlags(0x24));
        assertEquals("MAP_PRIVATE|0x100000000", Flags.mmapFlags(0x100000002L));
        assertEquals("0", Flags.mmapFlags(0));
    }

    @Test
    void cloneAndUnshare() {
        assertEquals("CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD", Flags.cloneFlags(0x1200011));
        assertEquals("CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS"
                + "|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID", Flags.cloneFlags(0x3d0f00));
        assertEquals("CLONE_VM|CLONE_VFORK|SIGCHLD", Flags.cloneFlags(0x4111));
        assertEquals("SIGCHLD", Flags.cloneFlags(17));
        assertEquals("0", Flags.cloneFlags(0));
        assertEquals("CLONE_IO", Flags.cloneFlags(0x80000000L));
        assertEquals("CLONE_VM|SIGCHLD|0x100000000", Flags.cloneFlags(0x100000111L));
        assertEquals("CLONE_NEWNS|CLONE_NEWUSER", Flags.unshareFlags(0x10020000));
        assertEquals("CLONE_NEWTIME", Flags.unshareFlags(0x80));
        assertEquals("CLONE_VM|CLONE_CLEAR_SIGHAND|CLONE_INTO_CGROUP", Flags.clone3Flags(0x300000100L));
        assertEquals("0", Flags.unshareFlags(0));
    }

    @Test
    void atFlagsDependOnTheCall() {
        assertEquals("0", Flags.atFlags(0));
        assertEquals("AT_REMOVEDIR", Flags.atFlags(0x200));
        assertEquals("AT_SYMLINK_NOFOLLOW", Flags.atFlags(0x100));
        assertEquals("AT_SYMLINK_NOFOLLOW|AT_EMPTY_PATH", Flags.atFlags(0x1100));
        assertEquals("AT_SYMLINK_NOFOLLOW|AT_NO_AUTOMOUNT|AT_STATX_DONT_SYNC", Flags.atFlags(0x4900));
        assertEquals("AT_SYMLINK_FOLLOW", Flags.atFlags(0x400));
        assertEquals("AT_EACCESS", Flags.faccessatFlags(0x200));
        assertEquals("AT_EACCESS|0x400", Flags.faccessatFlags(0x600));
        assertEquals("AT_EMPTY_PATH|0x1", Flags.atFlags(0x1001));
    }

    @Test
    void sockets() {
        assertEquals("AF_UNIX", Flags.socketDomain(1));
        assertEquals("AF_INET", Flags.socketDomain(2));
        assertEquals("AF_INET6", Flags.socketDomain(10));
        assertEquals("AF_NETLINK", Flags.socketDomain(16));
        assertEquals("AF_PACKET", Flags.socketDomain(17));
        assertEquals("AF_VSOCK", Flags.socketDomain(40));
        assertEquals("0x63", Flags.socketDomain(99));
        assertEquals("SOCK_STREAM", Flags.socketType(1));
        assertEquals("SOCK_DGRAM|SOCK_CLOEXEC", Flags.socketType(0x80002));
        assertEquals("SOCK_STREAM|SOCK_NONBLOCK|SOCK_CLOEXEC", Flags.socketType(0x80801));
        assertEquals("SOCK_RAW|0x100", Flags.socketType(0x103));
        assertEquals("0x0", Flags.socketType(0));
        assertEquals("SOCK_NONBLOCK|SOCK_CLOEXEC", Flags.socketFlags(0x80800));
        assertEquals("0", Flags.socketFlags(0));
        assertEquals("0", Flags.msgFlags(0));
        assertEquals("MSG_PEEK", Flags.msgFlags(2));
        assertEquals("MSG_DONTWAIT|MSG_NOSIGNAL", Flags.msgFlags(0x4040));
        assertEquals("MSG_TRUNC|MSG_WAITALL", Flags.msgFlags(0x120));
        assertEquals("MSG_MORE", Flags.msgFlags(0x8000));
        assertEquals("MSG_CMSG_CLOEXEC", Flags.msgFlags(0x40000000));
        assertEquals("MSG_PEEK|0x80000000", Flags.msgFlags(0x80000002L));
    }

    @Test
    void signals() {
        assertEquals("0", Flags.signal(0));
        assertEquals("SIGHUP", Flags.signal(1));
        assertEquals("SIGKILL", Flags.signal(9));
        assertEquals("SIGSEGV", Flags.signal(11));
        assertEquals("SIGTERM", Flags.signal(15));
        assertEquals("SIGCHLD", Flags.signal(17));
        assertEquals("SIGSYS", Flags.signal(31));
        assertEquals("SIGRTMIN", Flags.signal(32));
        assertEquals("SIGRTMIN+2", Flags.signal(34));
        assertEquals("SIGRTMIN+32", Flags.signal(64));
        assertEquals("0x41", Flags.signal(65));
        assertEquals("SIGTERM", Flags.signal(0xffffffff_0000000fL));
        assertEquals("SIG_SETMASK", Flags.sigprocmaskHow(2));
    }

    @Test
    void pollingAndFutex() {
        assertEquals("EPOLL_CTL_ADD", Flags.epollOp(1));
        assertEquals("EPOLL_CTL_DEL", Flags.epollOp(2));
        assertEquals("EPOLL_CTL_MOD", Flags.epollOp(3));
        assertEquals("0x4", Flags.epollOp(4));
        assertEquals("EPOLLIN|EPOLLOUT|EPOLLET", Flags.epollEvents(0x80000005L));
        assertEquals("EPOLLIN|EPOLLPRI|EPOLLERR|EPOLLHUP|EPOLLRDHUP", Flags.epollEvents(0x201b));
        assertEquals("EPOLLIN|EPOLLEXCLUSIVE", Flags.epollEvents(0x10000001));
        assertEquals("EPOLLIN|0x4000", Flags.epollEvents(0x4001));
        assertEquals("FUTEX_WAIT", Flags.futexOp(0));
        assertEquals("FUTEX_WAKE_PRIVATE", Flags.futexOp(129));
        assertEquals("FUTEX_WAIT_PRIVATE", Flags.futexOp(128));
        assertEquals("FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME", Flags.futexOp(393));
        assertEquals("FUTEX_LOCK_PI2", Flags.futexOp(13));
        assertEquals("0x1f|FUTEX_PRIVATE_FLAG", Flags.futexOp(0x9f));
        assertEquals("FUTEX_WAKE|0x1000", Flags.futexOp(0x1001));
    }

    @Test
    void filesAndModes() {
        assertEquals("SEEK_SET", Flags.whence(0));
        assertEquals("SEEK_CUR", Flags.whence(1));
        assertEquals("SEEK_END", Flags.whence(2));
        assertEquals("SEEK_DATA", Flags.whence(3));
        assertEquals("SEEK_HOLE", Flags.whence(4));
        assertEquals("0x5", Flags.whence(5));
        assertEquals("F_OK", Flags.accessMode(0));
        assertEquals("R_OK", Flags.accessMode(4));
        assertEquals("R_OK|W_OK", Flags.accessMode(6));
        assertEquals("R_OK|W_OK|X_OK", Flags.accessMode(7));
        assertEquals("X_OK|0x8", Flags.accessMode(9));
        assertEquals("0644", Flags.mode(0644));
        assertEquals("0755", Flags.mode(0755));
        assertEquals("0000", Flags.mode(0));
        assertEquals("0022", Flags.mode(022));
        assertEquals("01777", Flags.mode(01777));
        assertEquals("0100644", Flags.mode(0100644));
        assertEquals("0", Flags.closeRangeFlags(0));
        assertEquals("CLOSE_RANGE_CLOEXEC", Flags.closeRangeFlags(4));
        assertEquals("CLOSE_RANGE_UNSHARE|CLOSE_RANGE_CLOEXEC", Flags.closeRangeFlags(6));
        assertEquals("0x1", Flags.closeRangeFlags(1));
        assertEquals("RENAME_NOREPLACE", Flags.renameFlags(1));
        assertEquals("RENAME_EXCHANGE", Flags.renameFlags(2));
        assertEquals("RENAME_WHITEOUT|0x8", Flags.renameFlags(12));
        assertEquals("LOCK_EX|LOCK_NB", Flags.flockOp(6));
        assertEquals("LOCK_UN", Flags.flockOp(8));
        assertEquals("MADV_DONTNEED", Flags.madvise(4));
        assertEquals("MADV_FREE", Flags.madvise(8));
        assertEquals("MADV_HUGEPAGE", Flags.madvise(14));
        assertEquals("MADV_GUARD_INSTALL", Flags.madvise(102));
        assertEquals("0x63", Flags.madvise(99));
        assertEquals("POSIX_FADV_SEQUENTIAL", Flags.fadvise(2));
        assertEquals("POSIX_FADV_DONTNEED", Flags.fadvise(4));
        assertEquals("FALLOC_FL_KEEP_SIZE|FALLOC_FL_PUNCH_HOLE", Flags.fallocateMode(3));
        assertEquals("RWF_NOWAIT", Flags.rwFlags(8));
        assertEquals("WNOHANG|__WALL", Flags.waitOptions(0x40000001));
        assertEquals("MS_SYNC", Flags.msyncFlags(4));
        assertEquals("MREMAP_MAYMOVE", Flags.mremapFlags(1));
        assertEquals("GRND_NONBLOCK", Flags.getrandomFlags(1));
        assertEquals("CLOCK_MONOTONIC", Flags.clockId(1));
        assertEquals("CLOCK_BOOTTIME", Flags.clockId(7));
        assertEquals("0xfffffffe", Flags.clockId(-2));
        assertEquals("TIMER_ABSTIME", Flags.timerFlags(1));
        assertEquals("MNT_DETACH", Flags.umountFlags(2));
        assertEquals("SPLICE_F_MOVE|SPLICE_F_MORE", Flags.spliceFlags(5));
    }

    @Test
    void hugeSizes() {
        assertEquals("64KB", Flags.hugeSize(16));
        assertEquals("2MB", Flags.hugeSize(21));
        assertEquals("512MB", Flags.hugeSize(29));
        assertEquals("1GB", Flags.hugeSize(30));
        assertEquals("16GB", Flags.hugeSize(34));
    }
}

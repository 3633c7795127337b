package ior.analyzer.decode;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cross-checks the decoders' constants against the C headers of the build machine: a generated C program prints
 * each constant the headers define, and the decoder must turn that value back into the constant's name. Constants a
 * header lacks (older headers) are skipped one by one with {@code #ifdef}; aliases (EWOULDBLOCK, O_NDELAY ...) are
 * left out on purpose, and so is O_LARGEFILE, which glibc defines as 0 on x86_64 (the kernel's bit is 0x8000).
 */
class HeaderConstantsTest {
    @TempDir
    Path dir;

    /** Decoders whose output must equal the name (enumerations). */
    private static final Map<String, LongFunction<String>> EXACT = Map.ofEntries(
            Map.entry("errno", v -> Errno.nameOf((int) v)),
            Map.entry("sig", Flags::signal),
            Map.entry("fcntl", Flags::fcntlCmd),
            Map.entry("madv", Flags::madvise),
            Map.entry("seek", Flags::whence),
            Map.entry("af", Flags::socketDomain),
            Map.entry("epollop", Flags::epollOp),
            Map.entry("fadv", Flags::fadvise),
            Map.entry("clock", Flags::clockId),
            Map.entry("sigmask", Flags::sigprocmaskHow),
            Map.entry("futex", Flags::futexOp));

    /** Decoders whose '|'-separated output must contain the name (flag words). */
    private static final Map<String, LongFunction<String>> CONTAINS = Map.ofEntries(
            Map.entry("open", Flags::openFlags),
            Map.entry("fd", Flags::fdFlags),
            Map.entry("seal", Flags::seals),
            Map.entry("prot", Flags::mmapProt),
            Map.entry("map", Flags::mmapFlags),
            Map.entry("clone", Flags::unshareFlags),
            Map.entry("at", Flags::atFlags),
            Map.entry("faccessat", Flags::faccessatFlags),
            Map.entry("access", Flags::accessMode),
            Map.entry("sock", Flags::socketType),
            Map.entry("msg", Flags::msgFlags),
            Map.entry("epoll", Flags::epollEvents),
            Map.entry("epollcreate", Flags::epollCreateFlags),
            Map.entry("flock", Flags::flockOp),
            Map.entry("rename", Flags::renameFlags),
            Map.entry("closerange", Flags::closeRangeFlags),
            Map.entry("efd", Flags::eventfdFlags),
            Map.entry("tfd", Flags::timerfdFlags),
            Map.entry("tfdset", Flags::timerfdSettimeFlags),
            Map.entry("sfd", Flags::signalfdFlags),
            Map.entry("in", Flags::inotifyInitFlags),
            Map.entry("mfd", Flags::memfdFlags),
            Map.entry("wait", Flags::waitOptions),
            Map.entry("msync", Flags::msyncFlags),
            Map.entry("mremap", Flags::mremapFlags),
            Map.entry("mcl", Flags::mlockallFlags),
            Map.entry("grnd", Flags::getrandomFlags),
            Map.entry("rwf", Flags::rwFlags),
            Map.entry("splice", Flags::spliceFlags),
            Map.entry("sfr", Flags::syncFileRangeFlags),
            Map.entry("falloc", Flags::fallocateMode),
            Map.entry("umount", Flags::umountFlags),
            Map.entry("resolve", Flags::resolveFlags),
            Map.entry("timer", Flags::timerFlags));

    /** kind NAME [C expression giving the value to decode, when it is not NAME itself] */
    private static final String CONSTANTS = """
            errno EPERM
            errno ENOENT
            errno ESRCH
            errno EINTR
            errno EIO
            errno ENXIO
            errno E2BIG
            errno ENOEXEC
            errno EBADF
            errno ECHILD
            errno EAGAIN
            errno ENOMEM
            errno EACCES
            errno EFAULT
            errno ENOTBLK
            errno EBUSY
            errno EEXIST
            errno EXDEV
            errno ENODEV
            errno ENOTDIR
            errno EISDIR
            errno EINVAL
            errno ENFILE
            errno EMFILE
            errno ENOTTY
            errno ETXTBSY
            errno EFBIG
            errno ENOSPC
            errno ESPIPE
            errno EROFS
            errno EMLINK
            errno EPIPE
            errno EDOM
            errno ERANGE
            errno EDEADLK
            errno ENAMETOOLONG
            errno ENOLCK
            errno ENOSYS
            errno ENOTEMPTY
            errno ELOOP
            errno ENOMSG
            errno EIDRM
            errno ECHRNG
            errno EL2NSYNC
            errno EL3HLT
            errno EL3RST
            errno ELNRNG
            errno EUNATCH
            errno ENOCSI
            errno EL2HLT
            errno EBADE
            errno EBADR
            errno EXFULL
            errno ENOANO
            errno EBADRQC
            errno EBADSLT
            errno EBFONT
            errno ENOSTR
            errno ENODATA
            errno ETIME
            errno ENOSR
            errno ENONET
            errno ENOPKG
            errno EREMOTE
            errno ENOLINK
            errno EADV
            errno ESRMNT
            errno ECOMM
            errno EPROTO
            errno EMULTIHOP
            errno EDOTDOT
            errno EBADMSG
            errno EOVERFLOW
            errno ENOTUNIQ
            errno EBADFD
            errno EREMCHG
            errno ELIBACC
            errno ELIBBAD
            errno ELIBSCN
            errno ELIBMAX
            errno ELIBEXEC
            errno EILSEQ
            errno ERESTART
            errno ESTRPIPE
            errno EUSERS
            errno ENOTSOCK
            errno EDESTADDRREQ
            errno EMSGSIZE
            errno EPROTOTYPE
            errno ENOPROTOOPT
            errno EPROTONOSUPPORT
            errno ESOCKTNOSUPPORT
            errno EOPNOTSUPP
            errno EPFNOSUPPORT
            errno EAFNOSUPPORT
            errno EADDRINUSE
            errno EADDRNOTAVAIL
            errno ENETDOWN
            errno ENETUNREACH
            errno ENETRESET
            errno ECONNABORTED
            errno ECONNRESET
            errno ENOBUFS
            errno EISCONN
            errno ENOTCONN
            errno ESHUTDOWN
            errno ETOOMANYREFS
            errno ETIMEDOUT
            errno ECONNREFUSED
            errno EHOSTDOWN
            errno EHOSTUNREACH
            errno EALREADY
            errno EINPROGRESS
            errno ESTALE
            errno EUCLEAN
            errno ENOTNAM
            errno ENAVAIL
            errno EISNAM
            errno EREMOTEIO
            errno EDQUOT
            errno ENOMEDIUM
            errno EMEDIUMTYPE
            errno ECANCELED
            errno ENOKEY
            errno EKEYEXPIRED
            errno EKEYREVOKED
            errno EKEYREJECTED
            errno EOWNERDEAD
            errno ENOTRECOVERABLE
            errno ERFKILL
            errno EHWPOISON
            sig SIGHUP
            sig SIGINT
            sig SIGQUIT
            sig SIGILL
            sig SIGTRAP
            sig SIGABRT
            sig SIGBUS
            sig SIGFPE
            sig SIGKILL
            sig SIGUSR1
            sig SIGSEGV
            sig SIGUSR2
            sig SIGPIPE
            sig SIGALRM
            sig SIGTERM
            sig SIGSTKFLT
            sig SIGCHLD
            sig SIGCONT
            sig SIGSTOP
            sig SIGTSTP
            sig SIGTTIN
            sig SIGTTOU
            sig SIGURG
            sig SIGXCPU
            sig SIGXFSZ
            sig SIGVTALRM
            sig SIGPROF
            sig SIGWINCH
            sig SIGIO
            sig SIGPWR
            sig SIGSYS
            sigmask SIG_BLOCK
            sigmask SIG_UNBLOCK
            sigmask SIG_SETMASK
            open O_RDONLY
            open O_WRONLY
            open O_RDWR
            open O_ACCMODE
            open O_CREAT
            open O_EXCL
            open O_NOCTTY
            open O_TRUNC
            open O_APPEND
            open O_NONBLOCK
            open O_DSYNC
            open O_SYNC
            open O_ASYNC
            open O_DIRECT
            open O_DIRECTORY
            open O_NOFOLLOW
            open O_NOATIME
            open O_CLOEXEC
            open O_PATH
            open O_TMPFILE
            fcntl F_DUPFD
            fcntl F_GETFD
            fcntl F_SETFD
            fcntl F_GETFL
            fcntl F_SETFL
            fcntl F_GETLK
            fcntl F_SETLK
            fcntl F_SETLKW
            fcntl F_SETOWN
            fcntl F_GETOWN
            fcntl F_SETSIG
            fcntl F_GETSIG
            fcntl F_SETOWN_EX
            fcntl F_GETOWN_EX
            fcntl F_GETOWNER_UIDS
            fcntl F_OFD_GETLK
            fcntl F_OFD_SETLK
            fcntl F_OFD_SETLKW
            fcntl F_SETLEASE
            fcntl F_GETLEASE
            fcntl F_NOTIFY
            fcntl F_DUPFD_QUERY
            fcntl F_CREATED_QUERY
            fcntl F_CANCELLK
            fcntl F_DUPFD_CLOEXEC
            fcntl F_SETPIPE_SZ
            fcntl F_GETPIPE_SZ
            fcntl F_ADD_SEALS
            fcntl F_GET_SEALS
            fcntl F_GET_RW_HINT
            fcntl F_SET_RW_HINT
            fcntl F_GET_FILE_RW_HINT
            fcntl F_SET_FILE_RW_HINT
            fcntl F_GETDELEG
            fcntl F_SETDELEG
            fd FD_CLOEXEC
            seal F_SEAL_SEAL
            seal F_SEAL_SHRINK
            seal F_SEAL_GROW
            seal F_SEAL_WRITE
            seal F_SEAL_FUTURE_WRITE
            seal F_SEAL_EXEC
            prot PROT_NONE
            prot PROT_READ
            prot PROT_WRITE
            prot PROT_EXEC
            prot PROT_SEM
            prot PROT_GROWSDOWN
            prot PROT_GROWSUP
            map MAP_SHARED
            map MAP_PRIVATE
            map MAP_SHARED_VALIDATE
            map MAP_DROPPABLE
            map MAP_FIXED
            map MAP_ANONYMOUS
            map MAP_32BIT
            map MAP_GROWSDOWN
            map MAP_DENYWRITE
            map MAP_EXECUTABLE
            map MAP_LOCKED
            map MAP_NORESERVE
            map MAP_POPULATE
            map MAP_NONBLOCK
            map MAP_STACK
            map MAP_HUGETLB
            map MAP_SYNC
            map MAP_FIXED_NOREPLACE
            map MAP_UNINITIALIZED
            map MAP_HUGE_64KB MAP_HUGETLB|MAP_HUGE_64KB
            map MAP_HUGE_2MB MAP_HUGETLB|MAP_HUGE_2MB
            map MAP_HUGE_1GB MAP_HUGETLB|MAP_HUGE_1GB
            madv MADV_NORMAL
            madv MADV_RANDOM
            madv MADV_SEQUENTIAL
            madv MADV_WILLNEED
            madv MADV_DONTNEED
            madv MADV_FREE
            madv MADV_REMOVE
            madv MADV_DONTFORK
            madv MADV_DOFORK
            madv MADV_MERGEABLE
            madv MADV_UNMERGEABLE
            madv MADV_HUGEPAGE
            madv MADV_NOHUGEPAGE
            madv MADV_DONTDUMP
            madv MADV_DODUMP
            madv MADV_WIPEONFORK
            madv MADV_KEEPONFORK
            madv MADV_COLD
            madv MADV_PAGEOUT
            madv MADV_POPULATE_READ
            madv MADV_POPULATE_WRITE
            madv MADV_DONTNEED_LOCKED
            madv MADV_COLLAPSE
            madv MADV_HWPOISON
            madv MADV_SOFT_OFFLINE
            madv MADV_GUARD_INSTALL
            madv MADV_GUARD_REMOVE
            msync MS_ASYNC
            msync MS_INVALIDATE
            msync MS_SYNC
            mremap MREMAP_MAYMOVE
            mremap MREMAP_FIXED
            mremap MREMAP_DONTUNMAP
            mcl MCL_CURRENT
            mcl MCL_FUTURE
            mcl MCL_ONFAULT
            mfd MFD_CLOEXEC
            mfd MFD_ALLOW_SEALING
            mfd MFD_HUGETLB
            mfd MFD_NOEXEC_SEAL
            mfd MFD_EXEC
            mfd MFD_HUGE_2MB MFD_HUGETLB|MFD_HUGE_2MB
            clone CLONE_NEWTIME
            clone CLONE_VM
            clone CLONE_FS
            clone CLONE_FILES
            clone CLONE_SIGHAND
            clone CLONE_PIDFD
            clone CLONE_PTRACE
            clone CLONE_VFORK
            clone CLONE_PARENT
            clone CLONE_THREAD
            clone CLONE_NEWNS
            clone CLONE_SYSVSEM
            clone CLONE_SETTLS
            clone CLONE_PARENT_SETTID
            clone CLONE_CHILD_CLEARTID
            clone CLONE_DETACHED
            clone CLONE_UNTRACED
            clone CLONE_CHILD_SETTID
            clone CLONE_NEWCGROUP
            clone CLONE_NEWUTS
            clone CLONE_NEWIPC
            clone CLONE_NEWUSER
            clone CLONE_NEWPID
            clone CLONE_NEWNET
            clone CLONE_IO
            clone CLONE_CLEAR_SIGHAND
            clone CLONE_INTO_CGROUP
            wait WNOHANG
            wait WUNTRACED
            wait WEXITED
            wait WCONTINUED
            wait WNOWAIT
            wait __WNOTHREAD
            wait __WALL
            wait __WCLONE
            at AT_SYMLINK_NOFOLLOW
            at AT_REMOVEDIR
            at AT_SYMLINK_FOLLOW
            at AT_NO_AUTOMOUNT
            at AT_EMPTY_PATH
            at AT_STATX_FORCE_SYNC
            at AT_STATX_DONT_SYNC
            at AT_RECURSIVE
            at AT_EXECVE_CHECK
            faccessat AT_EACCESS
            faccessat AT_SYMLINK_NOFOLLOW
            faccessat AT_EMPTY_PATH
            access F_OK
            access R_OK
            access W_OK
            access X_OK
            seek SEEK_SET
            seek SEEK_CUR
            seek SEEK_END
            seek SEEK_DATA
            seek SEEK_HOLE
            rename RENAME_NOREPLACE
            rename RENAME_EXCHANGE
            rename RENAME_WHITEOUT
            closerange CLOSE_RANGE_UNSHARE
            closerange CLOSE_RANGE_CLOEXEC
            flock LOCK_SH
            flock LOCK_EX
            flock LOCK_NB
            flock LOCK_UN
            flock LOCK_MAND
            flock LOCK_READ
            flock LOCK_WRITE
            fadv POSIX_FADV_NORMAL
            fadv POSIX_FADV_RANDOM
            fadv POSIX_FADV_SEQUENTIAL
            fadv POSIX_FADV_WILLNEED
            fadv POSIX_FADV_DONTNEED
            fadv POSIX_FADV_NOREUSE
            falloc FALLOC_FL_KEEP_SIZE
            falloc FALLOC_FL_PUNCH_HOLE
            falloc FALLOC_FL_NO_HIDE_STALE
            falloc FALLOC_FL_COLLAPSE_RANGE
            falloc FALLOC_FL_ZERO_RANGE
            falloc FALLOC_FL_INSERT_RANGE
            falloc FALLOC_FL_UNSHARE_RANGE
            falloc FALLOC_FL_WRITE_ZEROES
            rwf RWF_HIPRI
            rwf RWF_DSYNC
            rwf RWF_SYNC
            rwf RWF_NOWAIT
            rwf RWF_APPEND
            rwf RWF_NOAPPEND
            rwf RWF_ATOMIC
            rwf RWF_DONTCACHE
            rwf RWF_NOSIGNAL
            splice SPLICE_F_MOVE
            splice SPLICE_F_NONBLOCK
            splice SPLICE_F_MORE
            splice SPLICE_F_GIFT
            sfr SYNC_FILE_RANGE_WAIT_BEFORE
            sfr SYNC_FILE_RANGE_WRITE
            sfr SYNC_FILE_RANGE_WAIT_AFTER
            umount MNT_FORCE
            umount MNT_DETACH
            umount MNT_EXPIRE
            umount UMOUNT_NOFOLLOW
            grnd GRND_NONBLOCK
            grnd GRND_RANDOM
            grnd GRND_INSECURE
            resolve RESOLVE_NO_XDEV
            resolve RESOLVE_NO_MAGICLINKS
            resolve RESOLVE_NO_SYMLINKS
            resolve RESOLVE_BENEATH
            resolve RESOLVE_IN_ROOT
            resolve RESOLVE_CACHED
            af AF_UNSPEC
            af AF_UNIX
            af AF_INET
            af AF_AX25
            af AF_IPX
            af AF_APPLETALK
            af AF_NETROM
            af AF_BRIDGE
            af AF_ATMPVC
            af AF_X25
            af AF_INET6
            af AF_ROSE
            af AF_DECnet
            af AF_NETBEUI
            af AF_SECURITY
            af AF_KEY
            af AF_NETLINK
            af AF_PACKET
            af AF_ASH
            af AF_ECONET
            af AF_ATMSVC
            af AF_RDS
            af AF_SNA
            af AF_IRDA
            af AF_PPPOX
            af AF_WANPIPE
            af AF_LLC
            af AF_IB
            af AF_MPLS
            af AF_CAN
            af AF_TIPC
            af AF_BLUETOOTH
            af AF_IUCV
            af AF_RXRPC
            af AF_ISDN
            af AF_PHONET
            af AF_IEEE802154
            af AF_CAIF
            af AF_ALG
            af AF_NFC
            af AF_VSOCK
            af AF_KCM
            af AF_QIPCRTR
            af AF_SMC
            af AF_XDP
            af AF_MCTP
            sock SOCK_STREAM
            sock SOCK_DGRAM
            sock SOCK_RAW
            sock SOCK_RDM
            sock SOCK_SEQPACKET
            sock SOCK_DCCP
            sock SOCK_PACKET
            sock SOCK_NONBLOCK SOCK_STREAM|SOCK_NONBLOCK
            sock SOCK_CLOEXEC SOCK_STREAM|SOCK_CLOEXEC
            msg MSG_OOB
            msg MSG_PEEK
            msg MSG_DONTROUTE
            msg MSG_CTRUNC
            msg MSG_PROBE
            msg MSG_TRUNC
            msg MSG_DONTWAIT
            msg MSG_EOR
            msg MSG_WAITALL
            msg MSG_FIN
            msg MSG_SYN
            msg MSG_CONFIRM
            msg MSG_RST
            msg MSG_ERRQUEUE
            msg MSG_NOSIGNAL
            msg MSG_MORE
            msg MSG_WAITFORONE
            msg MSG_BATCH
            msg MSG_SOCK_DEVMEM
            msg MSG_ZEROCOPY
            msg MSG_FASTOPEN
            msg MSG_CMSG_CLOEXEC
            epollop EPOLL_CTL_ADD
            epollop EPOLL_CTL_DEL
            epollop EPOLL_CTL_MOD
            epoll EPOLLIN
            epoll EPOLLPRI
            epoll EPOLLOUT
            epoll EPOLLERR
            epoll EPOLLHUP
            epoll EPOLLNVAL
            epoll EPOLLRDNORM
            epoll EPOLLRDBAND
            epoll EPOLLWRNORM
            epoll EPOLLWRBAND
            epoll EPOLLMSG
            epoll EPOLLRDHUP
            epoll EPOLLEXCLUSIVE
            epoll EPOLLWAKEUP
            epoll EPOLLONESHOT
            epoll EPOLLET
            epollcreate EPOLL_CLOEXEC
            efd EFD_SEMAPHORE
            efd EFD_NONBLOCK
            efd EFD_CLOEXEC
            tfd TFD_NONBLOCK
            tfd TFD_CLOEXEC
            tfdset TFD_TIMER_ABSTIME
            tfdset TFD_TIMER_CANCEL_ON_SET
            timer TIMER_ABSTIME
            sfd SFD_NONBLOCK
            sfd SFD_CLOEXEC
            in IN_NONBLOCK
            in IN_CLOEXEC
            clock CLOCK_REALTIME
            clock CLOCK_MONOTONIC
            clock CLOCK_PROCESS_CPUTIME_ID
            clock CLOCK_THREAD_CPUTIME_ID
            clock CLOCK_MONOTONIC_RAW
            clock CLOCK_REALTIME_COARSE
            clock CLOCK_MONOTONIC_COARSE
            clock CLOCK_BOOTTIME
            clock CLOCK_REALTIME_ALARM
            clock CLOCK_BOOTTIME_ALARM
            clock CLOCK_TAI
            futex FUTEX_WAIT
            futex FUTEX_WAKE
            futex FUTEX_FD
            futex FUTEX_REQUEUE
            futex FUTEX_CMP_REQUEUE
            futex FUTEX_WAKE_OP
            futex FUTEX_LOCK_PI
            futex FUTEX_UNLOCK_PI
            futex FUTEX_TRYLOCK_PI
            futex FUTEX_WAIT_BITSET
            futex FUTEX_WAKE_BITSET
            futex FUTEX_WAIT_REQUEUE_PI
            futex FUTEX_CMP_REQUEUE_PI
            futex FUTEX_LOCK_PI2
            futex FUTEX_WAIT_PRIVATE
            futex FUTEX_WAKE_PRIVATE
            futex FUTEX_WAIT_BITSET_PRIVATE
            futex FUTEX_LOCK_PI2_PRIVATE
            """;

    private static final String PROLOGUE = """
            #define _GNU_SOURCE
            #include <stdio.h>
            #include <errno.h>
            #include <signal.h>
            #include <fcntl.h>
            #include <unistd.h>
            #include <sched.h>
            #include <time.h>
            #include <sys/mman.h>
            #include <sys/socket.h>
            #include <sys/epoll.h>
            #include <sys/file.h>
            #include <sys/wait.h>
            #include <sys/eventfd.h>
            #include <sys/timerfd.h>
            #include <sys/signalfd.h>
            #include <sys/inotify.h>
            #include <sys/uio.h>
            #include <sys/mount.h>
            #include <linux/futex.h>
            #if __has_include(<linux/mman.h>)
            #include <linux/mman.h>
            #endif
            #if __has_include(<linux/sched.h>)
            #include <linux/sched.h>
            #endif
            #if __has_include(<linux/memfd.h>)
            #include <linux/memfd.h>
            #endif
            #if __has_include(<sys/random.h>)
            #include <sys/random.h>
            #endif
            #if __has_include(<linux/openat2.h>)
            #include <linux/openat2.h>
            #endif
            #define P(kind, name, expr) printf("%s %s %lld\\n", kind, name, (long long)(expr))
            int main(void) {
            """;

    record Constant(String kind, String name, String expr) {
    }

    static List<Constant> constants() {
        List<Constant> list = new ArrayList<>();
        for (String line : CONSTANTS.strip().split("\n")) {
            String[] f = line.strip().split(" ");
            list.add(new Constant(f[0], f[1], f.length > 2 ? f[2] : f[1]));
        }
        return list;
    }

    @Test
    void decodersAgreeWithTheCHeaders() throws IOException, InterruptedException {
        Path gcc = Path.of("/usr/bin/gcc");
        if (!Files.isExecutable(gcc)) {
            System.err.println("SKIPPED LOUDLY: gcc missing, cannot check the flag and errno decoders against the C headers");
        }
        Assumptions.assumeTrue(Files.isExecutable(gcc),
                "SKIPPED LOUDLY: gcc missing, cannot check the flag and errno decoders against the C headers");

        List<Constant> constants = constants();
        StringBuilder c = new StringBuilder(PROLOGUE);
        for (Constant k : constants) {
            assertTrue(EXACT.containsKey(k.kind) || CONTAINS.containsKey(k.kind), "no decoder kind " + k.kind);
            c.append("#ifdef ").append(k.name).append('\n')
                    .append("  P(\"").append(k.kind).append("\", \"").append(k.name).append("\", ")
                    .append(k.expr).append(");\n")
                    .append("#endif\n");
        }
        c.append("  return 0;\n}\n");
        Files.writeString(dir.resolve("consts.c"), c);
        Process p = new ProcessBuilder(gcc.toString(), "-o", dir.resolve("consts").toString(),
                dir.resolve("consts.c").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        p = new ProcessBuilder(dir.resolve("consts").toString()).redirectErrorStream(true).start();
        String printed = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), printed);

        List<String> mismatches = new ArrayList<>();
        Set<String> missing = new java.util.TreeSet<>();
        constants.forEach(k -> missing.add(k.name));
        int checked = 0;
        for (String line : printed.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(" ");
            String kind = f[0];
            String name = f[1];
            long value = Long.parseLong(f[2]);
            checked++;
            missing.remove(name);
            LongFunction<String> exact = EXACT.get(kind);
            if (exact != null) {
                String got = exact.apply(value);
                if (!name.equals(got)) {
                    mismatches.add(name + " = " + value + ": decoded as " + got);
                }
            } else {
                String got = CONTAINS.get(kind).apply(value);
                Set<String> tokens = Set.copyOf(Arrays.asList(got.split("[|,]")));
                if (!tokens.contains(name)) {
                    mismatches.add(name + " = 0x" + Long.toHexString(value) + ": decoded as " + got);
                }
            }
        }
        System.err.println("HeaderConstantsTest: checked " + checked + " of " + constants.size()
                + " constants against the C headers; not defined there: " + missing);
        assertEquals(List.of(), mismatches);
        // errno, signals, open/mmap/clone and sockets have been in the headers for a decade: most must be there
        assertTrue(checked > 300, "only " + checked + " constants found in the headers:\n" + printed);
    }
}

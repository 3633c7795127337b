package ior.analyzer.decode;

import static ior.analyzer.decode.BitNames.U32;
import static ior.analyzer.decode.BitNames.U64;

/**
 * Decoders from raw syscall argument words to the canonical text of the analyzer's {@code flags} column, with the
 * constant names of the x86_64 Linux UAPI headers.
 *
 * <p>Rules every decoder follows:
 * <ul>
 *   <li>Flag words print as names joined by {@code |}, in ascending bit order (except where a convention says
 *       otherwise: the access mode of open flags and the socket type come first, {@code R_OK|W_OK|X_OK}, the exit
 *       signal of clone last). Bits without a name are printed as one hex number at the end ({@code |0x40000000});
 *       nothing is dropped.</li>
 *   <li>Enumerated values print as their name, or in hex ({@code 0x2a}) when they have none.</li>
 *   <li>Arguments the kernel takes as {@code int} or {@code unsigned int} are read from the low 32 bits of the
 *       register only, as the kernel does: the upper half may hold sign extension and is not part of the value.
 *       {@code unsigned long} arguments (mmap prot and flags, clone flags) keep all 64 bits.</li>
 *   <li>Decoded strings are cached per value (a small direct-mapped cache per decoder), so a value seen before is
 *       decoded without allocating. All methods are thread-safe.</li>
 * </ul>
 */
public final class Flags {
    private Flags() {
    }

    // ---------------------------------------------------------------- open

    private static final String[] ACCESS_MODES = {"O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE"};

    /** The status and creation flags after the access mode. O_SYNC and O_TMPFILE are listed before their parts. */
    private static final BitNames OPEN_BITS = new BitNames(U32, "",
            "O_CREAT", 0x40, "O_EXCL", 0x80, "O_NOCTTY", 0x100, "O_TRUNC", 0x200, "O_APPEND", 0x400,
            "O_NONBLOCK", 0x800, "O_SYNC", 0x101000, "O_DSYNC", 0x1000, "O_ASYNC", 0x2000, "O_DIRECT", 0x4000,
            "O_LARGEFILE", 0x8000, "O_TMPFILE", 0x410000, "O_DIRECTORY", 0x10000, "O_NOFOLLOW", 0x20000,
            "O_NOATIME", 0x40000, "O_CLOEXEC", 0x80000, "__O_SYNC", 0x100000, "O_PATH", 0x200000,
            "__O_TMPFILE", 0x400000);
    private static final Memo OPEN_MEMO = new Memo();

    /**
     * open/openat/openat2/mq_open flags: the access mode first ({@code O_RDONLY}, {@code O_WRONLY}, {@code O_RDWR},
     * or {@code O_ACCMODE} for the value 3), then the other flags, e.g. {@code O_WRONLY|O_CREAT|O_TRUNC}.
     * {@code __O_SYNC|O_DSYNC} prints as {@code O_SYNC}, {@code __O_TMPFILE|O_DIRECTORY} as {@code O_TMPFILE}.
     */
    public static String openFlags(long flags) {
        return OPEN_MEMO.get(flags & U32, Flags::computeOpenFlags);
    }

    private static String computeOpenFlags(long v) {
        StringBuilder sb = new StringBuilder(32).append(ACCESS_MODES[(int) (v & 3)]);
        BitNames.appendHex(sb, OPEN_BITS.append(sb, v & ~3L));
        return sb.toString();
    }

    private static final BitNames PIPE2 = new BitNames(U32, "0",
            "O_NOTIFICATION_PIPE", 0x80, "O_NONBLOCK", 0x800, "O_DIRECT", 0x4000, "O_CLOEXEC", 0x80000);

    /** pipe2 flags: O_NOTIFICATION_PIPE (the O_EXCL bit), O_NONBLOCK, O_DIRECT, O_CLOEXEC; 0 is {@code 0}. */
    public static String pipe2Flags(long flags) {
        return PIPE2.decode(flags);
    }

    private static final BitNames DUP3 = new BitNames(U32, "0", "O_CLOEXEC", 0x80000);

    /** dup3 flags (O_CLOEXEC); 0 is {@code 0}. */
    public static String dup3Flags(long flags) {
        return DUP3.decode(flags);
    }

    private static final BitNames RESOLVE = new BitNames(U64, "0",
            "RESOLVE_NO_XDEV", 0x01, "RESOLVE_NO_MAGICLINKS", 0x02, "RESOLVE_NO_SYMLINKS", 0x04,
            "RESOLVE_BENEATH", 0x08, "RESOLVE_IN_ROOT", 0x10, "RESOLVE_CACHED", 0x20);

    /** The {@code resolve} field of openat2's struct open_how; 0 is {@code 0}. */
    public static String resolveFlags(long resolve) {
        return RESOLVE.decode(resolve);
    }

    // ---------------------------------------------------------------- fcntl

    private static final ValueNames FCNTL_CMD = new ValueNames(U32,
            "F_DUPFD", 0, "F_GETFD", 1, "F_SETFD", 2, "F_GETFL", 3, "F_SETFL", 4, "F_GETLK", 5, "F_SETLK", 6,
            "F_SETLKW", 7, "F_SETOWN", 8, "F_GETOWN", 9, "F_SETSIG", 10, "F_GETSIG", 11, "F_SETOWN_EX", 15,
            "F_GETOWN_EX", 16, "F_GETOWNER_UIDS", 17, "F_OFD_GETLK", 36, "F_OFD_SETLK", 37, "F_OFD_SETLKW", 38,
            "F_SETLEASE", 1024, "F_GETLEASE", 1025, "F_NOTIFY", 1026, "F_DUPFD_QUERY", 1027,
            "F_CREATED_QUERY", 1028, "F_CANCELLK", 1029, "F_DUPFD_CLOEXEC", 1030, "F_SETPIPE_SZ", 1031,
            "F_GETPIPE_SZ", 1032, "F_ADD_SEALS", 1033, "F_GET_SEALS", 1034, "F_GET_RW_HINT", 1035,
            "F_SET_RW_HINT", 1036, "F_GET_FILE_RW_HINT", 1037, "F_SET_FILE_RW_HINT", 1038, "F_GETDELEG", 1039,
            "F_SETDELEG", 1040);

    /** fcntl cmd names: {@code F_GETFL}, {@code F_DUPFD_CLOEXEC} (1030), {@code F_OFD_SETLK} (37) ... */
    public static String fcntlCmd(long cmd) {
        return FCNTL_CMD.decode(cmd);
    }

    public static final int F_DUPFD = 0;
    public static final int F_SETFD = 2;
    public static final int F_SETFL = 4;
    public static final int F_ADD_SEALS = 1033;
    public static final int F_DUPFD_CLOEXEC = 1030;

    private static final BitNames FD_FLAGS = new BitNames(U32, "0", "FD_CLOEXEC", 1);

    /** File descriptor flags of F_SETFD / F_GETFD: {@code FD_CLOEXEC}, 0 is {@code 0}. */
    public static String fdFlags(long flags) {
        return FD_FLAGS.decode(flags);
    }

    private static final BitNames SEALS = new BitNames(U32, "0",
            "F_SEAL_SEAL", 0x01, "F_SEAL_SHRINK", 0x02, "F_SEAL_GROW", 0x04, "F_SEAL_WRITE", 0x08,
            "F_SEAL_FUTURE_WRITE", 0x10, "F_SEAL_EXEC", 0x20);

    /** Seals of F_ADD_SEALS / F_GET_SEALS. */
    public static String seals(long seals) {
        return SEALS.decode(seals);
    }

    // ---------------------------------------------------------------- memory

    private static final BitNames PROT = new BitNames(U64, "PROT_NONE",
            "PROT_READ", 0x1, "PROT_WRITE", 0x2, "PROT_EXEC", 0x4, "PROT_SEM", 0x8,
            "PROT_GROWSDOWN", 0x01000000, "PROT_GROWSUP", 0x02000000);

    /** mmap/mprotect prot: {@code PROT_READ|PROT_WRITE}, 0 is {@code PROT_NONE}. */
    public static String mmapProt(long prot) {
        return PROT.decode(prot);
    }

    private static final long MAP_TYPE = 0x0f;
    private static final long MAP_HUGETLB = 0x40000;
    private static final int MAP_HUGE_SHIFT = 26;
    private static final long MAP_HUGE_MASK = 0x3fL << MAP_HUGE_SHIFT;

    /** Mapping types, the low 4 bits (MAP_TYPE). */
    private static final ValueNames MAP_TYPES = new ValueNames(MAP_TYPE,
            "MAP_SHARED", 1, "MAP_PRIVATE", 2, "MAP_SHARED_VALIDATE", 3, "MAP_DROPPABLE", 8);
    private static final BitNames MAP_BITS = new BitNames(U64, "",
            "MAP_FIXED", 0x10, "MAP_ANONYMOUS", 0x20, "MAP_32BIT", 0x40, "MAP_GROWSDOWN", 0x100,
            "MAP_DENYWRITE", 0x800, "MAP_EXECUTABLE", 0x1000, "MAP_LOCKED", 0x2000, "MAP_NORESERVE", 0x4000,
            "MAP_POPULATE", 0x8000, "MAP_NONBLOCK", 0x10000, "MAP_STACK", 0x20000, "MAP_HUGETLB", 0x40000,
            "MAP_SYNC", 0x80000, "MAP_FIXED_NOREPLACE", 0x100000, "MAP_UNINITIALIZED", 0x4000000);
    private static final Memo MAP_MEMO = new Memo();

    /**
     * mmap flags: the mapping type first ({@code MAP_SHARED}, {@code MAP_PRIVATE}, {@code MAP_SHARED_VALIDATE},
     * {@code MAP_DROPPABLE}; another type value in hex), then the flags, e.g. {@code MAP_PRIVATE|MAP_ANONYMOUS}.
     * With MAP_HUGETLB, bits 26..31 are the huge page size and print as e.g. {@code MAP_HUGE_2MB} (without it, bit
     * 26 is MAP_UNINITIALIZED).
     */
    public static String mmapFlags(long flags) {
        return MAP_MEMO.get(flags, Flags::computeMmapFlags);
    }

    private static String computeMmapFlags(long v) {
        if (v == 0) {
            return "0";
        }
        StringBuilder sb = new StringBuilder(40);
        long type = v & MAP_TYPE;
        if (type != 0) {
            sb.append(MAP_TYPES.decode(type));
        }
        long rest = v & ~MAP_TYPE;
        long huge = 0;
        if ((rest & MAP_HUGETLB) != 0) {
            huge = (rest & MAP_HUGE_MASK) >>> MAP_HUGE_SHIFT;
            rest &= ~MAP_HUGE_MASK;
        }
        rest = MAP_BITS.append(sb, rest);
        if (huge != 0) {
            BitNames.sep(sb).append("MAP_HUGE_").append(hugeSize((int) huge));
        }
        BitNames.appendHex(sb, rest);
        return sb.toString();
    }

    /** A huge page size given as log2 of its bytes, as the MAP_HUGE_ and MFD_HUGE_ names spell it: 21 is "2MB". */
    static String hugeSize(int log2) {
        if (log2 >= 30) {
            return (1L << (log2 - 30)) + "GB";
        } else if (log2 >= 20) {
            return (1L << (log2 - 20)) + "MB";
        } else if (log2 >= 10) {
            return (1L << (log2 - 10)) + "KB";
        }
        return (1L << log2) + "B";
    }

    private static final ValueNames MADVISE = new ValueNames(U32,
            "MADV_NORMAL", 0, "MADV_RANDOM", 1, "MADV_SEQUENTIAL", 2, "MADV_WILLNEED", 3, "MADV_DONTNEED", 4,
            "MADV_FREE", 8, "MADV_REMOVE", 9, "MADV_DONTFORK", 10, "MADV_DOFORK", 11, "MADV_MERGEABLE", 12,
            "MADV_UNMERGEABLE", 13, "MADV_HUGEPAGE", 14, "MADV_NOHUGEPAGE", 15, "MADV_DONTDUMP", 16,
            "MADV_DODUMP", 17, "MADV_WIPEONFORK", 18, "MADV_KEEPONFORK", 19, "MADV_COLD", 20, "MADV_PAGEOUT", 21,
            "MADV_POPULATE_READ", 22, "MADV_POPULATE_WRITE", 23, "MADV_DONTNEED_LOCKED", 24, "MADV_COLLAPSE", 25,
            "MADV_HWPOISON", 100, "MADV_SOFT_OFFLINE", 101, "MADV_GUARD_INSTALL", 102, "MADV_GUARD_REMOVE", 103);

    /** madvise / process_madvise advice: {@code MADV_DONTNEED} ... */
    public static String madvise(long advice) {
        return MADVISE.decode(advice);
    }

    private static final BitNames MSYNC = new BitNames(U32, "0", "MS_ASYNC", 1, "MS_INVALIDATE", 2, "MS_SYNC", 4);

    /** msync flags. */
    public static String msyncFlags(long flags) {
        return MSYNC.decode(flags);
    }

    private static final BitNames MREMAP = new BitNames(U64, "0",
            "MREMAP_MAYMOVE", 1, "MREMAP_FIXED", 2, "MREMAP_DONTUNMAP", 4);

    /** mremap flags. */
    public static String mremapFlags(long flags) {
        return MREMAP.decode(flags);
    }

    private static final BitNames MLOCKALL = new BitNames(U32, "0",
            "MCL_CURRENT", 1, "MCL_FUTURE", 2, "MCL_ONFAULT", 4);

    /** mlockall flags. */
    public static String mlockallFlags(long flags) {
        return MLOCKALL.decode(flags);
    }

    private static final long MFD_HUGETLB = 0x4;
    private static final BitNames MEMFD = new BitNames(U32, "0",
            "MFD_CLOEXEC", 0x1, "MFD_ALLOW_SEALING", 0x2, "MFD_HUGETLB", 0x4, "MFD_NOEXEC_SEAL", 0x8,
            "MFD_EXEC", 0x10);
    private static final Memo MEMFD_MEMO = new Memo();

    /** memfd_create flags: {@code MFD_CLOEXEC|MFD_ALLOW_SEALING}; with MFD_HUGETLB, bits 26..31 print as {@code MFD_HUGE_2MB} etc. */
    public static String memfdFlags(long flags) {
        return MEMFD_MEMO.get(flags & U32, Flags::computeMemfdFlags);
    }

    private static String computeMemfdFlags(long v) {
        if ((v & MFD_HUGETLB) == 0 || (v & MAP_HUGE_MASK) == 0) {
            return MEMFD.apply(v);
        }
        StringBuilder sb = new StringBuilder(40);
        long rest = MEMFD.append(sb, v & ~MAP_HUGE_MASK);
        BitNames.sep(sb).append("MFD_HUGE_").append(hugeSize((int) ((v & MAP_HUGE_MASK) >>> MAP_HUGE_SHIFT)));
        BitNames.appendHex(sb, rest);
        return sb.toString();
    }

    // ---------------------------------------------------------------- processes

    private static final long CSIGNAL = 0xff;
    private static final Object[] CLONE_COMMON = {
            "CLONE_VM", 0x100, "CLONE_FS", 0x200, "CLONE_FILES", 0x400, "CLONE_SIGHAND", 0x800,
            "CLONE_PIDFD", 0x1000, "CLONE_PTRACE", 0x2000, "CLONE_VFORK", 0x4000, "CLONE_PARENT", 0x8000,
            "CLONE_THREAD", 0x10000, "CLONE_NEWNS", 0x20000, "CLONE_SYSVSEM", 0x40000, "CLONE_SETTLS", 0x80000,
            "CLONE_PARENT_SETTID", 0x100000, "CLONE_CHILD_CLEARTID", 0x200000, "CLONE_DETACHED", 0x400000,
            "CLONE_UNTRACED", 0x800000, "CLONE_CHILD_SETTID", 0x1000000, "CLONE_NEWCGROUP", 0x2000000,
            "CLONE_NEWUTS", 0x4000000, "CLONE_NEWIPC", 0x8000000, "CLONE_NEWUSER", 0x10000000,
            "CLONE_NEWPID", 0x20000000, "CLONE_NEWNET", 0x40000000, "CLONE_IO", 0x80000000L};
    private static final BitNames CLONE_BITS = new BitNames(U64, "", CLONE_COMMON);
    private static final BitNames CLONE3_BITS = new BitNames(U64, "0", concat(
            new Object[] {"CLONE_NEWTIME", 0x80}, CLONE_COMMON,
            new Object[] {"CLONE_CLEAR_SIGHAND", 1L << 32, "CLONE_INTO_CGROUP", 1L << 33}));
    private static final Memo CLONE_MEMO = new Memo();

    /**
     * clone(2) flags: the CLONE_ names, then the exit signal of the low byte ({@code SIGCHLD}), e.g.
     * {@code CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD}; 0 is {@code 0}.
     */
    public static String cloneFlags(long flags) {
        return CLONE_MEMO.get(flags, Flags::computeCloneFlags);
    }

    private static String computeCloneFlags(long v) {
        if (v == 0) {
            return "0";
        }
        StringBuilder sb = new StringBuilder(48);
        long rest = CLONE_BITS.append(sb, v & ~CSIGNAL);
        long sig = v & CSIGNAL;
        if (sig != 0) {
            BitNames.sep(sb).append(signal(sig));
        }
        BitNames.appendHex(sb, rest);
        return sb.toString();
    }

    /**
     * unshare(2) flags, and the {@code flags} field of clone3's struct clone_args: no exit signal here, so the low byte
     * holds CLONE_NEWTIME (0x80), and bits 32/33 are CLONE_CLEAR_SIGHAND/CLONE_INTO_CGROUP; 0 is {@code 0}.
     */
    public static String unshareFlags(long flags) {
        return CLONE3_BITS.decode(flags);
    }

    /** Same as {@link #unshareFlags}: the flags field of struct clone_args. */
    public static String clone3Flags(long flags) {
        return CLONE3_BITS.decode(flags);
    }

    private static final BitNames WAIT = new BitNames(U32, "0",
            "WNOHANG", 0x1, "WUNTRACED", 0x2, "WEXITED", 0x4, "WCONTINUED", 0x8, "WNOWAIT", 0x1000000,
            "__WNOTHREAD", 0x20000000, "__WALL", 0x40000000, "__WCLONE", 0x80000000L);

    /** wait4/waitid options ({@code WNOHANG}, {@code __WALL} ...); the 0x2 bit prints as WUNTRACED (waitid's WSTOPPED). */
    public static String waitOptions(long options) {
        return WAIT.decode(options);
    }

    private static final BitNames PIDFD_OPEN = new BitNames(U32, "0", "PIDFD_THREAD", 0x80, "PIDFD_NONBLOCK", 0x800);

    /** pidfd_open flags. */
    public static String pidfdOpenFlags(long flags) {
        return PIDFD_OPEN.decode(flags);
    }

    // ---------------------------------------------------------------- signals

    private static final String[] SIGNALS = signalNames();

    private static String[] signalNames() {
        String[] low = {"0", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
                "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD",
                "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM",
                "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"};
        String[] all = new String[65];
        System.arraycopy(low, 0, all, 0, low.length);
        all[32] = "SIGRTMIN";
        for (int i = 33; i <= 64; i++) {
            all[i] = "SIGRTMIN+" + (i - 32);
        }
        return all;
    }

    private static final Memo SIGNAL_MEMO = new Memo();

    /**
     * Signal names: {@code SIGHUP} .. {@code SIGSYS} for 1..31; the real-time signals by the kernel's numbering,
     * {@code SIGRTMIN} for 32 and {@code SIGRTMIN+n} up to {@code SIGRTMIN+32} (64). Note glibc reserves 32 and 33,
     * so what a program calls SIGRTMIN shows as {@code SIGRTMIN+2}. 0 (kill's existence check) is {@code 0}; other
     * values are hex.
     */
    public static String signal(long sig) {
        long v = sig & U32;
        return v < SIGNALS.length ? SIGNALS[(int) v] : SIGNAL_MEMO.get(v, BitNames::hex);
    }

    private static final ValueNames SIGPROCMASK_HOW = new ValueNames(U32,
            "SIG_BLOCK", 0, "SIG_UNBLOCK", 1, "SIG_SETMASK", 2);

    /** rt_sigprocmask's how. */
    public static String sigprocmaskHow(long how) {
        return SIGPROCMASK_HOW.decode(how);
    }

    // ---------------------------------------------------------------- files

    private static final BitNames AT = new BitNames(U32, "0",
            "AT_SYMLINK_NOFOLLOW", 0x100, "AT_REMOVEDIR", 0x200, "AT_SYMLINK_FOLLOW", 0x400,
            "AT_NO_AUTOMOUNT", 0x800, "AT_EMPTY_PATH", 0x1000, "AT_STATX_FORCE_SYNC", 0x2000,
            "AT_STATX_DONT_SYNC", 0x4000, "AT_RECURSIVE", 0x8000, "AT_EXECVE_CHECK", 0x10000);

    /**
     * The AT_ flags of the *at calls (unlinkat, newfstatat, statx, linkat, fchownat, utimensat, execveat ...):
     * {@code AT_SYMLINK_NOFOLLOW|AT_EMPTY_PATH}; 0x200 prints as {@code AT_REMOVEDIR}, its unlinkat meaning (use
     * {@link #faccessatFlags} for faccessat2, where it is AT_EACCESS); 0 is {@code 0}.
     */
    public static String atFlags(long flags) {
        return AT.decode(flags);
    }

    private static final BitNames FACCESSAT = new BitNames(U32, "0",
            "AT_SYMLINK_NOFOLLOW", 0x100, "AT_EACCESS", 0x200, "AT_EMPTY_PATH", 0x1000);

    /** faccessat2 flags, where 0x200 is {@code AT_EACCESS}. */
    public static String faccessatFlags(long flags) {
        return FACCESSAT.decode(flags);
    }

    private static final BitNames ACCESS = new BitNames(U32, "F_OK", "R_OK", 4, "W_OK", 2, "X_OK", 1);

    /** access/faccessat mode: {@code F_OK} for 0, else {@code R_OK|W_OK|X_OK} (in that order). */
    public static String accessMode(long mode) {
        return ACCESS.decode(mode);
    }

    private static final Memo MODE_MEMO = new Memo();

    /**
     * A permission mode in octal with a leading 0 and at least three digits: {@code 0644}, {@code 0000},
     * {@code 01777}; file type bits (mknod) stay in the number: {@code 0100644}.
     */
    public static String mode(long mode) {
        return MODE_MEMO.get(mode & U32, Flags::computeMode);
    }

    private static String computeMode(long v) {
        String oct = Long.toOctalString(v);
        return "0" + "000".substring(Math.min(3, oct.length())) + oct;
    }

    private static final ValueNames WHENCE = new ValueNames(U32,
            "SEEK_SET", 0, "SEEK_CUR", 1, "SEEK_END", 2, "SEEK_DATA", 3, "SEEK_HOLE", 4);

    /** lseek whence: {@code SEEK_SET}, {@code SEEK_CUR}, {@code SEEK_END}, {@code SEEK_DATA}, {@code SEEK_HOLE}. */
    public static String whence(long whence) {
        return WHENCE.decode(whence);
    }

    private static final BitNames RENAME = new BitNames(U32, "0",
            "RENAME_NOREPLACE", 1, "RENAME_EXCHANGE", 2, "RENAME_WHITEOUT", 4);

    /** renameat2 flags. */
    public static String renameFlags(long flags) {
        return RENAME.decode(flags);
    }

    private static final BitNames CLOSE_RANGE = new BitNames(U32, "0",
            "CLOSE_RANGE_UNSHARE", 2, "CLOSE_RANGE_CLOEXEC", 4);

    /** close_range flags. */
    public static String closeRangeFlags(long flags) {
        return CLOSE_RANGE.decode(flags);
    }

    private static final BitNames FLOCK = new BitNames(U32, "0",
            "LOCK_SH", 1, "LOCK_EX", 2, "LOCK_NB", 4, "LOCK_UN", 8, "LOCK_MAND", 32, "LOCK_READ", 64,
            "LOCK_WRITE", 128);

    /** flock operation: {@code LOCK_EX|LOCK_NB} ... */
    public static String flockOp(long op) {
        return FLOCK.decode(op);
    }

    private static final ValueNames FADVISE = new ValueNames(U32,
            "POSIX_FADV_NORMAL", 0, "POSIX_FADV_RANDOM", 1, "POSIX_FADV_SEQUENTIAL", 2, "POSIX_FADV_WILLNEED", 3,
            "POSIX_FADV_DONTNEED", 4, "POSIX_FADV_NOREUSE", 5);

    /** fadvise64 advice (x86_64 values: DONTNEED is 4, NOREUSE 5). */
    public static String fadvise(long advice) {
        return FADVISE.decode(advice);
    }

    private static final BitNames FALLOCATE = new BitNames(U32, "0",
            "FALLOC_FL_KEEP_SIZE", 0x01, "FALLOC_FL_PUNCH_HOLE", 0x02, "FALLOC_FL_NO_HIDE_STALE", 0x04,
            "FALLOC_FL_COLLAPSE_RANGE", 0x08, "FALLOC_FL_ZERO_RANGE", 0x10, "FALLOC_FL_INSERT_RANGE", 0x20,
            "FALLOC_FL_UNSHARE_RANGE", 0x40, "FALLOC_FL_WRITE_ZEROES", 0x80);

    /** fallocate mode; 0 (allocate) is {@code 0}. */
    public static String fallocateMode(long mode) {
        return FALLOCATE.decode(mode);
    }

    private static final BitNames RWF = new BitNames(U32, "0",
            "RWF_HIPRI", 0x01, "RWF_DSYNC", 0x02, "RWF_SYNC", 0x04, "RWF_NOWAIT", 0x08, "RWF_APPEND", 0x10,
            "RWF_NOAPPEND", 0x20, "RWF_ATOMIC", 0x40, "RWF_DONTCACHE", 0x80, "RWF_NOSIGNAL", 0x100);

    /** preadv2/pwritev2 flags. */
    public static String rwFlags(long flags) {
        return RWF.decode(flags);
    }

    private static final BitNames SPLICE = new BitNames(U32, "0",
            "SPLICE_F_MOVE", 1, "SPLICE_F_NONBLOCK", 2, "SPLICE_F_MORE", 4, "SPLICE_F_GIFT", 8);

    /** splice/tee/vmsplice flags. */
    public static String spliceFlags(long flags) {
        return SPLICE.decode(flags);
    }

    private static final BitNames SYNC_FILE_RANGE = new BitNames(U32, "0",
            "SYNC_FILE_RANGE_WAIT_BEFORE", 1, "SYNC_FILE_RANGE_WRITE", 2, "SYNC_FILE_RANGE_WAIT_AFTER", 4);

    /** sync_file_range flags. */
    public static String syncFileRangeFlags(long flags) {
        return SYNC_FILE_RANGE.decode(flags);
    }

    private static final BitNames UMOUNT = new BitNames(U32, "0",
            "MNT_FORCE", 1, "MNT_DETACH", 2, "MNT_EXPIRE", 4, "UMOUNT_NOFOLLOW", 8);

    /** umount2 flags. */
    public static String umountFlags(long flags) {
        return UMOUNT.decode(flags);
    }

    private static final BitNames GETRANDOM = new BitNames(U32, "0",
            "GRND_NONBLOCK", 1, "GRND_RANDOM", 2, "GRND_INSECURE", 4);

    /** getrandom flags. */
    public static String getrandomFlags(long flags) {
        return GETRANDOM.decode(flags);
    }

    // ---------------------------------------------------------------- fd-creating calls

    private static final BitNames EVENTFD = new BitNames(U32, "0",
            "EFD_SEMAPHORE", 1, "EFD_NONBLOCK", 0x800, "EFD_CLOEXEC", 0x80000);

    /** eventfd2 flags. */
    public static String eventfdFlags(long flags) {
        return EVENTFD.decode(flags);
    }

    private static final BitNames EPOLL_CREATE = new BitNames(U32, "0", "EPOLL_CLOEXEC", 0x80000);

    /** epoll_create1 flags. */
    public static String epollCreateFlags(long flags) {
        return EPOLL_CREATE.decode(flags);
    }

    private static final BitNames INOTIFY_INIT = new BitNames(U32, "0", "IN_NONBLOCK", 0x800, "IN_CLOEXEC", 0x80000);

    /** inotify_init1 flags. */
    public static String inotifyInitFlags(long flags) {
        return INOTIFY_INIT.decode(flags);
    }

    private static final BitNames SIGNALFD = new BitNames(U32, "0", "SFD_NONBLOCK", 0x800, "SFD_CLOEXEC", 0x80000);

    /** signalfd4 flags. */
    public static String signalfdFlags(long flags) {
        return SIGNALFD.decode(flags);
    }

    private static final BitNames TIMERFD = new BitNames(U32, "0", "TFD_NONBLOCK", 0x800, "TFD_CLOEXEC", 0x80000);

    /** timerfd_create flags. */
    public static String timerfdFlags(long flags) {
        return TIMERFD.decode(flags);
    }

    private static final BitNames TIMER_SET = new BitNames(U32, "0", "TIMER_ABSTIME", 1);

    /** timer_settime and clock_nanosleep flags. */
    public static String timerFlags(long flags) {
        return TIMER_SET.decode(flags);
    }

    private static final BitNames TIMERFD_SET = new BitNames(U32, "0",
            "TFD_TIMER_ABSTIME", 1, "TFD_TIMER_CANCEL_ON_SET", 2);

    /** timerfd_settime flags. */
    public static String timerfdSettimeFlags(long flags) {
        return TIMERFD_SET.decode(flags);
    }

    private static final ValueNames CLOCKS = new ValueNames(U32,
            "CLOCK_REALTIME", 0, "CLOCK_MONOTONIC", 1, "CLOCK_PROCESS_CPUTIME_ID", 2, "CLOCK_THREAD_CPUTIME_ID", 3,
            "CLOCK_MONOTONIC_RAW", 4, "CLOCK_REALTIME_COARSE", 5, "CLOCK_MONOTONIC_COARSE", 6, "CLOCK_BOOTTIME", 7,
            "CLOCK_REALTIME_ALARM", 8, "CLOCK_BOOTTIME_ALARM", 9, "CLOCK_TAI", 11);

    /** Clock ids: {@code CLOCK_MONOTONIC} ...; dynamic (negative, per-process CPU or fd) clocks print in hex. */
    public static String clockId(long clock) {
        return CLOCKS.decode(clock);
    }

    // ---------------------------------------------------------------- network

    private static final ValueNames DOMAINS = new ValueNames(U32,
            "AF_UNSPEC", 0, "AF_UNIX", 1, "AF_INET", 2, "AF_AX25", 3, "AF_IPX", 4, "AF_APPLETALK", 5,
            "AF_NETROM", 6, "AF_BRIDGE", 7, "AF_ATMPVC", 8, "AF_X25", 9, "AF_INET6", 10, "AF_ROSE", 11,
            "AF_DECnet", 12, "AF_NETBEUI", 13, "AF_SECURITY", 14, "AF_KEY", 15, "AF_NETLINK", 16, "AF_PACKET", 17,
            "AF_ASH", 18, "AF_ECONET", 19, "AF_ATMSVC", 20, "AF_RDS", 21, "AF_SNA", 22, "AF_IRDA", 23,
            "AF_PPPOX", 24, "AF_WANPIPE", 25, "AF_LLC", 26, "AF_IB", 27, "AF_MPLS", 28, "AF_CAN", 29, "AF_TIPC", 30,
            "AF_BLUETOOTH", 31, "AF_IUCV", 32, "AF_RXRPC", 33, "AF_ISDN", 34, "AF_PHONET", 35, "AF_IEEE802154", 36,
            "AF_CAIF", 37, "AF_ALG", 38, "AF_NFC", 39, "AF_VSOCK", 40, "AF_KCM", 41, "AF_QIPCRTR", 42, "AF_SMC", 43,
            "AF_XDP", 44, "AF_MCTP", 45);

    /** socket/socketpair domain: {@code AF_UNIX}, {@code AF_INET}, {@code AF_INET6}, {@code AF_NETLINK} ... */
    public static String socketDomain(long domain) {
        return DOMAINS.decode(domain);
    }

    private static final long SOCK_TYPE_MASK = 0xf;
    private static final ValueNames SOCK_TYPES = new ValueNames(SOCK_TYPE_MASK,
            "SOCK_STREAM", 1, "SOCK_DGRAM", 2, "SOCK_RAW", 3, "SOCK_RDM", 4, "SOCK_SEQPACKET", 5, "SOCK_DCCP", 6,
            "SOCK_PACKET", 10);
    private static final BitNames SOCK_FLAGS = new BitNames(U32, "0", "SOCK_NONBLOCK", 0x800, "SOCK_CLOEXEC", 0x80000);
    private static final Memo SOCK_TYPE_MEMO = new Memo();

    /** socket/socketpair type: the type first, then the flags: {@code SOCK_STREAM|SOCK_NONBLOCK|SOCK_CLOEXEC}. */
    public static String socketType(long type) {
        return SOCK_TYPE_MEMO.get(type & U32, Flags::computeSocketType);
    }

    private static String computeSocketType(long v) {
        StringBuilder sb = new StringBuilder(40).append(SOCK_TYPES.decode(v & SOCK_TYPE_MASK));
        BitNames.appendHex(sb, SOCK_FLAGS.append(sb, v & ~SOCK_TYPE_MASK));
        return sb.toString();
    }

    /** accept4 flags: {@code SOCK_NONBLOCK}, {@code SOCK_CLOEXEC}; 0 is {@code 0}. */
    public static String socketFlags(long flags) {
        return SOCK_FLAGS.decode(flags);
    }

    private static final BitNames MSG = new BitNames(U32, "0",
            "MSG_OOB", 0x1, "MSG_PEEK", 0x2, "MSG_DONTROUTE", 0x4, "MSG_CTRUNC", 0x8, "MSG_PROBE", 0x10,
            "MSG_TRUNC", 0x20, "MSG_DONTWAIT", 0x40, "MSG_EOR", 0x80, "MSG_WAITALL", 0x100, "MSG_FIN", 0x200,
            "MSG_SYN", 0x400, "MSG_CONFIRM", 0x800, "MSG_RST", 0x1000, "MSG_ERRQUEUE", 0x2000,
            "MSG_NOSIGNAL", 0x4000, "MSG_MORE", 0x8000, "MSG_WAITFORONE", 0x10000, "MSG_BATCH", 0x40000,
            "MSG_SOCK_DEVMEM", 0x2000000, "MSG_ZEROCOPY", 0x4000000, "MSG_FASTOPEN", 0x20000000,
            "MSG_CMSG_CLOEXEC", 0x40000000);

    /** send/recv flags: {@code MSG_DONTWAIT|MSG_NOSIGNAL} ...; 0 is {@code 0}. */
    public static String msgFlags(long flags) {
        return MSG.decode(flags);
    }

    // ---------------------------------------------------------------- polling and futex

    private static final ValueNames EPOLL_OPS = new ValueNames(U32,
            "EPOLL_CTL_ADD", 1, "EPOLL_CTL_DEL", 2, "EPOLL_CTL_MOD", 3);

    /** epoll_ctl op. */
    public static String epollOp(long op) {
        return EPOLL_OPS.decode(op);
    }

    private static final BitNames EPOLL_EVENTS = new BitNames(U32, "0",
            "EPOLLIN", 0x1, "EPOLLPRI", 0x2, "EPOLLOUT", 0x4, "EPOLLERR", 0x8, "EPOLLHUP", 0x10, "EPOLLNVAL", 0x20,
            "EPOLLRDNORM", 0x40, "EPOLLRDBAND", 0x80, "EPOLLWRNORM", 0x100, "EPOLLWRBAND", 0x200, "EPOLLMSG", 0x400,
            "EPOLLRDHUP", 0x2000, "EPOLLEXCLUSIVE", 1 << 28, "EPOLLWAKEUP", 1 << 29, "EPOLLONESHOT", 1 << 30,
            "EPOLLET", 1L << 31);

    /** epoll event masks: {@code EPOLLIN|EPOLLOUT|EPOLLET} ... */
    public static String epollEvents(long events) {
        return EPOLL_EVENTS.decode(events);
    }

    private static final long FUTEX_PRIVATE_FLAG = 128;
    private static final long FUTEX_CLOCK_REALTIME = 256;
    private static final long FUTEX_CMD_MASK = 0x7f;
    private static final ValueNames FUTEX_CMDS = new ValueNames(FUTEX_CMD_MASK,
            "FUTEX_WAIT", 0, "FUTEX_WAKE", 1, "FUTEX_FD", 2, "FUTEX_REQUEUE", 3, "FUTEX_CMP_REQUEUE", 4,
            "FUTEX_WAKE_OP", 5, "FUTEX_LOCK_PI", 6, "FUTEX_UNLOCK_PI", 7, "FUTEX_TRYLOCK_PI", 8,
            "FUTEX_WAIT_BITSET", 9, "FUTEX_WAKE_BITSET", 10, "FUTEX_WAIT_REQUEUE_PI", 11,
            "FUTEX_CMP_REQUEUE_PI", 12, "FUTEX_LOCK_PI2", 13);
    private static final Memo FUTEX_MEMO = new Memo();

    /**
     * futex op: the command with {@code _PRIVATE} appended when FUTEX_PRIVATE_FLAG is set, then
     * {@code |FUTEX_CLOCK_REALTIME}: {@code FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME}. An unknown command
     * prints in hex, followed by {@code |FUTEX_PRIVATE_FLAG} when that is set.
     */
    public static String futexOp(long op) {
        return FUTEX_MEMO.get(op & U32, Flags::computeFutexOp);
    }

    private static String computeFutexOp(long v) {
        StringBuilder sb = new StringBuilder(48);
        String cmd = FUTEX_CMDS.nameOrNull(v & FUTEX_CMD_MASK);
        boolean priv = (v & FUTEX_PRIVATE_FLAG) != 0;
        if (cmd != null) {
            sb.append(cmd);
            if (priv) {
                sb.append("_PRIVATE");
            }
        } else {
            sb.append(BitNames.hex(v & FUTEX_CMD_MASK));
            if (priv) {
                sb.append("|FUTEX_PRIVATE_FLAG");
            }
        }
        if ((v & FUTEX_CLOCK_REALTIME) != 0) {
            sb.append("|FUTEX_CLOCK_REALTIME");
        }
        BitNames.appendHex(sb, v & ~(FUTEX_CMD_MASK | FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME));
        return sb.toString();
    }

    // ---------------------------------------------------------------- helpers

    private static Object[] concat(Object[]... parts) {
        int n = 0;
        for (Object[] p : parts) {
            n += p.length;
        }
        Object[] all = new Object[n];
        int at = 0;
        for (Object[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}

package ior.analyzer.decode;

import ior.analyzer.decode.FlagsColumn.Decoder;
import ior.syscalls.ArgRole;
import ior.syscalls.Syscall;
import ior.syscalls.SyscallTable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The text of the analyzer's {@code flags} column: for each syscall, its interesting flags-like argument decoded by
 * {@link Flags} (open flags, mmap prot and flags, the fcntl cmd, a signal, a mode ...).
 *
 * <p>Which argument is decoded comes from a per-name dispatch built once; arguments are located by their role in the
 * syscall table ({@code flags}, {@code mode}, {@code sig}, {@code cmd}) or, where the role is a plain {@code val}
 * (mmap prot, lseek whence, socket domain), by index. {@link #forTable} turns it into a {@link FlagsColumn} indexed by
 * syscall number. Syscalls without an entry fall back on their roles: a {@code sig} argument prints as a signal name,
 * else a {@code flags} argument in hex ({@code 0} for zero), else a {@code mode} argument in octal; syscalls with none
 * of these have no flags text (null).
 *
 * <p>Texts made from two arguments join them with a comma, always both: mmap {@code PROT_READ|PROT_WRITE,MAP_PRIVATE},
 * socket {@code AF_INET,SOCK_STREAM}, timerfd_create and clock_nanosleep {@code CLOCK_MONOTONIC,0}, faccessat2
 * {@code R_OK,AT_EACCESS}, fchmodat2 {@code 0644,AT_SYMLINK_NOFOLLOW}. fcntl prints the cmd name, followed by
 * {@code ,} and the decoded argument for F_SETFL (open flags), F_SETFD (fd flags) and F_ADD_SEALS (seals).
 */
public final class ArgFormatter {
    private ArgFormatter() {
    }

    /** Where an argument is: an index (>= 0), a role (encoded below -1), or {@link FlagsColumn#NONE}. */
    private record Spec(Decoder decoder, int a, int b) {
    }

    private static int role(ArgRole r) {
        return -2 - r.ordinal();
    }

    private static final int FLAGS = role(ArgRole.FLAGS);
    private static final int MODE = role(ArgRole.MODE);
    private static final int SIG = role(ArgRole.SIG);
    private static final int CMD = role(ArgRole.CMD);

    private static final Map<String, Spec> SPECS = specs();

    private static Map<String, Spec> specs() {
        Map<String, Spec> m = new LinkedHashMap<>();
        // open and friends
        one(m, FLAGS, (a, b) -> Flags.openFlags(a), "open", "openat", "mq_open");
        m.put("creat", new Spec((a, b) -> "O_WRONLY|O_CREAT|O_TRUNC", FlagsColumn.NONE, FlagsColumn.NONE));
        one(m, FLAGS, (a, b) -> Flags.pipe2Flags(a), "pipe2");
        one(m, FLAGS, (a, b) -> Flags.dup3Flags(a), "dup3");
        one(m, FLAGS, (a, b) -> Flags.socketFlags(a), "accept4");
        one(m, FLAGS, (a, b) -> Flags.eventfdFlags(a), "eventfd2");
        one(m, FLAGS, (a, b) -> Flags.epollCreateFlags(a), "epoll_create1");
        one(m, FLAGS, (a, b) -> Flags.inotifyInitFlags(a), "inotify_init1");
        one(m, FLAGS, (a, b) -> Flags.signalfdFlags(a), "signalfd4");
        one(m, FLAGS, (a, b) -> Flags.memfdFlags(a), "memfd_create");
        one(m, FLAGS, (a, b) -> Flags.pidfdOpenFlags(a), "pidfd_open");
        two(m, 0, FLAGS, (a, b) -> Flags.clockId(a), (a, b) -> Flags.timerfdFlags(a), "timerfd_create");
        m.put("fcntl", new Spec(new FcntlDecoder(), 1, 2));
        one(m, FLAGS, (a, b) -> Flags.closeRangeFlags(a), "close_range");
        one(m, CMD, (a, b) -> Flags.flockOp(a), "flock");
        // memory
        two(m, 2, FLAGS, (a, b) -> Flags.mmapProt(a), (a, b) -> Flags.mmapFlags(a), "mmap");
        one(m, 2, (a, b) -> Flags.mmapProt(a), "mprotect", "pkey_mprotect");
        one(m, FLAGS, (a, b) -> Flags.mremapFlags(a), "mremap");
        one(m, FLAGS, (a, b) -> Flags.msyncFlags(a), "msync");
        one(m, 2, (a, b) -> Flags.madvise(a), "madvise");
        one(m, 3, (a, b) -> Flags.madvise(a), "process_madvise");
        one(m, FLAGS, (a, b) -> Flags.mlockallFlags(a), "mlockall");
        // processes and signals
        one(m, FLAGS, (a, b) -> Flags.cloneFlags(a), "clone");
        one(m, FLAGS, (a, b) -> Flags.unshareFlags(a), "unshare");
        one(m, FLAGS, (a, b) -> Flags.waitOptions(a), "wait4", "waitid");
        one(m, SIG, (a, b) -> Flags.signal(a), "kill", "tkill", "tgkill", "rt_sigaction", "rt_sigqueueinfo",
                "rt_tgsigqueueinfo", "pidfd_send_signal");
        one(m, CMD, (a, b) -> Flags.sigprocmaskHow(a), "rt_sigprocmask");
        // files
        one(m, FLAGS, (a, b) -> Flags.renameFlags(a), "renameat2");
        one(m, FLAGS, (a, b) -> Flags.atFlags(a), "unlinkat", "newfstatat", "statx", "fchownat", "linkat",
                "utimensat", "execveat");
        one(m, MODE, (a, b) -> Flags.accessMode(a), "access", "faccessat");
        two(m, MODE, FLAGS, (a, b) -> Flags.accessMode(a), (a, b) -> Flags.faccessatFlags(a), "faccessat2");
        one(m, MODE, (a, b) -> Flags.mode(a), "mkdir", "mkdirat", "chmod", "fchmod", "fchmodat", "umask", "mknod",
                "mknodat");
        two(m, MODE, FLAGS, (a, b) -> Flags.mode(a), (a, b) -> Flags.atFlags(a), "fchmodat2");
        one(m, 2, (a, b) -> Flags.whence(a), "lseek");
        one(m, 3, (a, b) -> Flags.fadvise(a), "fadvise64");
        one(m, FLAGS, (a, b) -> Flags.fallocateMode(a), "fallocate");
        one(m, FLAGS, (a, b) -> Flags.rwFlags(a), "preadv2", "pwritev2");
        one(m, FLAGS, (a, b) -> Flags.spliceFlags(a), "splice", "tee", "vmsplice");
        one(m, FLAGS, (a, b) -> Flags.syncFileRangeFlags(a), "sync_file_range");
        one(m, FLAGS, (a, b) -> Flags.umountFlags(a), "umount2");
        // network
        two(m, 0, 1, (a, b) -> Flags.socketDomain(a), (a, b) -> Flags.socketType(a), "socket", "socketpair");
        one(m, FLAGS, (a, b) -> Flags.msgFlags(a), "sendto", "recvfrom", "sendmsg", "recvmsg", "sendmmsg",
                "recvmmsg");
        // polling, futex, time, misc
        one(m, CMD, (a, b) -> Flags.epollOp(a), "epoll_ctl");
        one(m, CMD, (a, b) -> Flags.futexOp(a), "futex");
        one(m, FLAGS, (a, b) -> Flags.timerFlags(a), "timer_settime");
        one(m, FLAGS, (a, b) -> Flags.timerfdSettimeFlags(a), "timerfd_settime");
        two(m, 0, FLAGS, (a, b) -> Flags.clockId(a), (a, b) -> Flags.timerFlags(a), "clock_nanosleep");
        one(m, FLAGS, (a, b) -> Flags.getrandomFlags(a), "getrandom");
        return Collections.unmodifiableMap(m);
    }

    private static void one(Map<String, Spec> m, int arg, Decoder d, String... names) {
        for (String n : names) {
            if (m.put(n, new Spec(d, arg, FlagsColumn.NONE)) != null) {
                throw new IllegalStateException("two flags decoders for " + n);
            }
        }
    }

    private static void two(Map<String, Spec> m, int a, int b, Decoder x, Decoder y, String... names) {
        Decoder d = new PairDecoder(x, y);
        for (String n : names) {
            if (m.put(n, new Spec(d, a, b)) != null) {
                throw new IllegalStateException("two flags decoders for " + n);
            }
        }
    }

    /** "x,y" from two decoders, cached per argument pair. */
    private static final class PairDecoder implements Decoder, Memo.Pair {
        private final Decoder x;
        private final Decoder y;
        private final Memo memo = new Memo();

        PairDecoder(Decoder x, Decoder y) {
            this.x = x;
            this.y = y;
        }

        @Override
        public String decode(long a, long b) {
            return memo.get(a, b, this);
        }

        @Override
        public String apply(long a, long b) {
            return x.decode(a, 0) + "," + y.decode(b, 0);
        }
    }

    /** fcntl: the cmd, plus the decoded argument for F_SETFL, F_SETFD and F_ADD_SEALS. */
    private static final class FcntlDecoder implements Decoder, Memo.Pair {
        private final Memo memo = new Memo();

        @Override
        public String decode(long cmd, long arg) {
            long c = cmd & BitNames.U32;
            return switch ((int) c) {
                case Flags.F_SETFL, Flags.F_SETFD, Flags.F_ADD_SEALS -> memo.get(c, arg, this);
                default -> Flags.fcntlCmd(c);
            };
        }

        @Override
        public String apply(long cmd, long arg) {
            String text = switch ((int) cmd) {
                case Flags.F_SETFL -> Flags.openFlags(arg);
                case Flags.F_SETFD -> Flags.fdFlags(arg);
                default -> Flags.seals(arg);
            };
            return Flags.fcntlCmd(cmd) + "," + text;
        }
    }

    private static final Decoder SIGNAL = (a, b) -> Flags.signal(a);
    private static final Decoder MODE_OCTAL = (a, b) -> Flags.mode(a);
    private static final Memo HEX_MEMO = new Memo();
    private static final Decoder HEX = (a, b) -> a == 0 ? "0" : HEX_MEMO.get(a, BitNames::hex);

    /** The flags column of a syscall table: the dispatch above resolved to argument indices, in an array by nr. */
    public static FlagsColumn forTable(SyscallTable table) {
        int size = table.maxNr() + 1;
        Decoder[] decoders = new Decoder[size];
        int[] argA = new int[size];
        int[] argB = new int[size];
        for (Syscall s : table.all()) {
            Spec spec = SPECS.get(s.name());
            if (spec == null) {
                spec = fallback(s);
            }
            if (spec == null) {
                continue;
            }
            int a = resolve(s, spec.a);
            int b = resolve(s, spec.b);
            if (a == UNRESOLVED || b == UNRESOLVED) {
                continue;
            }
            decoders[s.nr()] = spec.decoder;
            argA[s.nr()] = a;
            argB[s.nr()] = b;
        }
        return new FlagsColumn(decoders, argA, argB);
    }

    private static final int UNRESOLVED = Integer.MIN_VALUE;

    private static Spec fallback(Syscall s) {
        if (s.argIndex(ArgRole.SIG) >= 0) {
            return new Spec(SIGNAL, SIG, FlagsColumn.NONE);
        }
        if (s.argIndex(ArgRole.FLAGS) >= 0) {
            return new Spec(HEX, FLAGS, FlagsColumn.NONE);
        }
        if (s.argIndex(ArgRole.MODE) >= 0) {
            return new Spec(MODE_OCTAL, MODE, FlagsColumn.NONE);
        }
        return null;
    }

    /** An argument index of {@code s}, NONE for none, or UNRESOLVED when the role is missing or the index too big. */
    private static int resolve(Syscall s, int ref) {
        if (ref == FlagsColumn.NONE) {
            return FlagsColumn.NONE;
        }
        int i = ref >= 0 ? ref : s.argIndex(ArgRole.values()[-2 - ref]);
        return i >= 0 && i < s.nargs() ? i : UNRESOLVED;
    }

    /** Names in the dispatch whose argument cannot be found in {@code table} (missing syscall, role or index), for tests. */
    static List<String> unresolved(SyscallTable table) {
        List<String> bad = new ArrayList<>();
        for (Map.Entry<String, Spec> e : SPECS.entrySet()) {
            Syscall s = table.byName(e.getKey());
            if (s == null || resolve(s, e.getValue().a) == UNRESOLVED || resolve(s, e.getValue().b) == UNRESOLVED) {
                bad.add(e.getKey());
            }
        }
        return bad;
    }

    /** The syscall names with their own decoder (the others use the role fallback), for tests. */
    static Set<String> decodedNames() {
        return SPECS.keySet();
    }

    private static volatile FlagsColumn x86_64;

    /** {@link #forTable} of {@link SyscallTable#x86_64()}, built once. */
    public static FlagsColumn x86_64() {
        FlagsColumn c = x86_64;
        if (c == null) {
            c = x86_64 = forTable(SyscallTable.x86_64());
        }
        return c;
    }

    /**
     * The flags text of the x86_64 syscall {@code syscallName} (table name or alias) with raw arguments
     * {@code args[0..nargs)}, or null when it has none or the name is unknown. A convenience for tests and one-off
     * use: per-event code should hold {@link #x86_64()} and call {@link FlagsColumn#flags(int, long[])} by nr.
     */
    public static String flagsColumn(String syscallName, long[] args, int nargs) {
        Syscall s = SyscallTable.x86_64().byName(syscallName);
        return s == null ? null : x86_64().flags(s.nr(), args, nargs);
    }

    /** The {@code flags} field of openat2's struct open_how (captured in(2,24)): the same text as open's flags. */
    public static String openHowFlags(long flags) {
        return Flags.openFlags(flags);
    }
}

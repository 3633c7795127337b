package ior.syscalls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class SyscallTableTest {

    private static final Path UNISTD_64 = Path.of("/usr/include/x86_64-linux-gnu/asm/unistd_64.h");
    private static final List<Path> TRACEFS_SYSCALLS = List.of(
            Path.of("/sys/kernel/tracing/events/syscalls"),
            Path.of("/sys/kernel/debug/tracing/events/syscalls"));

    private final SyscallTable table = SyscallTable.x86_64();

    private Syscall sys(String name) {
        Syscall s = table.byName(name);
        assertNotNull(s, name + " is missing from the table");
        return s;
    }

    // --- completeness ------------------------------------------------------------------------------------------

    @Test
    void everySyscallOfTheUapiHeaderIsPresentByNameAndNumber() throws IOException {
        assumeTrue(Files.isReadable(UNISTD_64), UNISTD_64 + " not installed");
        Matcher m = Pattern.compile("(?m)^#define __NR_(\\w+)\\s+(\\d+)\\s*$").matcher(Files.readString(UNISTD_64));
        int seen = 0;
        while (m.find()) {
            seen++;
            String name = m.group(1);
            int nr = Integer.parseInt(m.group(2));
            Syscall byName = table.byName(name);
            assertNotNull(byName, "no row named " + name + " (nr " + nr + ")");
            assertEquals(nr, byName.nr(), name);
            assertEquals(name, table.byNr(nr).name(), "nr " + nr);
        }
        assertTrue(seen > 300, "parsed only " + seen + " syscalls from " + UNISTD_64);
    }

    @Test
    void syscallsNewerThanTheUapiHeadersArePresent() {
        Map<String, Integer> expected = Map.ofEntries(
                Map.entry("uretprobe", 335), Map.entry("uprobe", 336),
                Map.entry("cachestat", 451), Map.entry("fchmodat2", 452), Map.entry("map_shadow_stack", 453),
                Map.entry("futex_wake", 454), Map.entry("futex_wait", 455), Map.entry("futex_requeue", 456),
                Map.entry("statmount", 457), Map.entry("listmount", 458),
                Map.entry("lsm_get_self_attr", 459), Map.entry("lsm_set_self_attr", 460),
                Map.entry("lsm_list_modules", 461), Map.entry("mseal", 462),
                Map.entry("setxattrat", 463), Map.entry("getxattrat", 464), Map.entry("listxattrat", 465),
                Map.entry("removexattrat", 466), Map.entry("open_tree_attr", 467),
                Map.entry("file_getattr", 468), Map.entry("file_setattr", 469));
        expected.forEach((name, nr) -> assertEquals(nr, sys(name).nr(), name));
    }

    @Test
    void reservedNumbersHaveNoRow() {
        for (int nr = 337; nr <= 423; nr++) {
            assertNull(table.byNr(nr), "nr " + nr + " is reserved upstream");
        }
    }

    @Test
    void allIsSortedAndAgreesWithTheLookups() {
        List<Syscall> all = table.all();
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i - 1).nr() < all.get(i).nr());
        }
        for (Syscall s : all) {
            assertEquals(s, table.byNr(s.nr()));
            assertEquals(s, table.byName(s.name()));
        }
        assertEquals(all.getLast().nr(), table.maxNr());
        assertNull(table.byNr(-1));
        assertNull(table.byNr(table.maxNr() + 1));
        assertNull(table.byName("no_such_syscall"));
        assertEquals(all.size(), Arrays.stream(Family.values()).mapToInt(f -> table.family(f).size()).sum());
    }

    /**
     * The kernel's own description of each syscall. Skipped where tracefs is not mounted or not readable (it needs
     * root); mount it with {@code mount -t tracefs nodev /sys/kernel/tracing}.
     */
    @Test
    void tracefsFormatsAgreeWithTheTable() throws IOException {
        Path dir = TRACEFS_SYSCALLS.stream()
                .filter(d -> Files.isReadable(d.resolve("sys_enter_openat/format")))
                .findFirst().orElse(null);
        assumeTrue(dir != null, "tracefs syscall events not readable");
        Map<String, List<String[]>> formats = new TreeMap<>();
        try (Stream<Path> events = Files.list(dir)) {
            for (Path event : (Iterable<Path>) events::iterator) {
                String file = event.getFileName().toString();
                if (file.startsWith("sys_enter_")) {
                    formats.put(file.substring("sys_enter_".length()), argFields(event.resolve("format")));
                }
            }
        }
        List<String> problems = new ArrayList<>();
        formats.forEach((event, fields) -> {
            Syscall s = table.byName(event);
            if (s == null) {
                problems.add(event + ": the running kernel has it, the table does not");
                return;
            }
            if (fields.size() != s.nargs()) {
                problems.add(s.name() + ": tracefs has " + fields.size() + " args, table nargs " + s.nargs());
                return;
            }
            for (int i = 0; i < fields.size(); i++) {
                String type = fields.get(i)[0];
                String field = fields.get(i)[1];
                ArgRole role = s.args().get(i);
                boolean charPtr = type.endsWith("char *");
                if ((role == ArgRole.PATH || role == ArgRole.STR) && !charPtr) {
                    problems.add(s.name() + " arg " + i + ": role " + role.token() + " but type " + type);
                }
                if (field.equals("fd") && role != ArgRole.FD && role != ArgRole.DIRFD) {
                    problems.add(s.name() + " arg " + i + ": field fd but role " + role.token());
                }
                if (field.matches("(old|new|from_|to_)?dfd") && role != ArgRole.DIRFD) {
                    problems.add(s.name() + " arg " + i + ": field " + field + " but role " + role.token());
                }
            }
        });
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** The (type, name) of each field after __syscall_nr in a tracefs format file. */
    private static List<String[]> argFields(Path format) {
        List<String[]> fields = new ArrayList<>();
        Pattern field = Pattern.compile("^\\s*field:(.*?)\\s*([A-Za-z_][A-Za-z0-9_]*);");
        boolean args = false;
        try {
            for (String line : Files.readAllLines(format)) {
                Matcher m = field.matcher(line);
                if (!m.find()) {
                    continue;
                }
                if (m.group(2).equals("__syscall_nr")) {
                    args = true;
                } else if (args) {
                    fields.add(new String[] {m.group(1).strip(), m.group(2)});
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fields;
    }

    // --- rules every row must follow --------------------------------------------------------------------------

    @Test
    void everyPathArgumentIsCapturedAndOnlyPathsAre() {
        for (Syscall s : table.all()) {
            Set<Integer> paths = new TreeSet<>();
            for (int i = 0; i < s.nargs(); i++) {
                if (s.args().get(i) == ArgRole.PATH) {
                    paths.add(i);
                }
            }
            Set<Integer> strings = Arrays.stream(s.capture().strArgs()).boxed().collect(Collectors.toSet());
            assertTrue(strings.containsAll(paths), s.name() + ": every path argument is captured");
            for (int i : strings)
                assertTrue(s.args().get(i) == ArgRole.PATH || s.args().get(i) == ArgRole.STR,
                        s.name() + ": captured arg " + i + " is a path or a name (memfd_create), not " + s.args().get(i));
        }
    }

    @Test
    void aDirfdIsFollowedByThePathItAnchors() {
        for (Syscall s : table.all()) {
            for (int i = 0; i < s.nargs(); i++) {
                if (s.args().get(i) == ArgRole.DIRFD) {
                    assertTrue(i + 1 < s.nargs() && s.args().get(i + 1) == ArgRole.PATH, s.name() + " arg " + i);
                }
            }
        }
    }

    @Test
    void everyCallReturningANewFdIsFdChanging() {
        for (Syscall s : table.all()) {
            if (s.ret() == ReturnClass.NEW_FD) {
                assertTrue(s.fdChange(), s.name());
            }
        }
        for (String name : List.of("close", "close_range", "fcntl", "pipe", "pipe2", "socketpair", "bpf",
                "io_uring_register", "clone", "clone3", "fork", "vfork", "execve", "execveat", "exit", "exit_group",
                "unshare", "recvmsg", "seccomp")) {
            assertTrue(sys(name).fdChange(), name);
        }
        for (String name : List.of("setns", "kill", "read", "write", "epoll_ctl", "sendmsg")) {
            assertFalse(sys(name).fdChange(), name);
        }
    }

    @Test
    void captureNotationRoundTrips() {
        for (Syscall s : table.all()) {
            assertEquals(s.capture(), Capture.parse(s.capture().toString()), s.name());
        }
    }

    @Test
    void onlyExitExitGroupAndRtSigreturnNeverReturn() {
        Set<String> never = table.all().stream().filter(Syscall::neverReturns).map(Syscall::name)
                .collect(Collectors.toSet());
        assertEquals(Set.of("exit", "exit_group", "rt_sigreturn"), never);
    }

    // --- semantics the analyzer relies on ----------------------------------------------------------------------

    @Test
    void returnClasses() {
        assertEquals(ReturnClass.OFFSET, sys("lseek").ret());
        for (String name : List.of("msgsnd", "mq_timedsend")) {
            assertEquals(ReturnClass.STATUS, sys(name).ret(), name + " returns 0, not a byte count");
        }
        for (String name : List.of("getxattrat", "listxattrat", "read", "pread64", "recvfrom", "getdents64",
                "readlinkat", "msgrcv", "mq_timedreceive")) {
            assertEquals(ReturnClass.BYTES_READ, sys(name).ret(), name);
        }
        for (String name : List.of("write", "pwritev2", "sendto", "sendmsg")) {
            assertEquals(ReturnClass.BYTES_WRITTEN, sys(name).ret(), name);
        }
        for (String name : List.of("sendfile", "splice", "tee", "vmsplice", "copy_file_range")) {
            assertEquals(ReturnClass.TRANSFER, sys(name).ret(), name);
        }
        for (String name : List.of("open", "openat", "openat2", "creat", "dup", "dup2", "dup3", "socket", "accept",
                "accept4", "eventfd2", "memfd_create", "pidfd_open", "mq_open", "io_uring_setup")) {
            assertEquals(ReturnClass.NEW_FD, sys(name).ret(), name);
        }
        for (String name : List.of("fcntl", "bpf", "pipe", "socketpair", "io_setup", "waitid")) {
            assertEquals(ReturnClass.STATUS, sys(name).ret(), name);
        }
        Syscall timerCreate = sys("timer_create");
        assertFalse(timerCreate.ret() == ReturnClass.NEW_FD, "timer_create returns 0; the id comes back via arg 2");
        assertEquals(ReturnClass.STATUS, timerCreate.ret());
        assertEquals(2, timerCreate.capture().outArg());
        for (String name : List.of("msgget", "semget", "shmget", "inotify_add_watch")) {
            assertEquals(ReturnClass.ID, sys(name).ret(), name);
        }
        for (String name : List.of("mmap", "mremap", "brk", "shmat")) {
            assertEquals(ReturnClass.ADDRESS, sys(name).ret(), name);
        }
        for (String name : List.of("fork", "vfork", "clone", "clone3", "getpid", "gettid", "wait4")) {
            assertEquals(ReturnClass.PID, sys(name).ret(), name);
        }
        for (String name : List.of("epoll_wait", "poll", "ppoll", "select", "pselect6", "epoll_pwait2",
                "io_getevents", "io_submit", "io_uring_enter", "sendmmsg", "recvmmsg")) {
            assertEquals(ReturnClass.COUNT, sys(name).ret(), name);
        }
        for (String name : List.of("getuid", "umask", "alarm", "getpriority", "time")) {
            assertEquals(ReturnClass.VALUE, sys(name).ret(), name);
        }
    }

    @Test
    void families() {
        assertEquals(List.of("AIO", "FS", "IPC", "Memory", "Misc", "Network", "Polling", "Process", "Sched",
                        "Security", "Signals", "Time"),
                Arrays.stream(Family.values()).map(Family::displayName).toList());
        assertEquals(Family.TIME, sys("alarm").family());
        assertEquals(Family.IPC, sys("fanotify_init").family());
        assertEquals(Family.IPC, sys("fanotify_mark").family());
        assertEquals(Family.FS, sys("file_getattr").family());
        assertEquals(Family.FS, sys("file_setattr").family());
        assertEquals(Family.SECURITY, sys("kexec_load").family());
        assertEquals(Family.SECURITY, sys("kexec_file_load").family());
        assertEquals(Set.of("io_setup", "io_submit", "io_getevents", "io_cancel", "io_destroy", "io_pgetevents",
                        "io_uring_setup", "io_uring_enter", "io_uring_register"),
                names(table.family(Family.AIO)));
        for (String name : List.of("epoll_create", "epoll_create1", "epoll_ctl", "epoll_wait", "epoll_pwait",
                "epoll_pwait2", "poll", "ppoll", "select", "pselect6")) {
            assertEquals(Family.POLLING, sys(name).family(), name);
        }
        for (String name : List.of("pipe", "pipe2", "eventfd", "eventfd2", "msgget", "semop", "shmat", "mq_open",
                "futex")) {
            assertEquals(Family.IPC, sys(name).family(), name);
        }
        assertEquals(Family.NETWORK, sys("socket").family());
        assertEquals(Family.MEMORY, sys("mmap").family());
        assertEquals(Family.PROCESS, sys("clone3").family());
        assertEquals(Family.SCHED, sys("sched_yield").family());
        assertEquals(Family.SIGNALS, sys("rt_sigaction").family());
        assertEquals(Family.FS, sys("openat").family());
        assertEquals(Family.FS, Family.fromName("fs"));
        assertTrue(Family.find("nope").isEmpty());
    }

    @Test
    void argumentRoles() {
        Syscall ioSetup = sys("io_setup");
        assertEquals(ArgRole.COUNT, ioSetup.args().get(0), "io_setup's arg 0 is a number of events");
        assertEquals(-1, ioSetup.argIndex(ArgRole.FD));
        assertEquals(List.of(ArgRole.FD, ArgRole.PTR, ArgRole.COUNT), sys("read").args());
        assertEquals(List.of(ArgRole.DIRFD, ArgRole.PATH, ArgRole.FLAGS, ArgRole.MODE), sys("openat").args());
        assertEquals(List.of(ArgRole.FD, ArgRole.OFFSET, ArgRole.VAL), sys("lseek").args());
        assertEquals(List.of(ArgRole.ADDR, ArgRole.LEN, ArgRole.VAL, ArgRole.FLAGS, ArgRole.FD, ArgRole.OFFSET),
                sys("mmap").args());
        assertEquals(List.of(ArgRole.DIRFD, ArgRole.PATH, ArgRole.DIRFD, ArgRole.PATH, ArgRole.FLAGS),
                sys("renameat2").args());
        assertEquals(List.of(ArgRole.FD, ArgRole.CMD, ArgRole.FD, ArgRole.PTR), sys("epoll_ctl").args());
        assertEquals(1, sys("openat").argIndex(ArgRole.PATH));
        assertEquals(0, sys("fork").nargs());
        assertEquals(5, sys("preadv").nargs(), "the kernel takes the offset as pos_l, pos_h");
    }

    @Test
    void captures() {
        Capture openat = sys("openat").capture();
        assertArrayEquals(new int[] {1}, openat.strArgs());
        assertFalse(openat.hasIn());
        assertFalse(openat.hasOut());
        assertEquals("str(1)", openat.toString());
        assertEquals("str(1),in(2,24)", sys("openat2").capture().toString());
        assertEquals("str(1),str(3)", sys("renameat2").capture().toString());
        assertEquals("in(1,112,len=2)", sys("connect").capture().toString());
        assertEquals("in(4,112,len=5)", sys("sendto").capture().toString());
        assertEquals("out(1,112,lenptr=2)", sys("accept4").capture().toString());
        assertEquals("out(4,112,lenptr=5)", sys("recvfrom").capture().toString());
        assertEquals("in(3,12)", sys("epoll_ctl").capture().toString());
        assertEquals("out(0,8)", sys("pipe2").capture().toString());
        assertEquals("out(3,8)", sys("socketpair").capture().toString());
        assertEquals("out(1,8)", sys("io_setup").capture().toString());
        assertEquals("in(0,8)", sys("clone3").capture().toString());
        assertEquals("str(0)", sys("execve").capture().toString());
        assertTrue(sys("futex").capture().isNone());
        assertTrue(sys("io_submit").capture().isNone());
        assertEquals(Capture.NONE, sys("read").capture());
    }

    // --- selection ---------------------------------------------------------------------------------------------

    @Test
    void selectNamesAndFamilies() {
        assertEquals(bits(0, 1), table.select("read,write"));
        assertEquals(bits(40), table.select("sendfile64"));
        assertEquals(bits(0, 1), table.select(" read , write ,"));

        BitSet mixed = table.select("read,write,FS,network");
        BitSet expected = nrs(table.family(Family.FS));
        expected.or(nrs(table.family(Family.NETWORK)));
        assertEquals(expected, mixed);
        assertTrue(mixed.get(sys("openat").nr()));
        assertTrue(mixed.get(sys("connect").nr()));
        assertFalse(mixed.get(sys("mmap").nr()));

        assertEquals(nrs(table.family(Family.MEMORY)), table.select("memory"));
        assertEquals(table.select("FS"), table.select("fs"));
        assertEquals(table.select("FS"), table.select("Fs"));
    }

    @Test
    void aLowerCaseWordThatIsBothNamesTheSyscall() {
        assertEquals(bits(sys("time").nr()), table.select("time"));
        assertEquals(nrs(table.family(Family.TIME)), table.select("Time"));
        assertEquals(bits(sys("security").nr()), table.select("security"));
        assertEquals(nrs(table.family(Family.SECURITY)), table.select("SECURITY"));
    }

    @Test
    void selectRejectsUnknownWords() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> table.select("read,bogus,FS"));
        assertEquals("unknown syscall or family: bogus", e.getMessage());
        assertEquals("unknown syscall or family: READ",
                assertThrows(IllegalArgumentException.class, () -> table.select("READ")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> table.select(""));
        assertThrows(IllegalArgumentException.class, () -> table.select(" , "));
    }

    // --- malformed input ---------------------------------------------------------------------------------------

    @Test
    void malformedRowsNameTheLineAndTheProblem() {
        assertParseError("t.tsv:3: nargs is 2 but 3 arg roles",
                "# comment", SyscallTable.HEADER, "0\tread\t2\tFS\tfd\tbytes_read\tfd,ptr,count\t-\tn");
        assertParseError("t.tsv:2: capture str(3) refers to arg 3",
                SyscallTable.HEADER, "2\topen\t3\tFS\topen\tnew_fd\tpath,flags,mode\tstr(3)\ty");
        assertParseError("t.tsv:3: nr 0 already used on line 2",
                SyscallTable.HEADER, "0\tread\t0\tFS\tnull\tstatus\t-\t-\tn", "0\tother\t0\tFS\tnull\tstatus\t-\t-\tn");
        assertParseError("t.tsv:3: name read already used on line 2",
                SyscallTable.HEADER, "0\tread\t0\tFS\tnull\tstatus\t-\t-\tn", "1\tread\t0\tFS\tnull\tstatus\t-\t-\tn");
        assertParseError("t.tsv:2: unknown family 'fs'",
                SyscallTable.HEADER, "0\tread\t0\tfs\tnull\tstatus\t-\t-\tn");
        assertParseError("t.tsv:2: unknown kind 'file'",
                SyscallTable.HEADER, "0\tread\t0\tFS\tfile\tstatus\t-\t-\tn");
        assertParseError("t.tsv:2: unknown return class: bytes",
                SyscallTable.HEADER, "0\tread\t0\tFS\tnull\tbytes\t-\t-\tn");
        assertParseError("t.tsv:2: unknown argument role: buf",
                SyscallTable.HEADER, "0\tread\t1\tFS\tnull\tstatus\tbuf\t-\tn");
        assertParseError("t.tsv:2: fdchange must be y or n",
                SyscallTable.HEADER, "0\tread\t0\tFS\tnull\tstatus\t-\t-\tyes");
        assertParseError("t.tsv:2: expected 9 tab-separated columns, found 8",
                SyscallTable.HEADER, "0\tread\t0\tFS\tnull\tstatus\t-\t-");
        assertParseError("t.tsv:1: expected the header line", "0\tread\t0\tFS\tnull\tstatus\t-\t-\tn");
        assertParseError("t.tsv:2: bad capture token 'in(1)'",
                SyscallTable.HEADER, "0\tread\t3\tFS\tfd\tbytes_read\tfd,ptr,count\tin(1)\tn");
    }

    private static void assertParseError(String expectedStart, String... lines) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SyscallTable.parse(List.of(lines), "t.tsv"));
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }

    @Test
    void captureParserRejectsMalformedTokensByName() {
        for (String bad : List.of("str(x)", "in(1)", "out(1,200)", "in(1,0)", "foo", "str(7)", "in(1,8,len=1)",
                "out(1,8,len=2)", "str(1", "str 1")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Capture.parse(bad), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
        IllegalArgumentException three = assertThrows(IllegalArgumentException.class,
                () -> Capture.parse("str(0),str(1),str(2)"));
        assertTrue(three.getMessage().contains("'str(2)'"), three.getMessage());
        IllegalArgumentException twoIn = assertThrows(IllegalArgumentException.class,
                () -> Capture.parse("in(1,8),in(2,8)"));
        assertTrue(twoIn.getMessage().contains("'in(2,8)'"), twoIn.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> Capture.parse("str(1),str(1)"));
        assertTrue(twice.getMessage().contains("'str(1)'"), twice.getMessage());
    }

    @Test
    void captureParserAcceptsTheNotation() {
        Capture c = Capture.parse("str(0), str(2),in(1,112,len=3),out(4,16,lenptr=5)");
        assertArrayEquals(new int[] {0, 2}, c.strArgs());
        assertEquals(1, c.inArg());
        assertEquals(112, c.inLen());
        assertEquals(3, c.inLenArg());
        assertEquals(4, c.outArg());
        assertEquals(16, c.outLen());
        assertEquals(5, c.outLenPtrArg());
        assertEquals(5, c.maxArgIndex());
        assertEquals(Capture.NONE, Capture.parse("-"));
        assertEquals(Capture.NONE, Capture.parse(""));
        assertEquals(-1, Capture.NONE.maxArgIndex());
    }

    private static Set<String> names(List<Syscall> syscalls) {
        return syscalls.stream().map(Syscall::name).collect(Collectors.toSet());
    }

    private static BitSet nrs(List<Syscall> syscalls) {
        BitSet b = new BitSet();
        syscalls.forEach(s -> b.set(s.nr()));
        return b;
    }

    private static BitSet bits(int... nrs) {
        BitSet b = new BitSet();
        for (int nr : nrs) {
            b.set(nr);
        }
        return b;
    }
}

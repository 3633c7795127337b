package ior.it;

import ior.format.Records;
import ior.format.TraceFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/** `ior record` as a user drives it: filters, exit status, signals, kills, drops, rotation, privileges. */
class RecorderBehaviourTest {
    @TempDir
    Path dir;

    @BeforeEach
    void canRecord() {
        IorRun.assumeCanRecord();
    }

    String wl() {
        return IorRun.workload().toString();
    }

    @Test
    void commandAndAllItsChildrenAreFollowedAndItsStatusReturned() throws Exception {
        Path trace = dir.resolve("children.iortrace");
        IorRun.Result r = IorRun.run("record", "-q", "-o", trace.toString(), "--", wl(), "children", "3");
        assertEquals(0, r.exit(), r.toString());
        Set<Integer> children = Pattern.compile("child (\\d+)").matcher(r.out()).results()
                .map(m -> Integer.parseInt(m.group(1))).collect(Collectors.toSet());
        assertEquals(3, children.size(), r.out());
        DecodedTrace t = DecodedTrace.read(trace);
        for (int child : children) {
            assertEquals(100, t.calls(c -> c.pid == child && c.name.equals("getppid")).size(), "child " + child + " getppid calls");
            DecodedTrace.Exit exit = t.exits.stream().filter(e -> e.pid() == child && e.groupDead()).findFirst().orElseThrow();
            assertEquals(3 << 8, exit.code(), "exit status 3 in wait format");
            assertTrue(t.forks.stream().anyMatch(f -> f.childPid() == child), "fork of " + child);
        }
        assertEquals(0, t.summary.lostEvents());

        IorRun.Result status = IorRun.run("record", "-q", "-o", dir.resolve("x.iortrace").toString(), "--", wl(), "exitcode", "7");
        assertEquals(7, status.exit(), "ior exits with the command's status, like strace");
        IorRun.Result missing = IorRun.run("record", "-q", "-o", dir.resolve("y.iortrace").toString(), "--", "/nonexistent/cmd");
        assertEquals(127, missing.exit(), missing.toString());
    }

    @Test
    void wholeSystemRecordingNeverTracesTheRecorder() throws Exception {
        Path trace = dir.resolve("system.iortrace");
        // a steady, light load that is surely running while ior records
        Process load = new ProcessBuilder("/bin/sh", "-c", "while :; do " + wl() + " getppid 1000 >/dev/null; sleep 0.05; done")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        IorRun.Result r;
        try {
            r = IorRun.run(List.of(), 60, "record", "-q", "-d", "1500ms", "-o", trace.toString());
        } finally {
            load.destroyForcibly();
        }
        assertEquals(0, r.exit(), r.toString());
        DecodedTrace t = DecodedTrace.read(trace);
        int self = (int) r.pid();
        assertTrue(t.calls.stream().noneMatch(c -> c.pid == self), "no syscall of the recorder itself (pid " + self + ")");
        assertTrue(t.calls(c -> c.name.equals("getppid")).size() >= 1000, "the workload started by the shell is in a whole-system trace");
        assertTrue(t.calls.stream().anyMatch(c -> c.pid == load.pid()), "the shell's own calls too");
        assertTrue(t.summary.snapshot.processes().size() > 5, "whole-system snapshot lists the running processes");
        assertTrue(t.summary.snapshot.processes().stream().noneMatch(p -> p.pid() == self), "the recorder is not in its own snapshot");
        assertEquals(TraceFormat.STOP_NORMAL, t.summary.stopReason);
    }

    @Test
    void pidFilterFollowsDescendantsOfARunningProcess() throws Exception {
        Path trace = dir.resolve("pid.iortrace");
        Path ready = dir.resolve("go");
        // A shell that waits, then starts children: ior attaches while it waits.
        Process sh = new ProcessBuilder("/bin/sh", "-c", "while [ ! -e " + ready + " ]; do sleep 0.05; done; " + wl() + " children 2")
                .redirectErrorStream(true).start();
        Process decoy = new ProcessBuilder("/bin/sh", "-c", "while :; do sleep 0.05; done").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        ProcessBuilder pb = IorRun.builder(List.of(), "record", "-q", "-v", "-p", Long.toString(sh.pid()), "-o", trace.toString());
        File log = dir.resolve("rec.log").toFile();
        Process rec = pb.redirectErrorStream(true).redirectOutput(log).start();
        awaitAttached(log.toPath(), rec);
        Files.createFile(ready);
        String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, sh.waitFor());
        Thread.sleep(300);
        rec.destroy(); // SIGTERM: a clean stop
        assertTrue(rec.waitFor(30, TimeUnit.SECONDS));
        decoy.destroyForcibly();
        assertEquals(0, rec.exitValue(), Files.readString(log.toPath()));
        List<Integer> children = Pattern.compile("child (\\d+)").matcher(out).results().map(m -> Integer.parseInt(m.group(1))).toList();
        assertEquals(2, children.size(), out);
        DecodedTrace t = DecodedTrace.read(trace);
        assertEquals(TraceFormat.STOP_SIGNAL, t.summary.stopReason, "SIGTERM finalizes the file");
        for (int child : children)
            assertEquals(100, t.calls(c -> c.pid == child && c.name.equals("getppid")).size(), "grandchild " + child + " followed");
        Set<Integer> pids = t.calls.stream().map(c -> c.pid).collect(Collectors.toSet());
        DecodedTrace.Fork fork = t.forks.stream().filter(f -> f.parentPid() == sh.pid()).findFirst().orElseThrow();
        assertTrue(pids.contains(fork.childPid()));
        assertFalse(pids.contains((int) decoy.pid()), "an unrelated busy process is not recorded");
        for (DecodedTrace.Fork f : t.forks)
            assertTrue(f.parentPid() == sh.pid() || descends(t, f.parentPid(), (int) sh.pid()), "fork in an unrelated process: " + f);
        assertTrue(t.summary.snapshot.processes().stream().anyMatch(p -> p.pid() == sh.pid()), "snapshot of the traced process");
    }

    private static boolean descends(DecodedTrace t, int pid, int root) {
        for (int i = 0; i < 64; i++) {
            final int cur = pid;
            var f = t.forks.stream().filter(x -> x.childPid() == cur && (x.flags() & Records.FORK_THREAD) == 0).findFirst();
            if (f.isPresent()) {
                pid = f.get().parentPid();
            } else {
                // started before the recording: the snapshot knows its parent
                var p = t.summary.snapshot.processes().stream().filter(x -> x.pid() == cur).findFirst();
                if (p.isEmpty()) return false;
                pid = p.get().ppid();
            }
            if (pid == root) return true;
        }
        return false;
    }

    @Test
    void commAndSyscallFiltersKeepFdChanges() throws Exception {
        Path trace = dir.resolve("filters.iortrace");
        Path work = Files.createDirectory(dir.resolve("w"));
        IorRun.Result r = IorRun.run("record", "-q", "--syscalls", "Time,getppid", "-o", trace.toString(), "--", wl(), "scenarios", work.toString());
        assertEquals(0, r.exit(), r.toString());
        DecodedTrace t = DecodedTrace.read(trace);
        Set<String> names = t.calls.stream().map(c -> c.name).collect(Collectors.toSet());
        assertTrue(names.contains("nanosleep") && names.contains("clock_nanosleep") && names.contains("alarm"), "Time family kept: " + names);
        assertTrue(names.contains("getppid"));
        assertTrue(names.containsAll(List.of("open", "openat", "close", "dup2", "pipe2", "socket", "accept4", "execve", "clone")),
                "fd-changing syscalls are always kept: " + names);
        assertFalse(names.contains("write") || names.contains("read") || names.contains("stat") || names.contains("faccessat"),
                "narrowed away: " + names);

        Path commTrace = dir.resolve("comm.iortrace");
        Path w2 = Files.createDirectory(dir.resolve("w2"));
        IorRun.Result c = IorRun.run("record", "-q", "-c", "true", "-o", commTrace.toString(), "--", wl(), "scenarios", w2.toString(), "fork");
        assertEquals(0, c.exit(), c.toString());
        DecodedTrace ct = DecodedTrace.read(commTrace);
        assertFalse(ct.calls.isEmpty());
        assertTrue(ct.calls.stream().allMatch(k -> k.pid != Integer.parseInt(c.out().replaceAll("(?s).*done (\\d+).*", "$1"))),
                "only tasks named 'true', not the workload");
        assertTrue(ct.calls.stream().anyMatch(k -> k.name.equals("exit_group")), "/bin/true's own calls recorded");
    }

    @Test
    void sigkillLeavesAReadableFile() throws Exception {
        Path trace = dir.resolve("killed.iortrace");
        Path log = dir.resolve("killed.log");
        Process rec = IorRun.builder(List.of(), "record", "-q", "-v", "-o", trace.toString(), "--", wl(), "getppid", "50000000")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitAttached(log, rec);
        long until = System.nanoTime() + 60_000_000_000L;
        while (Files.size(trace) < (4 << 20) && System.nanoTime() < until) Thread.sleep(50); // a few chunks on disk
        List<ProcessHandle> workload = rec.toHandle().descendants().toList();
        new ProcessBuilder("kill", "-9", Long.toString(rec.pid())).start().waitFor();
        rec.waitFor(20, TimeUnit.SECONDS);
        workload.forEach(ProcessHandle::destroyForcibly);
        DecodedTrace t = DecodedTrace.read(trace);
        assertFalse(t.summary.hasTrailer, "killed before the trailer");
        assertTrue(t.summary.chunks > 0 && t.calls.size() > 1000, "chunks written before the kill are readable: " + t.summary.chunks);
        IorRun.Result info = IorRun.run("info", trace.toString());
        assertEquals(0, info.exit(), info.toString());
        assertTrue(info.out().contains("without a trailer") || info.out().contains("TRUNCATED"), info.out());
    }

    /**
     * A tiny ring buffer under a tight syscall loop drops records; every drop is counted, so
     * recorded + dropped equals what the workload issued (measured by an unconstrained run). A
     * dropped exit leaves its enter recorded, so only dropped enters and whole calls are missing.
     */
    @Test
    void dropsAreCountedExactly() throws Exception {
        long n = 300_000;
        long[] full = enterCounts(dir.resolve("full.iortrace"), "64M", n);
        assertEquals(0, full[1], "no drops with a large ring");
        long[] tiny = enterCounts(dir.resolve("tiny.iortrace"), "16K", n);
        assertTrue(tiny[1] > 0, "a 16 KiB ring must drop under this load");
        assertEquals(full[0], tiny[0] + tiny[1], "recorded + counted lost calls == calls issued");
        IorRun.Result info = IorRun.run("info", dir.resolve("tiny.iortrace").toString());
        assertTrue(info.out().contains("LOST"), info.out());
    }

    private long[] enterCounts(Path trace, String ring, long n) throws Exception {
        IorRun.Result r = IorRun.run("record", "-q", "--ringbuf-size", ring, "--no-snapshot", "-o", trace.toString(), "--", wl(), "spin", Long.toString(n));
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("calls " + n), r.out());
        DecodedTrace t = DecodedTrace.read(trace);
        // a call is one sys_call record, or (long, or in flight at stop) a sys_enter and maybe a sys_exit
        return new long[]{t.summary.byType[Records.SYS_ENTER] + t.summary.byType[Records.SYS_CALL],
                t.summary.lost[Records.STAT_DROP_ENTER] + t.summary.lost[Records.STAT_DROP_CALL]};
    }

    /**
     * A call that copies no user memory is one record written at its exit. Calls still in flight
     * when the recording stops are written as enters by the stop-time task iterator, so a blocked
     * read shows up as a call without a return, exactly as a two-record call would.
     */
    @Test
    void callsInFlightAtStopAreWrittenAsEnters() throws Exception {
        Path trace = dir.resolve("inflight.iortrace");
        IorRun.Result r = IorRun.run("record", "-q", "-d", "1s", "-o", trace.toString(), "--", "sh", "-c", "sleep 3 | cat");
        assertEquals(0, r.exit(), r.toString());
        DecodedTrace t = DecodedTrace.read(trace);
        List<DecodedTrace.Call> blocked = t.calls(c -> c.name.equals("read") && c.arg(0) == 0 && c.ret == null);
        assertEquals(1, blocked.size(), "cat's read of the empty pipe, in flight at stop: " + t.calls(c -> c.ret == null));
        assertTrue(t.summary.byType[Records.SYS_CALL] > 0, "cat's and sh's earlier calls were written whole");
        long wholeReads = t.calls(c -> c.name.equals("read") && c.ret != null).size();
        assertTrue(wholeReads > 0, "the loader's reads returned and were written as one record each");
        assertEquals(0, t.summary.lostEvents());
        IorRun.Result q = IorRun.run("query", "-q", "--format", "csv", trace.toString(), "-e",
                "SELECT count(*) FILTER (WHERE syscall = 'read' AND fd = 0 AND ret IS NULL), "
                        + "(SELECT value FROM stats WHERE name = 'enter_without_exit') FROM syscalls WHERE comm = 'cat'");
        assertEquals(0, q.exit(), q.toString());
        String[] v = q.out().lines().toList().get(1).split(",");
        assertEquals("1", v[0], q.out());
        assertTrue(Long.parseLong(v[1]) >= 1, q.out());
    }

    /** A call longer than the whole-call record's 32-bit latency (4.29 s) is written as an enter and an exit. */
    @Test
    void aCallLongerThanFourSecondsIsWrittenAsTwoRecords() throws Exception {
        Path trace = dir.resolve("long.iortrace");
        IorRun.Result r = IorRun.run("record", "-q", "-o", trace.toString(), "--", "python3", "-c",
                "import signal; signal.signal(signal.SIGALRM, lambda *a: None); signal.setitimer(signal.ITIMER_REAL, 4.4); signal.pause()");
        assertEquals(0, r.exit(), r.toString());
        DecodedTrace t = DecodedTrace.read(trace);
        DecodedTrace.Call pause = t.calls(c -> c.name.equals("pause")).getFirst();
        assertNotNull(pause.ret, "pause returned when the timer fired");
        assertTrue(pause.exitTs - pause.enterTs > 0xFFFF_FFFFL, "longer than a u32 of ns: " + (pause.exitTs - pause.enterTs));
        assertTrue(t.calls(c -> c.name.equals("setitimer") && c.ret != null).size() == 1);
        IorRun.Result q = IorRun.run("query", "-q", "--format", "csv", trace.toString(), "-e",
                "SELECT latency_ns > 4294967295, ret FROM syscalls WHERE syscall = 'pause'");
        assertEquals(0, q.exit(), q.toString());
        assertEquals("true,-514", q.out().lines().toList().get(1), "ERESTARTNOHAND at the exit tracepoint, the handler then runs");
    }

    @Test
    void maxSizeAndRotateBoundDiskUse() throws Exception {
        Path trace = dir.resolve("ring.iortrace");
        IorRun.Result r = IorRun.run("record", "-q", "--no-snapshot", "--max-size", "1M", "--rotate", "3", "-o", trace.toString(),
                "--", wl(), "getppid", "200000");
        assertEquals(0, r.exit(), r.toString());
        List<Path> files = new ArrayList<>(List.of(trace, dir.resolve("ring.1.iortrace"), dir.resolve("ring.2.iortrace")));
        for (Path f : files) {
            assertTrue(Files.exists(f), f + " exists");
            assertTrue(Files.size(f) < (1 << 20) + (1 << 20) + 100_000, f + " within max size + one chunk: " + Files.size(f));
            DecodedTrace t = DecodedTrace.read(f);
            assertTrue(t.summary.hasTrailer);
            assertFalse(t.header.get("host.name").isEmpty(), "every file of the ring has its own header");
        }
        assertFalse(Files.exists(dir.resolve("ring.3.iortrace")), "no more than 3 files");
        assertEquals(TraceFormat.STOP_ROTATED, DecodedTrace.read(files.get(1)).summary.stopReason);

        Path capped = dir.resolve("capped.iortrace");
        IorRun.Result c = IorRun.run("record", "--no-snapshot", "--max-size", "1M", "-o", capped.toString(), "--", wl(), "getppid", "200000");
        assertEquals(0, c.exit(), c.toString());
        assertTrue(c.err().contains("--max-size"), c.err());
        assertEquals(TraceFormat.STOP_MAX_SIZE, DecodedTrace.read(capped).summary.stopReason);
    }

    @Test
    void missingPrivilegesGiveOneLineAndExitCode3() throws Exception {
        File setpriv = new File("/usr/bin/setpriv");
        org.junit.jupiter.api.Assumptions.assumeTrue(setpriv.canExecute(), "SKIPPED LOUDLY: setpriv (util-linux) missing");
        // nobody cannot read /root/.m2, so run the shaded jar the build made, as a user would
        Path jar = IorRun.root().resolve("analyzer/target/ior.jar");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(jar), "SKIPPED LOUDLY: " + jar + " not built (run mvn install)");
        // the checkout may sit in a private directory (mktemp -d is 0700): give nobody its own copy
        Path open = Files.createTempDirectory("ior-nobody");
        Files.setPosixFilePermissions(open, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path copy = Files.copy(jar, open.resolve("ior.jar"));
        Files.setPosixFilePermissions(copy, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all", "--bounding-set=-all"));
        cmd.add(IorRun.javaCommand().getFirst());
        cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-jar", copy.toString(), "record", "-o", "/tmp/ior-nobody.iortrace", "-d", "1s"));
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        ScenariosTrace.delete(open);
        IorRun.Result r = new IorRun.Result(p.exitValue(), "", err, p.pid());
        assertEquals(3, r.exit(), r.toString());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().startsWith("ior: ") && r.err().contains("CAP_BPF"), r.err());
        assertFalse(r.err().contains("Exception"), "no stack trace");
    }

    /**
     * libbpf.so.1 missing: one line naming the package, exit 4, no file. The library is hidden in a
     * private mount namespace (an empty file bound over it), so dlopen fails as on a host without
     * it. The recorder links libbpf on a thread of its own while the command line is parsed; the
     * failure there must still reach the user as this line.
     */
    @Test
    void missingLibbpfGivesOneLineAndExitCode4() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(new File("/usr/bin/unshare").canExecute(), "SKIPPED LOUDLY: unshare (util-linux) missing");
        Path lib = null;
        for (String d : List.of("/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib"))
            if (Files.exists(Path.of(d, "libbpf.so.1"))) {
                lib = Path.of(d, "libbpf.so.1").toRealPath();
                break;
            }
        org.junit.jupiter.api.Assumptions.assumeTrue(lib != null, "SKIPPED LOUDLY: libbpf.so.1 not found where Debian puts it");
        Path trace = dir.resolve("nolib.iortrace");
        IorRun.Result r = IorRun.run(List.of("unshare", "-m", "sh", "-c", "mount --bind /dev/null \"$0\" && exec \"$@\"", lib.toString()), 60,
                "record", "-o", trace.toString(), "--", wl(), "exitcode", "0");
        assertEquals(4, r.exit(), r.toString());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().startsWith("ior: libbpf.so.1 not found: install libbpf1"), r.err());
        assertFalse(Files.exists(trace), "no trace file");
    }

    @Test
    void usageErrorsExit2() throws Exception {
        IorRun.Result r = IorRun.run("record", "--ringbuf-size", "lots", "-o", dir.resolve("u.iortrace").toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("invalid size 'lots'"), r.err());
        IorRun.Result s = IorRun.run("record", "--syscalls", "nosuchcall", "-d", "1s", "-o", dir.resolve("u.iortrace").toString());
        assertEquals(2, s.exit(), s.toString());
        assertTrue(s.err().contains("nosuchcall"), s.err());
    }

    @Test
    void statusLineOnATerminal() throws Exception {
        Path trace = dir.resolve("tty.iortrace");
        // script(1) gives ior a pseudo-terminal, as a user at a shell has
        String cmd = String.join(" ", IorRun.javaCommand().stream().map(a -> "'" + a + "'").toList())
                + " record -o " + trace + " -- sh -c '" + wl() + " open 200000 /etc/hostname; sleep 1.5'"; // outlives the 1 s tick
        Process p = new ProcessBuilder("script", "-qec", cmd, "/dev/null").redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("events/s") && out.contains("written") && out.contains("lost 0"), "status line: " + out);
        assertTrue(out.contains("ior: ") && out.contains(" events, "), "summary: " + out);
    }

    /** The standalone recorder jar (recorder + picocli only) records and reads traces by itself. */
    @Test
    void standaloneRecorderJarWorksAlone() throws Exception {
        Path jar;
        try (var s = Files.list(IorRun.root().resolve("recorder/target"))) {
            jar = s.filter(f -> f.getFileName().toString().endsWith("-standalone.jar")).findFirst().orElse(null);
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(jar != null, "SKIPPED LOUDLY: standalone jar not built (run mvn install)");
        try (var z = new java.util.zip.ZipFile(jar.toFile())) {
            assertTrue(z.stream().noneMatch(e -> e.getName().startsWith("ior/analyzer/") || e.getName().startsWith("org/apache/arrow")
                    || e.getName().startsWith("org/duckdb")), "nothing of the analyzer in the recorder jar");
        }
        Path trace = dir.resolve("standalone.iortrace");
        String java = IorRun.javaCommand().getFirst();
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString(), "record", "-q", "-o", trace.toString(),
                "--", wl(), "exitcode", "0").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        Process i = new ProcessBuilder(java, "-jar", jar.toString(), "info", trace.toString()).redirectErrorStream(true).start();
        String info = new String(i.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, i.waitFor(), info);
        assertTrue(info.contains("ended:       command exited"), info);
    }

    /**
     * The ./ior launcher runs `record` from the standalone recorder jar (a faster start than the
     * main jar) when that jar is fresh: the recorded command reads its parent's, the JVM's, command line.
     */
    @Test
    void launcherRecordsWithTheStandaloneJar() throws Exception {
        Path launcher = IorRun.root().resolve("ior");
        Path trace = dir.resolve("launcher.iortrace");
        Process p = new ProcessBuilder("bash", launcher.toString(), "record", "-q", "-o", trace.toString(),
                "--", "sh", "-c", "tr '\\0' ' ' < /proc/$PPID/cmdline").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.matches("(?s).*-jar \\S*/recorder/target/ior-recorder-[^ ]*-standalone\\.jar record -q -o .*"), out);
        assertTrue(out.contains("-XX:TieredStopAtLevel=1"), out);
        DecodedTrace t = DecodedTrace.read(trace);
        assertFalse(t.calls(c -> c.name.equals("execve")).isEmpty(), "the command was recorded");
    }

    /** Waits until `ior record -v` says it is recording: attached, header and snapshot written (the machine may be slow). */
    static void awaitAttached(Path log, Process rec) throws Exception {
        long until = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < until) {
            if (Files.exists(log) && Files.readString(log).contains("ior: recording to ")) return;
            if (!rec.isAlive()) fail("recorder exited early: " + Files.readString(log));
            Thread.sleep(50);
        }
        fail("recorder did not attach within 120 s");
    }
}

package ior.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The oracle: the same workload run under `strace -f -y -T` and recorded by ior, then the
 * analyzer's syscalls table (through `ior query`) compared call by call for the workload's main
 * process: syscall names and counts, return values and errno names, and the path of every
 * fd-bearing call. Mismatches are listed, not just counted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StraceCrossCheckTest {
    record Call(String name, String ret, String file) {
        @Override
        public String toString() {
            return name + " = " + ret + (file == null ? "" : " <" + file + ">");
        }
    }

    List<Call> ior, strace;
    Path dirA, dirB;
    /** ior's recording of the scenarios, and the workload's pid in it. */
    Path xcTrace;
    int xcPid;

    /** Temporary directories of this class (traces, caches, exports): removed after its tests. */
    final java.util.List<Path> scratch = new java.util.ArrayList<>();

    @org.junit.jupiter.api.AfterAll
    void removeScratch() throws Exception {
        for (Path p : scratch) ScenariosTrace.delete(p);
    }

    @BeforeAll
    void runBoth() throws Exception {
        IorRun.assumeCanRecord();
        assertTrue(Files.isExecutable(Path.of("/usr/bin/strace")), "strace is installed by scripts/setup.sh");
        Path base = Files.createTempDirectory("ior-xc");
        scratch.add(base);
        dirA = Files.createDirectory(base.resolve("a"));
        dirB = Files.createDirectory(base.resolve("b"));
        String wl = IorRun.workload().toString();
        // the contract's scenarios that run in the main process only (fork/thread add other tasks)
        String[] scenarios = {"open", "rw", "close", "dup", "rename", "link", "dir", "stat", "fsync", "truncate", "pipe", "socket",
                "epoll", "eventfd", "timers", "aio", "errors", "mmap"};

        Path trace = base.resolve("xc.iortrace");
        List<String> rec = new ArrayList<>(List.of("record", "-q", "-o", trace.toString(), "--", wl, "scenarios", dirA.toString()));
        rec.addAll(List.of(scenarios));
        IorRun.Result r = IorRun.run(rec.toArray(String[]::new));
        assertEquals(0, r.exit(), r.toString());
        int pid = Integer.parseInt(r.out().replaceAll("(?s).*done (\\d+).*", "$1"));
        xcTrace = trace;
        xcPid = pid;
        IorRun.Result q = IorRun.run("query", "-q", "--format", "csv", trace.toString(), "-e",
                "SELECT syscall, ret, errno, coalesce(old_file, file) FROM syscalls WHERE pid = " + pid + " ORDER BY seq");
        assertEquals(0, q.exit(), q.toString());
        ior = between(parseCsv(q.out(), dirA));

        Path out = base.resolve("xc.strace");
        List<String> st = new ArrayList<>(List.of("strace", "-f", "-qq", "-y", "-T", "-o", out.toString(), wl, "scenarios", dirB.toString()));
        st.addAll(List.of(scenarios));
        Process p = new ProcessBuilder(st).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertEquals(0, p.waitFor());
        strace = between(parseStrace(Files.readAllLines(out), dirB));
    }

    /** The calls from the first scenario marker to the end marker. */
    static List<Call> between(List<Call> all) {
        int start = -1, end = all.size();
        for (int i = 0; i < all.size(); i++) {
            Call c = all.get(i);
            if (c.name.equals("faccessat") && c.file != null && c.file.startsWith("/ior-marker/")) {
                if (start < 0) start = i;
                if (c.file.equals("/ior-marker/end")) end = i + 1;
            }
        }
        assertTrue(start >= 0, "markers found in " + all.size() + " calls");
        return all.subList(start, end);
    }

    static List<Call> parseCsv(String csv, Path dir) throws IOException {
        List<Call> out = new ArrayList<>();
        var lines = new java.io.BufferedReader(new StringReader(csv)).lines().toList();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            String ret = f[2].isEmpty() ? f[1] : "-1 " + f[2];
            out.add(new Call(f[0], ret, f[3].isEmpty() ? null : norm(f[3], dir)));
        }
        return out;
    }

    static final Pattern LINE = Pattern.compile("^(\\d+)\\s+(\\w+)\\((.*)\\)\\s+=\\s+(0x[0-9a-f]+|-?\\d+|\\?)(?:\\s+(E[A-Z0-9]+))?.*$");

    /** strace -f -y lines of the first (main) process: name, ret or "-1 ENAME", and the path of the first fd/path argument. */
    static List<Call> parseStrace(List<String> lines, Path dir) {
        List<Call> out = new ArrayList<>();
        String main = null;
        Map<String, String> unfinished = new HashMap<>();
        for (String l : lines) {
            String pid = l.split("\\s+", 2)[0];
            if (main == null) main = pid;
            if (!pid.equals(main)) continue;
            if (l.contains("<unfinished ...>")) {
                unfinished.put(pid, l.substring(0, l.indexOf("<unfinished ...>")));
                continue;
            }
            if (l.contains(" resumed>")) {
                String head = unfinished.remove(pid);
                if (head == null) continue;
                l = head + l.substring(l.indexOf(" resumed>") + 9);
            }
            if (l.contains("+++") || l.contains("---")) continue;
            Matcher m = LINE.matcher(l);
            if (!m.matches()) continue;
            String name = m.group(2);
            String ret = m.group(5) != null ? "-1 " + m.group(5) : m.group(4);
            out.add(new Call(name, ret, firstPath(name, m.group(3), dir)));
        }
        return out;
    }

    /**
     * The path strace shows first: fd<path>, or a dirfd<dir> with a relative name (joined, as ior
     * resolves it), or a quoted path string. For rename and link calls that is the source, which
     * ior reports as old_file.
     */
    static String firstPath(String name, String args, Path dir) {
        boolean dirfdCall = name.endsWith("at") || name.endsWith("at2") || name.equals("statx");
        Matcher at = Pattern.compile("^-?\\d+<([^>]*)>, \"([^/\"][^\"]*)\"").matcher(args);
        if (dirfdCall && at.find()) return norm(at.group(1) + "/" + at.group(2), dir);
        Matcher fd = Pattern.compile("^-?\\d+<([^>]*)>").matcher(args);
        if (fd.find()) return norm(fd.group(1), dir);
        Matcher s = Pattern.compile("\"([^\"]*)\"").matcher(args);
        if (s.find() && s.group(1).startsWith("/")) return norm(s.group(1), dir);
        return null;
    }

    static String norm(String p, Path dir) {
        return p.replace(dir.toString(), "DIR");
    }

    @Test
    void sameSyscallsInTheSameCounts() {
        Map<String, Integer> a = counts(ior), b = counts(strace);
        List<String> diffs = new ArrayList<>();
        for (String k : new java.util.TreeSet<>(union(a, b)))
            if (!a.getOrDefault(k, 0).equals(b.getOrDefault(k, 0)))
                diffs.add(k + ": ior " + a.getOrDefault(k, 0) + ", strace " + b.getOrDefault(k, 0));
        assertTrue(diffs.isEmpty(), "per-syscall counts differ:\n" + String.join("\n", diffs));
        assertTrue(ior.size() > 150, "a real workload: " + ior.size());
    }

    @Test
    void sameReturnValuesAndErrors() {
        List<String> diffs = new ArrayList<>();
        int n = Math.min(ior.size(), strace.size());
        for (int i = 0; i < n; i++) {
            Call x = ior.get(i), y = strace.get(i);
            if (!x.name.equals(y.name)) {
                diffs.add(i + ": ior " + x + " vs strace " + y + " (sequences diverge)");
                break;
            }
            if (addressLike(x.name)) continue;
            if (!x.ret.equals(y.ret) && !(y.ret.startsWith("0x") && Long.decode(y.ret) == Long.parseLong(x.ret)))
                diffs.add(i + ": " + x.name + " ior ret " + x.ret + ", strace " + y.ret);
        }
        assertEquals(strace.size(), ior.size(), "same number of calls");
        assertTrue(diffs.isEmpty(), "return values differ:\n" + String.join("\n", diffs));
    }

    /** Where strace -y names a file (fd<path> or an absolute path argument), ior's file column names the same one. */
    @Test
    void samePathsForFdBearingCalls() {
        List<String> diffs = new ArrayList<>();
        int compared = 0;
        for (int i = 0; i < Math.min(ior.size(), strace.size()); i++) {
            Call x = ior.get(i), y = strace.get(i);
            if (!x.name.equals(y.name)) break;
            if (y.file == null || !(y.file.startsWith("/") || y.file.startsWith("DIR")) || y.file.startsWith("/ior-marker")) continue;
            compared++;
            if (!y.file.equals(x.file)) diffs.add(i + ": " + x.name + " ior <" + x.file + ">, strace <" + y.file + ">");
        }
        assertTrue(compared > 60, "paths compared: " + compared);
        assertTrue(diffs.isEmpty(), diffs.size() + " of " + compared + " paths differ:\n" + String.join("\n", diffs));
    }

    /**
     * fd_kind says what an fd is, so a call without one (stat, mkdir, unlink, a failed open) has
     * none: its path alone does not say whether it names a file or a directory.
     */
    @Test
    void callsWithoutAnFdHaveNoFdKind() throws Exception {
        IorRun.Result q = IorRun.run("query", "-q", "--format", "csv", xcTrace.toString(), "-e",
                "SELECT count(*) FILTER (WHERE fd IS NULL AND file IS NOT NULL), count(*) FILTER (WHERE fd IS NULL AND fd_kind IS NOT NULL), "
                        + "count(*) FILTER (WHERE fd IS NOT NULL AND fd_kind IS NULL) FROM syscalls WHERE pid = " + xcPid);
        assertEquals(0, q.exit(), q.toString());
        String[] c = q.out().lines().skip(1).findFirst().orElseThrow().split(",");
        assertTrue(Long.parseLong(c[0]) > 20, "the workload makes path-only calls: " + q.out());
        assertEquals("0", c[1], "path-only calls with an fd_kind: " + q.out());
        assertEquals("0", c[2], "calls with an fd but no fd_kind (unknown has a name): " + q.out());
    }

    /**
     * A call that made an fd reports the kind of the fd it made: a directory opened with
     * O_DIRECTORY is a dir (not the "file" its path alone would suggest), a socket a socket, and
     * so on; dup keeps the kind of what it copied.
     */
    @Test
    void callsThatMakeAnFdReportItsKind() throws Exception {
        IorRun.Result q = IorRun.run("query", "-q", "--format", "csv", xcTrace.toString(), "-e",
                "SELECT syscall || CASE WHEN flags LIKE '%O_DIRECTORY%' THEN '+O_DIRECTORY' ELSE '' END, "
                        + "string_agg(DISTINCT coalesce(fd_kind, 'NULL'), '|' ORDER BY coalesce(fd_kind, 'NULL')) FROM syscalls WHERE pid = " + xcPid
                        + " AND NOT is_error AND fd IS NOT NULL AND syscall IN ('open', 'openat', 'openat2', 'creat', 'socket', 'accept4', 'eventfd2', "
                        + "'timerfd_create', 'signalfd4', 'memfd_create', 'inotify_init1', 'epoll_create1', 'dup', 'dup2', 'dup3') GROUP BY 1 ORDER BY 1");
        assertEquals(0, q.exit(), q.toString());
        Map<String, String> kinds = new TreeMap<>();
        q.out().lines().skip(1).forEach(l -> kinds.put(l.split(",")[0], l.split(",")[1]));
        assertEquals(new TreeMap<>(Map.ofEntries(Map.entry("accept4", "socket"), Map.entry("creat", "file"), Map.entry("dup", "file"),
                Map.entry("dup2", "file"), Map.entry("dup3", "file"), Map.entry("epoll_create1", "epoll"), Map.entry("eventfd2", "eventfd"),
                Map.entry("inotify_init1", "inotify"), Map.entry("memfd_create", "memfd"), Map.entry("open", "file"),
                Map.entry("open+O_DIRECTORY", "dir"), Map.entry("openat", "file"), Map.entry("openat2", "file"),
                Map.entry("signalfd4", "signalfd"), Map.entry("socket", "socket"), Map.entry("timerfd_create", "timerfd"))), kinds);
    }

    /**
     * Real programs, recorded by ior and run under strace separately: the same syscalls in the
     * same numbers over the whole process tree (tar forks gzip; sqlite3 syncs its journal; python
     * imports its standard library, writes, reads, gzips and renames files). Not git: even two
     * strace runs of the same `git add` differ (it re-reads attributes and files it finds "racily
     * clean", which depends on the clock), so exact counts cannot be the oracle for it.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"tar", "sqlite3", "python3"})
    void realProgramsMatchStrace(String program) throws Exception {
        Path work = Files.createTempDirectory("ior-real");
        try {
            Path in = Files.createDirectory(work.resolve("in"));
            for (int i = 1; i <= 30; i++) {
                StringBuilder sb = new StringBuilder();
                for (int k = 1; k <= i * 200; k++) sb.append(k).append('\n');
                Files.writeString(in.resolve("f" + i + ".txt"), sb);
            }
            String sql = "create table t(x integer primary key, y text); insert into t(y) select 'row' || value from generate_series(1,500); "
                    + "begin; update t set y = y || 'x' where x % 3 = 0; commit; select count(*) from t;";
            Path py = Files.writeString(work.resolve("wl.py"), String.join("\n",
                    "import gzip, json, os, shutil, sys",
                    "d = os.path.join(sys.argv[1], 'py')",
                    "os.makedirs(d, exist_ok=True)",
                    "for i in range(20):",
                    "    with open(os.path.join(d, 'f%d.json' % i), 'w') as f:",
                    "        json.dump({'i': i, 'v': list(range(i * 50))}, f)",
                    "total = 0",
                    "for n in sorted(os.listdir(d)):",
                    "    with open(os.path.join(d, n)) as f:",
                    "        total += len(json.load(f)['v'])",
                    "with open(os.path.join(d, 'f19.json'), 'rb') as src, gzip.open(os.path.join(d, 'all.gz'), 'wb') as dst:",
                    "    shutil.copyfileobj(src, dst)",
                    "os.rename(os.path.join(d, 'f1.json'), os.path.join(d, 'g1.json'))",
                    "print(total)", ""));
            java.util.function.Function<String, List<String>> cmd = tag -> switch (program) {
                case "tar" -> List.of("tar", "czf", work.resolve(tag + ".tgz").toString(), "-C", in.toString(), ".");
                case "sqlite3" -> List.of("sqlite3", work.resolve(tag + ".db").toString(), sql);
                default -> List.of("/usr/bin/python3", py.toString(), work.resolve(tag).toString());
            };
            // where python's heap lands (ASLR) decides whether one more brk is needed: +-1 from run to run
            java.util.Set<String> varies = program.equals("python3") ? java.util.Set.of("brk") : java.util.Set.of();
            Path trace = work.resolve("real.iortrace");
            List<String> rec = new ArrayList<>(List.of("record", "-q", "-o", trace.toString(), "--"));
            rec.addAll(cmd.apply("ior"));
            IorRun.Result r = IorRun.run(rec.toArray(String[]::new));
            assertEquals(0, r.exit(), r.toString());
            IorRun.Result q = IorRun.run("query", "-q", "--format", "csv", trace.toString(), "-e",
                    "SELECT syscall, count(*) FROM syscalls WHERE fd_kind IS DISTINCT FROM 'pipe' GROUP BY 1 ORDER BY 1");
            assertEquals(0, q.exit(), q.toString());
            Map<String, Integer> ours = new TreeMap<>();
            q.out().lines().skip(1).forEach(l -> ours.put(l.split(",")[0], Integer.parseInt(l.split(",")[1])));

            Path out = work.resolve("real.strace");
            // Calls on pipes are left out on both sides: how much a read from a pipe returns depends on
            // timing (tar feeds gzip through one), so their number differs from run to run.
            List<String> st = new ArrayList<>(List.of("strace", "-f", "-qq", "-y", "-o", out.toString()));
            st.addAll(cmd.apply("strace"));
            // the same stdin as the recorded run (IorRun gives /dev/null): programs probe it with ioctl
            // and, like it, output to a regular file (stdio probes a character device with ioctl)
            Process p = new ProcessBuilder(st).redirectErrorStream(true).redirectOutput(work.resolve("strace.out").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            assertEquals(0, p.waitFor());
            Map<String, Integer> theirs = new TreeMap<>();
            for (String l : Files.readAllLines(out)) {
                Matcher m = Pattern.compile("^\\d+\\s+(\\w+)\\((-?\\d+<pipe:)?").matcher(l);
                if (m.find() && m.group(2) == null) theirs.merge(m.group(1), 1, Integer::sum);
            }
            List<String> diffs = new ArrayList<>();
            for (String k : new java.util.TreeSet<>(union(ours, theirs)))
                if (!varies.contains(k) && !ours.getOrDefault(k, 0).equals(theirs.getOrDefault(k, 0)))
                    diffs.add(k + ": ior " + ours.getOrDefault(k, 0) + ", strace " + theirs.getOrDefault(k, 0));
            assertTrue(diffs.isEmpty(), program + ": per-syscall counts differ:\n" + String.join("\n", diffs));
            assertTrue(ours.values().stream().mapToInt(Integer::intValue).sum() > 100);

            // Every fd-bearing call on the run's own files (strace -y prints the fd's path): the
            // same path, as often, moving the same bytes. The two runs' outputs are named by their
            // tag (ior.tgz / strace.tgz, ior/py/...): both become TAG.
            String w = work.toString();
            IorRun.Result fq = IorRun.run("query", "-q", "--format", "csv", trace.toString(), "-e",
                    "SELECT syscall, file, count(*), sum(bytes) FROM syscalls WHERE fd IS NOT NULL AND starts_with(file, '" + w + "/') GROUP BY 1, 2");
            assertEquals(0, fq.exit(), fq.toString());
            Map<String, String> ourFiles = new TreeMap<>();
            fq.out().lines().skip(1).forEach(l -> {
                String[] f = l.split(",", -1);
                ourFiles.put(f[0] + " " + tagged(f[1], w, "ior"), f[2] + " calls, " + f[3] + " bytes");
            });
            Map<String, long[]> st2 = new TreeMap<>();
            Pattern fdRet = Pattern.compile("^\\d+\\s+(\\w+)\\(.*\\)\\s+=\\s+\\d+<([^>]*)>$"),
                    fdArg = Pattern.compile("^\\d+\\s+(\\w+)\\(-?\\d+<([^>]*)>(?:, \"([^\"]*)\")?"),
                    ret = Pattern.compile("\\)\\s+=\\s+(-?\\d+)");
            java.util.Set<String> moves = java.util.Set.of("read", "write", "pread64", "pwrite64", "readv", "writev", "preadv", "pwritev", "getdents64");
            for (String l : joinResumed(Files.readAllLines(out))) {
                // a call that returns a new fd is about that fd's file (openat's dirfd is not the point)
                Matcher m = fdRet.matcher(l);
                String name, path;
                if (m.find()) {
                    name = m.group(1);
                    path = m.group(2);
                } else if ((m = fdArg.matcher(l)).find()) {
                    name = m.group(1);
                    path = m.group(2);
                    // an *at call with a path works on that path, not on an fd (ior: fd NULL); only
                    // with "" (AT_EMPTY_PATH) is it about the dirfd's own file
                    boolean at = name.endsWith("at") || name.endsWith("at2") || name.equals("statx");
                    if (at && m.group(3) != null && !m.group(3).isEmpty()) continue;
                } else continue;
                // the strace run's stdout is a file in work; the recorded run's is not
                if (!path.startsWith(w + "/") || path.equals(w + "/strace.out")) continue;
                long[] v = st2.computeIfAbsent(name + " " + tagged(path, w, "strace"), k -> new long[2]);
                v[0]++;
                Matcher rv = ret.matcher(l);
                if (moves.contains(name) && rv.find() && Long.parseLong(rv.group(1)) > 0) v[1] += Long.parseLong(rv.group(1));
            }
            Map<String, String> theirFiles = new TreeMap<>();
            st2.forEach((k, v) -> theirFiles.put(k, v[0] + " calls, " + v[1] + " bytes"));
            List<String> fileDiffs = new ArrayList<>();
            for (String k : new java.util.TreeSet<>(union(ourFiles, theirFiles)))
                if (!java.util.Objects.equals(ourFiles.get(k), theirFiles.get(k)))
                    fileDiffs.add(k + ": ior " + ourFiles.get(k) + ", strace " + theirFiles.get(k));
            assertTrue(fileDiffs.isEmpty(), program + ": fd-bearing calls on its files differ:\n" + String.join("\n", fileDiffs));
            assertTrue(ourFiles.size() >= 10, program + ": files compared: " + ourFiles);
        } finally {
            ScenariosTrace.delete(work); // traces, archives and databases of a run are not kept
        }
    }

    static boolean addressLike(String name) {
        return name.equals("mmap") || name.equals("brk") || name.equals("getsockname") || name.equals("accept4")
                && false || name.equals("io_setup");
    }

    private static Map<String, Integer> counts(List<Call> calls) {
        Map<String, Integer> m = new TreeMap<>();
        for (Call c : calls) m.merge(c.name, 1, Integer::sum);
        return m;
    }

    /** strace -f lines with each "<unfinished ...>" call joined to its "<... resumed>" rest, in call order. */
    private static List<String> joinResumed(List<String> lines) {
        Pattern resumed = Pattern.compile("^(\\d+)\\s+<\\.\\.\\. \\w+ resumed>(.*)$");
        Map<String, Integer> open = new java.util.HashMap<>();
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            Matcher r = resumed.matcher(l);
            if (r.find()) {
                Integer at = open.remove(r.group(1));
                if (at != null) out.set(at, out.get(at) + r.group(2));
                continue;
            }
            if (l.endsWith(" <unfinished ...>")) {
                open.put(l.substring(0, l.indexOf(' ')), out.size());
                l = l.substring(0, l.length() - " <unfinished ...>".length());
            }
            out.add(l);
        }
        return out;
    }

    /** A path of a run's own outputs (work/TAG.tgz, work/TAG/py/...) with its tag replaced by TAG. */
    private static String tagged(String path, String work, String tag) {
        return path.startsWith(work + "/" + tag) ? "TAG" + path.substring(work.length() + 1 + tag.length()) : path.substring(work.length() + 1);
    }

    private static <V> java.util.Set<String> union(Map<String, V> a, Map<String, V> b) {
        java.util.Set<String> s = new java.util.HashSet<>(a.keySet());
        s.addAll(b.keySet());
        return s;
    }
}

package ior.recorder;

import ior.format.Snapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Reads /proc into a {@link Snapshot}: processes, threads and open fds. Processes come and go
 * while we read; a process that vanishes mid-read is simply left out (its exit is in the trace).
 */
public final class ProcSnapshot {
    private static final Path PROC = Path.of("/proc");
    /** USER_HZ is 100 on every Linux architecture ior supports; /proc/PID/stat starttime is in it. */
    private static final long NS_PER_TICK = 10_000_000L;

    private ProcSnapshot() {}

    /** All processes with their ppid, for following descendants of -p. */
    public static Map<Integer, Integer> parents() {
        Map<Integer, Integer> out = new HashMap<>();
        for (int pid : pids()) {
            String stat = read(PROC.resolve(pid + "/stat"));
            if (stat != null) out.put(pid, statField(stat, 4));
        }
        return out;
    }

    /** The given pids and every descendant currently alive. */
    public static Set<Integer> withDescendants(Set<Integer> roots) {
        Map<Integer, Integer> parent = parents();
        Set<Integer> out = new HashSet<>(roots);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (var e : parent.entrySet())
                if (!out.contains(e.getKey()) && out.contains(e.getValue())) grew |= out.add(e.getKey());
        }
        return out;
    }

    public static List<Integer> pids() {
        List<Integer> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(PROC)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (!n.isEmpty() && n.chars().allMatch(Character::isDigit)) out.add(Integer.parseInt(n));
            }
        } catch (IOException e) {
            throw new UserException(ExitCodes.ENVIRONMENT, "cannot list /proc: " + e.getMessage());
        }
        out.sort(null);
        return out;
    }

    /** Snapshot of every process the predicate accepts. */
    public static Snapshot take(IntPredicate include) {
        List<Snapshot.Process> ps = new ArrayList<>();
        List<Snapshot.Thread> ts = new ArrayList<>();
        List<Snapshot.Fd> fs = new ArrayList<>();
        for (int pid : pids()) {
            if (!include.test(pid)) continue;
            Path dir = PROC.resolve(Integer.toString(pid));
            String stat = read(dir.resolve("stat"));
            if (stat == null) continue; // gone
            int ppid = statField(stat, 4);
            long start = parseLong(statFieldString(stat, 22)) * NS_PER_TICK;
            String comm = chomp(read(dir.resolve("comm")));
            int uid = uid(read(dir.resolve("status")));
            String cmdline = read(dir.resolve("cmdline"));
            if (cmdline != null && cmdline.endsWith("\0")) cmdline = cmdline.substring(0, cmdline.length() - 1);
            ps.add(new Snapshot.Process(pid, ppid, uid, start, nz(comm), nz(link(dir.resolve("exe"))), nz(cmdline), nz(link(dir.resolve("cwd")))));
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(dir.resolve("task"))) {
                for (Path t : tasks) {
                    int tid = Integer.parseInt(t.getFileName().toString());
                    ts.add(new Snapshot.Thread(pid, tid, nz(chomp(read(t.resolve("comm"))))));
                }
            } catch (IOException | NumberFormatException ignored) {
                // the process exited while we listed it
            }
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(dir.resolve("fd"))) {
                for (Path f : fds) {
                    int fd = Integer.parseInt(f.getFileName().toString());
                    String target = link(f);
                    if (target == null) continue;
                    String info = read(dir.resolve("fdinfo/" + fd));
                    fs.add(new Snapshot.Fd(pid, fd, (int) fdinfo(info, "flags:", 8), fdinfo(info, "pos:", 10), target, ""));
                }
            } catch (IOException | NumberFormatException ignored) {
                // no permission or gone
            }
        }
        fs.sort((a, b) -> a.pid() != b.pid() ? Integer.compare(a.pid(), b.pid()) : Integer.compare(a.fd(), b.fd()));
        return new Snapshot(ps, ts, fs);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String read(Path p) {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String link(Path p) {
        try {
            return Files.readSymbolicLink(p).toString();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String chomp(String s) {
        return s == null ? null : s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    /** Field n (1-based) of /proc/PID/stat; comm (field 2) may contain spaces and parentheses. */
    static String statFieldString(String stat, int n) {
        int close = stat.lastIndexOf(')');
        String[] rest = stat.substring(close + 2).trim().split(" ");
        int idx = n - 3;
        return idx >= 0 && idx < rest.length ? rest[idx] : "0";
    }

    static int statField(String stat, int n) {
        return (int) parseLong(statFieldString(stat, n));
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int uid(String status) {
        if (status == null) return -1;
        for (String line : status.split("\n"))
            if (line.startsWith("Uid:")) return (int) parseLong(line.substring(4).trim().split("\\s+")[0]);
        return -1;
    }

    private static long fdinfo(String info, String key, int radix) {
        if (info == null) return 0;
        for (String line : info.split("\n"))
            if (line.startsWith(key)) {
                try {
                    return Long.parseLong(line.substring(key.length()).trim(), radix);
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        return 0;
    }
}

package ior.recorder;

import ior.bpf.Libc;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Facts about the recording host for the trace header, so the file describes itself. */
public final class HostInfo {
    private HostInfo() {}

    public static String read(String path) {
        try {
            return new String(Files.readAllBytes(Path.of(path)), StandardCharsets.UTF_8).trim();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    public static String hostname() {
        return read("/proc/sys/kernel/hostname");
    }

    public static String kernelRelease() {
        return read("/proc/sys/kernel/osrelease");
    }

    public static String arch() {
        String a = System.getProperty("os.arch");
        return "amd64".equals(a) ? "x86_64" : a;
    }

    /**
     * Offset to add to a boot-clock timestamp (what the BPF programs record) to get wall-clock
     * nanoseconds since the epoch.
     */
    public static long bootToWallNs() {
        return offsetBetween(Libc.CLOCK_REALTIME, Libc.CLOCK_BOOTTIME);
    }

    /** CLOCK_BOOTTIME minus CLOCK_MONOTONIC: the time this host spent suspended since boot. */
    public static long bootMinusMonoNs() {
        return offsetBetween(Libc.CLOCK_BOOTTIME, Libc.CLOCK_MONOTONIC);
    }

    /**
     * clock minus base, from the tightest of 16 readings of clock bracketed by two of base (a
     * preemption between the three reads widens the bracket, so that reading loses).
     */
    private static long offsetBetween(int clock, int base) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment ts = a.allocate(16, 8);
            long best = Long.MAX_VALUE, offset = 0;
            for (int i = 0; i < 16; i++) {
                long b0 = Libc.clockNs(base, ts);
                long c = Libc.clockNs(clock, ts);
                long b1 = Libc.clockNs(base, ts);
                if (b1 - b0 < best) {
                    best = b1 - b0;
                    offset = c - (b0 + (b1 - b0) / 2);
                }
            }
            return offset;
        }
    }

    public static long monoNowNs() {
        try (Arena a = Arena.ofConfined()) {
            return Libc.clockNs(Libc.CLOCK_MONOTONIC, a.allocate(16, 8));
        }
    }

    public static long bootNowNs() {
        try (Arena a = Arena.ofConfined()) {
            return Libc.clockNs(Libc.CLOCK_BOOTTIME, a.allocate(16, 8));
        }
    }

    /**
     * Milliseconds since this process started, from /proc/self/stat's start time (10 ms ticks
     * since boot) against CLOCK_BOOTTIME; the JDK's start instant is only whole-second accurate.
     */
    public static long msSinceProcessStart() {
        String stat = read("/proc/self/stat");
        int close = stat.lastIndexOf(')');
        if (close < 0) return -1;
        String[] f = stat.substring(close + 2).split(" ");
        try {
            long startTicks = Long.parseLong(f[19]); // field 22 of stat
            return (bootNowNs() - startTicks * 10_000_000L) / 1_000_000L;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    public static String tracefsRoot() {
        for (String p : List.of("/sys/kernel/tracing", "/sys/kernel/debug/tracing"))
            if (Files.isDirectory(Path.of(p, "events/syscalls"))) return p;
        return null;
    }

    /** Mounts tracefs when it is not mounted (we are root at this point); returns its root or null. */
    public static String ensureTracefs() {
        String root = tracefsRoot();
        if (root != null) return root;
        try {
            Process p = new ProcessBuilder("mount", "-t", "tracefs", "nodev", "/sys/kernel/tracing")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor();
        } catch (IOException | InterruptedException ignored) {
            // reported by the caller
        }
        return tracefsRoot();
    }

    /** The kernel's own description of every syscall's arguments (events/syscalls/* /format). */
    public static String syscallFormats(String tracefs) {
        if (tracefs == null) return "";
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of(tracefs, "events/syscalls"))) {
            for (Path d : ds) if (Files.isDirectory(d)) dirs.add(d);
        } catch (IOException e) {
            return "";
        }
        dirs.sort(null);
        StringBuilder sb = new StringBuilder(dirs.size() * 600);
        for (Path d : dirs) {
            String f = read(d.resolve("format").toString());
            if (!f.isEmpty()) sb.append(f).append("\n\n");
        }
        return sb.toString();
    }
}

package ior.recorder;

import ior.bpf.BpfCapture;
import ior.bpf.BpfException;
import ior.bpf.CaptureTable;
import ior.bpf.Libc;
import ior.bpf.RingDrain;
import ior.format.Records;
import ior.format.Snapshot;
import ior.format.TraceFormat;
import ior.format.TraceWriter;
import ior.syscalls.SyscallTable;
import ior.util.Units;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * `ior record`: attach, then copy the ring buffer to the trace file until stopped. The drain loop
 * does no per-record work beyond finding record boundaries; decoding is the analyzer's job.
 */
public final class Recorder {
    public static final String BPF_OBJECT_RESOURCE = "/ior/bpf/ior.bpf.o";

    /** Wake-ups: the kernel signals only when this share of the ring is pending. */
    private static final int WAKEUP_FRACTION = 4;
    private static final long LOSS_INTERVAL_NS = 1_000_000_000L;

    private final RecordOptions opt;
    private final PrintStream err;
    private volatile boolean stopRequested;
    private volatile int stopSignal;
    private final long started = System.nanoTime();
    /** Every timestamp in the file, the kernel's and ours, is on this clock. */
    private final TraceClock clock = TraceClock.start();

    public Recorder(RecordOptions opt, PrintStream err) {
        this.opt = opt;
        this.err = err;
    }

    /** The BPF object's bytes, once read (by {@link #warmUp} or by {@link #run}). */
    private static volatile byte[] bpfObject;

    /**
     * Starts the start-up work that needs no option on a thread of its own: linking libbpf (~40
     * ms), the syscall table (~40 ms in a fresh JVM), reading the BPF object. It runs while picocli
     * builds its model of the command line on the main thread (~110 ms), so `ior record` attaches
     * sooner (docs/benchmarks.md, "Start-up: option-free work on a second thread").
     * Nothing is reported here: whatever fails fails again in {@link #run}, with its message.
     */
    public static void warmUp() {
        Thread t = new Thread(() -> {
            BpfCapture.linkLibbpf();
            try {
                SyscallTable.x86_64();
                bpfObject();
            } catch (RuntimeException ignored) {
                // reported by run()
            }
        }, "ior-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /** Asks the drain loop to finish the file and return (signal handlers call this). */
    public void requestStop(int signal) {
        stopSignal = signal;
        stopRequested = true;
    }

    private long stepAt = System.nanoTime();

    /** With -v: how long each start-up step took, to keep start-to-attached honest. */
    private void step(String what) {
        if (!opt.verbose()) return;
        long now = System.nanoTime();
        // Not printf: java.util.Formatter's first use loads locale data (~8 ms), which would be
        // counted in the start-up these lines measure.
        String ms = Long.toString((now - stepAt) / 1_000_000);
        err.println("ior: " + what + " ".repeat(Math.max(1, 29 - what.length())) + " ".repeat(Math.max(0, 4 - ms.length())) + ms + " ms");
        stepAt = now;
    }

    /** Records until done; returns the process exit code. */
    public int run() {
        step("command line parsed");
        Preflight.check();
        step("preflight checks");
        SyscallTable table = SyscallTable.x86_64();
        BitSet selected = null;
        if (opt.syscalls() != null) {
            try {
                selected = table.select(opt.syscalls());
            } catch (IllegalArgumentException e) {
                throw new UserException(ExitCodes.USAGE, "--syscalls: " + e.getMessage());
            }
        }
        byte[] object = bpfObject();
        step("syscall table, BPF object");
        String tracefs = HostInfo.ensureTracefs();
        if (tracefs == null)
            throw new UserException(ExitCodes.ENVIRONMENT, "tracefs is not mounted and could not be mounted: run 'mount -t tracefs nodev /sys/kernel/tracing'");
        long ring = ringSize(opt.ringBytes());
        int self = (int) ProcessHandle.current().pid();
        boolean filterPids = !opt.pids().isEmpty() || !opt.command().isEmpty();

        try (Arena arena = Arena.ofConfined()) {
            MemorySegment capture = CaptureTable.encode(table, selected, arena);
            BpfCapture bpf;
            try {
                bpf = BpfCapture.load(object, new BpfCapture.Settings(self, filterPids, opt.comm(), ring / WAKEUP_FRACTION, ring, capture,
                        clock.offsetNs()), opt.verbose());
            } catch (BpfException e) {
                throw bpfError(e);
            }
            step("BPF load and verify");
            Process child = null;
            try (bpf) {
                Set<Integer> traced = new HashSet<>();
                for (int p : opt.pids())
                    if (!Files.isDirectory(Path.of("/proc", Integer.toString(p))))
                        throw new UserException(ExitCodes.USAGE, "-p " + p + ": no such process");
                if (!opt.command().isEmpty()) {
                    child = startStopped(opt.command());
                    traced.add((int) child.pid());
                }
                traced.addAll(opt.pids());
                for (int p : traced) bpf.tracePid(p);
                step("command started");
                bpf.attach();
                step("attach");
                long attachedAt = System.nanoTime();
                if (!opt.pids().isEmpty()) {
                    // Children forked from now on are added by the kernel; add the ones that exist
                    // already. Scan twice: a fork racing the first scan shows up in the second.
                    for (int pass = 0; pass < 2; pass++)
                        for (int p : ProcSnapshot.withDescendants(new HashSet<>(opt.pids())))
                            if (traced.add(p)) bpf.tracePid(p);
                }
                if (opt.verbose()) {
                    long sinceProcessStart = HostInfo.msSinceProcessStart();
                    err.printf("ior: %d programs attached, ring buffer %s, %d ms after process start (%d ms in ior)%n", bpf.attachedPrograms(),
                            Units.bytes(bpf.ringSize()), sinceProcessStart, TimeUnit.NANOSECONDS.toMillis(attachedAt - started));
                }

                Map<String, String> header = header(table, tracefs, object, bpf, ring);
                Session s = new Session(bpf, header, traced);
                return s.record(child);
            } catch (BpfException e) {
                if (child != null) child.destroyForcibly();
                throw bpfError(e);
            }
        }
    }

    /** The recording proper, with the files it writes. */
    private final class Session {
        final BpfCapture bpf;
        final Map<String, String> header;
        final Set<Integer> traced;
        TraceWriter out;
        int fileIndex;
        long totalBytes;
        long lastLossNs;
        long lastLost;

        /** The chunk sink, made once: the drain loop allocates nothing. */
        final RingDrain.Sink sink = this::chunk;

        Session(BpfCapture bpf, Map<String, String> header, Set<Integer> traced) {
            this.bpf = bpf;
            this.header = header;
            this.traced = traced;
        }

        int record(Process child) {
            installSignalHandlers();
            try (RingDrain drain = new RingDrain(bpf.ringFd(), bpf.ringSize(), Libc.pageSize())) {
                try {
                    openFile(opt.output());
                } catch (IOException e) {
                    // The command is still stopped before its exec: it never ran, so end it.
                    if (child != null) child.destroyForcibly();
                    err.println("ior: cannot create " + opt.output() + ": " + e.getMessage());
                    return ExitCodes.WRITE_ERROR;
                }
                step("header and snapshot written");
                if (opt.verbose()) err.println("ior: recording to " + opt.output());
                if (child != null) Libc.kill((int) child.pid(), 18 /* SIGCONT */);
                int stopReason = loop(drain, child);
                // Detach first so nothing new arrives, write the calls still in flight (their enter is
                // held in the kernel until they return), then take everything already committed.
                bpf.detach();
                if (!bpf.dumpInflight())
                    err.println("ior: the kernel refused the task iterator: calls still in flight at stop are not in the trace");
                if (stopReason != TraceFormat.STOP_MAX_SIZE) {
                    while (drain.drainOnce(sink) > 0) {
                        if (sizeLimitReached()) {
                            stopReason = TraceFormat.STOP_MAX_SIZE;
                            break;
                        }
                    }
                }
                long notWritten = 0;
                if (stopReason == TraceFormat.STOP_MAX_SIZE) {
                    // What the ring still holds is lost to the size limit: count it, never drop it silently.
                    long[] n = {0};
                    while (drain.drainOnce((ring, first, last, records) -> n[0] += records) > 0) { }
                    notWritten = n[0];
                }
                long lost = writeLoss() + notWritten;
                out.writeTrailer(clock.nowNs(), lost, stopReason);
                out.close();
                statusDone(drain, lost);
                if (stopReason == TraceFormat.STOP_MAX_SIZE)
                    err.println("ior: --max-size " + Units.bytes(opt.maxSize()) + " reached; recording stopped"
                            + (notWritten > 0 ? " (" + notWritten + " events still in the ring buffer not written, counted as lost)" : ""));
                if (child != null) {
                    if (child.isAlive() && stopSignal == 0) child.waitFor();
                    if (!child.isAlive()) return child.exitValue();
                    return 128 + stopSignal;
                }
                return ExitCodes.OK;
            } catch (IOException e) {
                return diskError(e, child);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ExitCodes.FAILURE;
            }
        }

        int loop(RingDrain drain, Process child) throws IOException {
            long deadline = opt.durationNs() > 0 ? System.nanoTime() + opt.durationNs() : Long.MAX_VALUE;
            long nextStatus = System.nanoTime() + 1_000_000_000L;
            long lastRecords = 0;
            lastLossNs = System.nanoTime();
            boolean status = !opt.quiet() && Libc.isatty(2);
            while (true) {
                long got = drain.drainOnce(sink);
                if (sizeLimitReached()) return TraceFormat.STOP_MAX_SIZE;
                long now = System.nanoTime();
                if (stopRequested) return opt.command().isEmpty() || stopSignal != 0 ? TraceFormat.STOP_SIGNAL : TraceFormat.STOP_COMMAND;
                if (now >= deadline) return TraceFormat.STOP_NORMAL;
                if (child != null && !child.isAlive()) return TraceFormat.STOP_COMMAND;
                if (now - lastLossNs >= LOSS_INTERVAL_NS) {
                    writeLoss();
                    lastLossNs = now;
                }
                if (status && now >= nextStatus) {
                    long recs = drain.records();
                    statusLine(recs - lastRecords, now);
                    lastRecords = recs;
                    nextStatus = now + 1_000_000_000L;
                }
                // Batch: sleep longer when little arrived; the kernel wakes us early only past a
                // quarter of the ring, so this never lets the buffer overflow on its own.
                if (got >= RingDrain.MAX_CHUNK / 2) continue;
                if (got == 0) drain.await(10);
                else LockSupport.parkNanos(got >= 256 << 10 ? 200_000L : 2_000_000L);
            }
        }

        /** Rotates when the file is full and --rotate allows; true when recording must stop. */
        boolean sizeLimitReached() throws IOException {
            if (opt.maxSize() <= 0 || out.size() < opt.maxSize()) return false;
            if (opt.rotate() <= 1) return true;
            rotate();
            return false;
        }

        void chunk(ByteBuffer ring, long firstTs, long lastTs, int records) throws IOException {
            if (opt.redactor() != null) {
                // the ring is mapped read-only: redact a private copy (made once, reused)
                if (redacted == null) redacted = ByteBuffer.allocateDirect(RingDrain.MAX_CHUNK);
                int n = ring.remaining();
                redacted.clear();
                redacted.put(ring).flip();
                opt.redactor().records(redacted, n);
                ring = redacted;
            }
            out.writeChunk(ring, firstTs, lastTs, records);
        }

        ByteBuffer redacted;

        long writeLoss() throws IOException {
            long[][] stats = bpf.readStats();
            out.writeLoss(clock.nowNs(), stats);
            long[] sums = new long[stats.length];
            for (int k = 0; k < stats.length; k++) for (long v : stats[k]) sums[k] += v;
            long lost = Records.lostRecords(sums);
            lastLost = lost;
            return lost;
        }

        void openFile(Path path) throws IOException {
            Map<String, String> h = new LinkedHashMap<>(header);
            h.put("file.index", Integer.toString(fileIndex));
            h.put("start.boot_ns", Long.toString(clock.nowNs()));
            out = TraceWriter.create(path, h);
            if (opt.snapshot()) {
                if (fileIndex > 0 && !traced.isEmpty()) {
                    // a rotated file's snapshot covers the tree as it is now, not as it was at the start
                    traced.addAll(ProcSnapshot.withDescendants(new HashSet<>(traced)));
                }
                Snapshot snap = ProcSnapshot.take(pid -> pid != ProcessHandle.current().pid()
                        && (traced.isEmpty() && opt.comm() == null || traced.contains(pid) || commMatches(pid)));
                if (opt.redactor() != null) snap = opt.redactor().snapshot(snap);
                out.writeBlock(TraceFormat.BLOCK_SNAPSHOT, snap.encode());
            }
        }

        boolean commMatches(int pid) {
            if (opt.comm() == null) return false;
            return opt.comm().equals(HostInfo.read("/proc/" + pid + "/comm"));
        }

        /** --rotate N: web.iortrace is always the newest; older files shift to web.1.iortrace ... */
        void rotate() throws IOException {
            writeLoss();
            out.writeTrailer(clock.nowNs(), lastLost, TraceFormat.STOP_ROTATED);
            totalBytes += out.size();
            out.close();
            Path base = opt.output();
            Files.deleteIfExists(rotatedName(base, opt.rotate() - 1));
            for (int i = opt.rotate() - 2; i >= 1; i--) {
                Path from = rotatedName(base, i);
                if (Files.exists(from)) Files.move(from, rotatedName(base, i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(base, rotatedName(base, 1), StandardCopyOption.REPLACE_EXISTING);
            fileIndex++;
            openFile(base);
        }

        void statusLine(long recordsLastSecond, long now) {
            long secs = (now - started) / 1_000_000_000L;
            err.printf("\r\033[Kior: recording %02d:%02d  %s events/s  %s written  lost %d",
                    secs / 60, secs % 60, Units.count(recordsLastSecond), Units.bytes(totalBytes + out.size()), lastLost);
            err.flush();
        }

        void statusDone(RingDrain drain, long lost) {
            boolean tty = !opt.quiet() && Libc.isatty(2);
            if (tty) err.print("\r\033[K");
            if (!opt.quiet()) {
                err.printf("ior: %s events, %s in %s%s%n", Units.count(drain.records()), Units.bytes(totalBytes + out.size()),
                        out.path(), lost > 0 ? ", LOST " + lost + " events (ring buffer full: raise --ringbuf-size or narrow the filters)" : "");
            }
        }

        int diskError(IOException e, Process child) {
            bpf.detach();
            try {
                // The failed chunk was cut off, which may leave room for the small trailer.
                out.writeTrailer(clock.nowNs(), lastLost, TraceFormat.STOP_DISK_FULL);
            } catch (IOException | RuntimeException ignored) {
                // no room even for that: readers treat a file without trailer as cut short
            }
            try {
                out.close();
            } catch (IOException | RuntimeException ignored) {
                // the file already ends at its last whole block
            }
            String msg = e.getMessage() != null && e.getMessage().contains("No space") ? "disk full" : "write failed: " + e.getMessage();
            err.println((Libc.isatty(2) ? "\r\033[K" : "") + "ior: " + msg + " writing " + (out != null ? out.path() : opt.output())
                    + ": recording stopped; the file is readable up to its last whole chunk");
            if (child != null) {
                // the command goes on untraced; tell the user rather than kill their work
                err.println("ior: the recorded command (pid " + child.pid() + ") keeps running untraced");
            }
            return ExitCodes.WRITE_ERROR;
        }
    }

    static Path rotatedName(Path base, int i) {
        String name = base.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String rotated = dot > 0 ? name.substring(0, dot) + "." + i + name.substring(dot) : name + "." + i;
        return base.resolveSibling(rotated);
    }

    private void installSignalHandlers() {
        for (String[] s : new String[][]{{"INT", "2"}, {"TERM", "15"}, {"HUP", "1"}}) {
            int num = Integer.parseInt(s[1]);
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(s[0]), sig -> requestStop(num));
            } catch (IllegalArgumentException ignored) {
                // signal reserved by the JVM on this platform
            }
        }
    }

    /**
     * Starts the command stopped just before exec, so its first syscalls (the dynamic loader's)
     * are recorded once it is added to the pid filter and continued.
     */
    private Process startStopped(List<String> command) {
        List<String> argv = new ArrayList<>();
        argv.add("/bin/sh");
        argv.add("-c");
        argv.add("kill -STOP $$; exec \"$@\"");
        argv.add(command.getFirst());
        // Resolve the program here, as strace does, so the trace starts with one execve of it
        // rather than the shell's walk through every PATH entry.
        argv.add(resolveCommand(command.getFirst()));
        argv.addAll(command.subList(1, command.size()));
        Process p;
        try {
            p = new ProcessBuilder(argv).inheritIO().start();
        } catch (IOException e) {
            throw new UserException(ExitCodes.COMMAND_NOT_STARTED, "cannot start " + command.getFirst() + ": " + e.getMessage());
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline && p.isAlive()) {
            String stat = HostInfo.read("/proc/" + p.pid() + "/stat");
            int close = stat.lastIndexOf(')');
            if (close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) == 'T') return p;
            LockSupport.parkNanos(200_000L);
        }
        p.destroyForcibly();
        throw new UserException(ExitCodes.COMMAND_NOT_STARTED, "cannot start " + command.getFirst() + ": it did not reach its exec");
    }

    static String resolveCommand(String name) {
        if (name.contains("/")) return name;
        String path = System.getenv("PATH");
        if (path == null) return name;
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return p.toString();
        }
        return name; // let the shell report "not found" with exit status 127
    }

    private Map<String, String> header(SyscallTable table, String tracefs, byte[] object, BpfCapture bpf, long ring) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("format.records", Integer.toString(Records.LAYOUT_VERSION));
        h.put("recorder.version", version());
        h.put("host.name", HostInfo.hostname());
        h.put("kernel.release", HostInfo.kernelRelease());
        h.put("kernel.version", HostInfo.read("/proc/sys/kernel/version"));
        h.put("arch", HostInfo.arch());
        h.put("cpus.possible", Integer.toString(bpf.cpus()));
        h.put("cpus.online", HostInfo.read("/sys/devices/system/cpu/online"));
        h.put("page_size", Long.toString(Libc.pageSize()));
        h.put("boot_id", HostInfo.read("/proc/sys/kernel/random/boot_id"));
        h.put("clock", "boot");
        h.put("clock.boot_to_wall_ns", Long.toString(HostInfo.bootToWallNs()));
        h.put("clock.boot_minus_mono_ns", Long.toString(clock.offsetNs()));
        h.put("start.wall", Instant.now().toString());
        h.put("bpf.object.sha256", sha256(object));
        h.put("ringbuf.size", Long.toString(ring));
        h.put("command.line", opt.commandLine());
        h.put("filter.pids", opt.pids().isEmpty() ? "" : opt.pids().toString().replaceAll("[\\[\\] ]", ""));
        h.put("filter.comm", opt.comm() == null ? "" : opt.comm());
        h.put("filter.syscalls", opt.syscalls() == null ? "" : opt.syscalls());
        h.put("command", String.join(" ", opt.command()));
        h.put("snapshot", Boolean.toString(opt.snapshot()));
        h.put("max_size", Long.toString(opt.maxSize()));
        h.put("rotate", Integer.toString(opt.rotate()));
        h.put("syscalls.table", syscallTableText());
        h.put("tracefs.formats.z", deflateBase64(HostInfo.syscallFormats(tracefs)));
        return opt.redactor() != null ? opt.redactor().header(h) : h;
    }

    /** The syscall table this recording used, verbatim, so the file names its own numbers. */
    private static String syscallTableText() {
        try (InputStream in = SyscallTable.class.getResourceAsStream("/ior/syscalls/x86_64.tsv")) {
            return in == null ? "" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** ~380 KB of tracefs text shrinks about tenfold; the header stays UTF-8 by using base64. */
    static String deflateBase64(String text) {
        java.util.zip.Deflater d = new java.util.zip.Deflater(java.util.zip.Deflater.BEST_COMPRESSION, true);
        d.setInput(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        d.finish();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[64 << 10];
        while (!d.finished()) out.write(buf, 0, d.deflate(buf));
        d.end();
        return java.util.Base64.getEncoder().encodeToString(out.toByteArray());
    }

    public static String version() {
        try (InputStream in = Recorder.class.getResourceAsStream("/ior/version.properties")) {
            if (in == null) return "dev";
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            return "";
        }
    }

    private static byte[] bpfObject() {
        byte[] read = bpfObject;
        if (read != null) return read;
        try (InputStream in = Recorder.class.getResourceAsStream(BPF_OBJECT_RESOURCE)) {
            if (in == null)
                throw new UserException(ExitCodes.ENVIRONMENT, "this ior was built without its BPF program (clang was missing at build time): install clang, libbpf-dev and bpftool, then rebuild");
            return bpfObject = in.readAllBytes();
        } catch (IOException e) {
            throw new UserException(ExitCodes.ENVIRONMENT, "cannot read the BPF program: " + e.getMessage());
        }
    }

    /** The ring buffer must be a power of two and a multiple of the page size. */
    static long ringSize(long requested) {
        long min = Math.max(Libc.pageSize(), 4096);
        long size = Long.highestOneBit(Math.max(requested, min));
        if (size < requested) size <<= 1;
        if (size > (1L << 30))
            throw new UserException(ExitCodes.USAGE, "--ringbuf-size " + Units.bytes(requested) + " is too large (at most 1 GiB)");
        return size;
    }

    private static UserException bpfError(BpfException e) {
        int code = switch (e.kind()) {
            case PERMISSION -> ExitCodes.PERMISSION;
            case ENVIRONMENT -> ExitCodes.ENVIRONMENT;
            case FAILURE -> ExitCodes.FAILURE;
        };
        return new UserException(code, e.getMessage(), e);
    }
}

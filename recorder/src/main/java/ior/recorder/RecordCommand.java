package ior.recorder;

import ior.util.Units;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "record", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, versionProvider = VersionProvider.class,
        header = "Record syscalls into a trace file (needs root or CAP_BPF+CAP_PERFMON).",
        description = {
                "Captures every syscall enter and exit, with arguments, paths and return",
                "values, plus process lifecycle events, into a self-contained trace file.",
                "Stop with Ctrl-C (SIGINT), SIGTERM or -d.",
                "",
                "Examples:",
                "  ior record -o web.iortrace -d 60s             whole system for 60 s",
                "  ior record -o build.iortrace -- make -j2       a command and its descendants",
                "  ior record -p 1234 --max-size 2G --rotate 5    a running process tree, bounded disk use",
                "  ior record -c nginx --syscalls FS,Network      only nginx, only file and network syscalls",
                "",
                "Exit status: 0 ok, 1 internal error, 2 usage, 3 missing privileges, 4 host cannot record",
                "(BTF, libbpf, kernel, tracefs), 5 write failed (disk full: the file is",
                "kept up to its last whole chunk), 127 command not started; with",
                "-- COMMAND, the command's own exit status."},
        sortOptions = false, footer = {"", "Trace format: docs/format.md. Exit codes: docs/exit-codes.md."})
public final class RecordCommand implements Callable<Integer> {
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Trace file to write (default: ior-YYYYmmdd-HHMMSS.iortrace). Created with mode 0600.")
    Path output;

    @Option(names = {"-d", "--duration"}, paramLabel = "DURATION", description = "Stop after this long (500ms, 60s, 5m, 1h).")
    String duration;

    @Option(names = {"-p", "--pid"}, paramLabel = "PID[,PID...]", split = ",", description = "Only these processes and their descendants (existing and future).")
    List<Integer> pids = new ArrayList<>();

    @Option(names = {"-c", "--comm"}, paramLabel = "COMM", description = "Only tasks with this command name (as in /proc/PID/comm, at most 15 characters).")
    String comm;

    @Option(names = "--syscalls", paramLabel = "NAMES|FAMILIES", description = "Only these syscalls or families, comma-separated (e.g. read,write,FS,Network). Syscalls that change file descriptors are always kept.")
    String syscalls;

    @Option(names = "--max-size", paramLabel = "SIZE", description = "Stop (or rotate, with --rotate) when the file reaches SIZE (e.g. 2G).")
    String maxSize;

    @Option(names = "--rotate", paramLabel = "N", description = "With --max-size: keep a ring of N >= 2 files; FILE is the newest, then NAME.1.EXT ... NAME.N-1.EXT (e.g. web.1.iortrace) older.")
    int rotate;

    @Option(names = "--ringbuf-size", paramLabel = "SIZE", description = "BPF ring buffer size, a power of two (default: ${DEFAULT-VALUE}).", defaultValue = "64M")
    String ringbufSize;

    @Option(names = "--no-snapshot", description = "Skip the start-of-recording snapshot of processes and open fds.")
    boolean noSnapshot;

    @Option(names = "--redact", paramLabel = "REGEX", description = "Mask every match of REGEX with '*' in every string of the file "
            + "(paths, command lines, names, socket addresses; snapshot and events alike). Costs a pass over each chunk.")
    String redact;

    @Option(names = "--no-paths", description = "Mask every path (file names, exe, cwd, fd targets, unix socket paths) with '*'.")
    boolean noPaths;

    @Option(names = "--no-args", description = "Mask command-line arguments (exec argv, process command lines, the recorded command) with '*'.")
    boolean noArgs;

    @Option(names = {"-q", "--quiet"}, description = "No status line and no summary.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Timing, libbpf messages and stack traces on failure.")
    boolean verbose;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "After --: a command to run and record with all its descendants.")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() {
        Path out = output != null ? output
                : Path.of("ior-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".iortrace");
        long dur = 0, max = 0, ring;
        try {
            if (duration != null) dur = Units.parseDuration(duration);
            if (maxSize != null) max = Units.parseSize(maxSize);
            ring = Units.parseSize(ringbufSize);
        } catch (IllegalArgumentException e) {
            throw new UserException(ExitCodes.USAGE, e.getMessage());
        }
        if (rotate < 0 || rotate == 1) throw new UserException(ExitCodes.USAGE, "--rotate must be at least 2 (a ring of N files)");
        if (rotate > 0 && max == 0) throw new UserException(ExitCodes.USAGE, "--rotate needs --max-size");
        if (max > 0 && max < 1 << 20) throw new UserException(ExitCodes.USAGE, "--max-size must be at least 1M");
        if (comm != null && comm.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 15)
            throw new UserException(ExitCodes.USAGE, "-c " + comm + ": command names are at most 15 bytes (the kernel truncates comm)");
        for (int p : pids) if (p <= 0) throw new UserException(ExitCodes.USAGE, "invalid PID: " + p);
        if (!pids.isEmpty() && !command.isEmpty()) throw new UserException(ExitCodes.USAGE, "use either -p or -- COMMAND, not both");
        if (out.getParent() != null && !java.nio.file.Files.isDirectory(out.getParent()))
            throw new UserException(ExitCodes.USAGE, "-o " + out + ": directory " + out.getParent() + " does not exist");
        RecordOptions opt = new RecordOptions(out, dur, List.copyOf(pids), comm, syscalls, max, rotate, ring, !noSnapshot, quiet, verbose,
                List.copyOf(command), cmdlineOf(), Redactor.of(redact, noPaths, noArgs));
        return new Recorder(opt, System.err).run();
    }

    /** The ior command line as typed (the launcher passes it; otherwise the JVM's arguments). */
    private static String cmdlineOf() {
        String s = System.getProperty("ior.cmdline");
        if (s != null) return s;
        return "ior " + String.join(" ", ProcessHandle.current().info().arguments().map(List::of).orElse(List.of()));
    }
}

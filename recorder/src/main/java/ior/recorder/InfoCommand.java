package ior.recorder;

import ior.format.Records;
import ior.format.TraceFormat;
import ior.format.TraceReader;
import ior.format.TraceSummary;
import ior.util.Units;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "info", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Summarize trace files: host, time span, events, processes, lost events.",
        description = {"Reads only the trace file; works on any machine.", "",
                "Exit status: 0 ok, 6 a file is missing or not a readable ior trace."})
public final class InfoCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TRACE", arity = "1..*", description = "Trace files.")
    List<Path> traces;

    @picocli.CommandLine.Option(names = "--dump", paramLabel = "N",
            description = "Also print the first N raw records, one per line (0: all).")
    Long dump;

    @Override
    public Integer call() throws IOException {
        PrintStream out = System.out;
        boolean first = true;
        for (Path p : traces) {
            if (!first) out.println();
            first = false;
            try (TraceReader r = TraceInput.open(p)) {
                print(out, p, TraceSummary.of(r));
                if (dump != null) dump(out, r, dump <= 0 ? Long.MAX_VALUE : dump);
            }
        }
        return ExitCodes.OK;
    }

    static void print(PrintStream out, Path p, TraceSummary s) {
        var h = s.header;
        long offset = parseLong(h.get("clock.boot_to_wall_ns"));
        out.printf("file:        %s (%s)%n", p, Units.bytes(s.fileSize));
        out.printf("host:        %s, Linux %s %s, %s CPUs%n", h.getOrDefault("host.name", "?"), h.getOrDefault("kernel.release", "?"),
                h.getOrDefault("arch", "?"), h.getOrDefault("cpus.online", "?"));
        out.printf("recorder:    ior %s, format %d.%d, record layout %s%n", h.getOrDefault("recorder.version", "?"), TraceFormat.MAJOR, s.minorVersion,
                h.getOrDefault("format.records", "?"));
        out.printf("command:     %s%n", h.getOrDefault("command.line", ""));
        String filters = filters(h.getOrDefault("filter.pids", ""), h.getOrDefault("filter.comm", ""), h.getOrDefault("filter.syscalls", ""), h.getOrDefault("command", ""));
        out.printf("filters:     %s%n", filters);
        if (s.records > 0) {
            out.printf("start:       %s%n", Instant.ofEpochSecond(0, s.firstTs + offset));
            out.printf("end:         %s%n", Instant.ofEpochSecond(0, s.lastTs + offset));
            out.printf("duration:    %s%n", Units.duration(s.durationNs()));
        } else {
            out.printf("start:       %s%n", h.getOrDefault("start.wall", "?"));
        }
        out.printf("events:      %d (%d whole syscalls, %d syscall enters, %d exits, %d forks, %d execs, %d exits of tasks, %d renames)%n", s.records,
                s.byType[Records.SYS_CALL], s.byType[Records.SYS_ENTER], s.byType[Records.SYS_EXIT], s.byType[Records.PROC_FORK], s.byType[Records.PROC_EXEC],
                s.byType[Records.PROC_EXIT], s.byType[Records.TASK_RENAME]);
        if (s.records > 0)
            out.printf("bytes/event: %.1f (%s of records in %d chunks)%n", (double) s.ringBytes / s.records, Units.bytes(s.ringBytes), s.chunks);
        out.printf("processes:   %d (%d in the start snapshot with %d open fds)%n", s.pids.cardinality(),
                s.snapshot == null ? 0 : s.snapshot.processes().size(), s.snapshot == null ? 0 : s.snapshot.fds().size());
        long lost = s.lostEvents();
        out.printf("lost events: %s%n", lost == 0 && s.lost[Records.STAT_READ_FAIL] == 0 ? "0"
                : String.format("%d  *** LOST: %d whole calls, %d enters, %d exits, %d lifecycle; %d failed user-memory reads ***", lost,
                s.lost[Records.STAT_DROP_CALL], s.lost[Records.STAT_DROP_ENTER], s.lost[Records.STAT_DROP_EXIT], s.lost[Records.STAT_DROP_PROC], s.lost[Records.STAT_READ_FAIL]));
        if (s.malformedRecords > 0) out.printf("malformed:   %d records could not be read%n", s.malformedRecords);
        if (s.tornAt >= 0)
            out.printf("ended:       TRUNCATED at byte %d (%s); everything before it is intact%n", s.tornAt, s.tornReason);
        else if (!s.hasTrailer)
            out.printf("ended:       without a trailer (recorder killed?); all %d chunks are intact%n", s.chunks);
        else
            out.printf("ended:       %s%n", TraceFormat.stopReasonName(s.stopReason));
    }

    private static void dump(PrintStream out, TraceReader r, long limit) throws IOException {
        ior.format.RecordPrinter printer = new ior.format.RecordPrinter(ior.syscalls.SyscallTable.x86_64());
        ior.format.RecordCursor c = new ior.format.RecordCursor();
        long[] n = {0};
        r.forEachBlock((type, seq, off, body) -> {
            if (type != TraceFormat.BLOCK_CHUNK) return;
            c.wrap(body);
            while (n[0] < limit && c.next()) {
                out.println(printer.format(c));
                n[0]++;
            }
        });
    }

    private static String filters(String pids, String comm, String syscalls, String command) {
        StringBuilder sb = new StringBuilder();
        if (!command.isEmpty()) sb.append("command '").append(command).append("' and descendants; ");
        if (!pids.isEmpty()) sb.append("pids ").append(pids).append(" and descendants; ");
        if (!comm.isEmpty()) sb.append("comm ").append(comm).append("; ");
        if (!syscalls.isEmpty()) sb.append("syscalls ").append(syscalls).append(" (+ fd-changing); ");
        return sb.isEmpty() ? "none (whole system)" : sb.substring(0, sb.length() - 2);
    }

    private static long parseLong(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

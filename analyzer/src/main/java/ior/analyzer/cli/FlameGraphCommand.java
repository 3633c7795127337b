package ior.analyzer.cli;

import ior.analyzer.chart.ChartException;
import ior.analyzer.chart.Charts;
import ior.analyzer.chart.TraceCaveats;
import ior.analyzer.db.TraceCache;
import ior.analyzer.flame.FlameGraph;
import ior.analyzer.flame.FlameQuery;
import ior.analyzer.flame.FlameSvg;
import ior.analyzer.flame.FlameWeight;
import ior.recorder.ExitCodes;
import ior.recorder.UserException;
import ior.recorder.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "flamegraph", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpAutoWidth = true,
        header = "Draw a flame graph of the syscalls: process, syscall, directories, file.",
        description = {"Each stack is comm, syscall, then the path's directories and file name, so",
                "the directories that take the most calls, bytes or time are the widest.",
                "The SVG is one self-contained file (nothing loaded from the network): hover",
                "for details, click to zoom, Search (Ctrl-F) highlights frames matching a",
                "regular expression, Reset zoom (Escape) goes back; FILE.svg?s=REGEX opens",
                "searching. --folded writes folded stacks instead, for flamegraph.pl, inferno",
                "or speedscope. With several traces each trace is a frame of its own.", "",
                "Weights: count (calls), bytes (read, written, transferred), latency (time",
                "inside the calls), gap (time between a thread's calls).", "",
                "Examples:",
                "  ior flamegraph t.iortrace -o flame.svg",
                "  ior flamegraph t.iortrace --weight bytes --where \"comm = 'postgres'\" -o b.svg",
                "  ior flamegraph t.iortrace --weight latency --folded > latency.folded"})
public final class FlameGraphCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TRACE", arity = "1..*", description = "Trace files.")
    List<Path> traces;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here (.svg; with --folded any name, or - for stdout).")
    Path output;

    @Option(names = {"-w", "--weight"}, paramLabel = "WEIGHT", defaultValue = "count", description = "count, bytes, latency or gap (default: ${DEFAULT-VALUE}).")
    String weight;

    @Option(names = "--where", paramLabel = "SQL", description = "Only syscalls rows matching this condition.")
    String where;

    @Option(names = "--folded", description = "Write folded stacks (frame;frame;frame weight) instead of SVG.")
    boolean folded;

    @Option(names = "--title", paramLabel = "TEXT", description = "Title of the SVG.")
    String title;

    @Option(names = "--width", paramLabel = "PX", defaultValue = "1200", description = "SVG width in pixels (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar and no 'wrote' line.")
    boolean quiet;

    @Mixin
    CacheOptions cache;

    @Override
    public Integer call() throws Exception {
        FlameWeight w;
        try {
            w = FlameWeight.parse(weight);
        } catch (ChartException e) {
            throw new UserException(ExitCodes.USAGE, e.getMessage());
        }
        boolean toStdout = folded && (output == null || output.toString().equals("-"));
        if (!toStdout) {
            if (output == null) throw new UserException(ExitCodes.USAGE, "say where to write the flame graph: -o FILE.svg (or --folded for stdout)");
            if (!folded && !output.toString().toLowerCase(Locale.ROOT).endsWith(".svg"))
                throw new UserException(ExitCodes.USAGE, output + ": a flame graph is SVG: name the file .svg (or use --folded)");
            Path dir = output.toAbsolutePath().getParent();
            if (dir != null && !Files.isDirectory(dir)) throw new UserException(ExitCodes.WRITE_ERROR, output + ": no such directory " + dir);
        }
        if (width < 200 || width > 8000) throw new UserException(ExitCodes.USAGE, "--width must be 200..8000 pixels");
        ProgressBar progress = new ProgressBar(System.err, quiet);
        try (Connection c = TraceCache.connect(traces, cache.rebuild, progress)) {
            progress.done();
            QueryCommand.warnAboutLosses(c);
            FlameGraph g;
            try {
                g = FlameQuery.build(c, w, where, traces.size() > 1);
            } catch (SQLException e) {
                throw new UserException(ExitCodes.USAGE, "SQL error: " + ChartCommand.sqlMessage(e));
            }
            if (g.total() == 0 && !quiet) System.err.println("ior: warning: no syscalls " + (where != null ? "match the condition" : "in the trace") + " with a " + w.cliName() + " weight");
            if (folded) {
                if (toStdout) {
                    BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
                    g.writeFolded(out);
                    out.flush();
                    return ExitCodes.OK;
                }
                StringWriter sw = new StringWriter();
                g.writeFolded(sw);
                write(sw.toString());
            } else {
                FlameSvg.Options o = FlameSvg.Options.of(w).withWidth(width)
                        .withTitle(title != null ? title : "Flame graph: " + w.label() + " by process, syscall and path")
                        .withSubtitle(subtitle(w))
                        .withCaveat(TraceCaveats.of(c));
                write(FlameSvg.document(g, o));
            }
            if (!quiet) System.err.println("ior: wrote " + ResultPrinter.visible(output.toString()) + " (" + w.label() + ", total " + w.unit().formatExact(g.total()) + ")");
        }
        return ExitCodes.OK;
    }

    private String subtitle(FlameWeight w) {
        StringBuilder sb = new StringBuilder();
        if (traces.size() == 1) sb.append(traces.get(0).getFileName());
        else sb.append(traces.size()).append(" traces");
        sb.append(" · width: ").append(w.description());
        if (where != null && !where.isBlank()) sb.append(" · where ").append(where);
        return sb.toString();
    }

    private void write(String text) {
        try {
            Charts.writeAtomically(output, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UserException(ExitCodes.WRITE_ERROR, output + ": cannot write: " + e.getMessage());
        }
    }
}

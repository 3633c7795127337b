package ior.analyzer.cli;

import ior.analyzer.db.TraceCache;
import ior.analyzer.report.Report;
import ior.recorder.ExitCodes;
import ior.recorder.UserException;
import ior.recorder.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpAutoWidth = true,
        header = "Write a self-contained HTML incident report of one or more traces.",
        description = {"One HTML file with no outside references: the recording's facts, lost events and other",
                "caveats, key numbers, automated findings (each with its threshold, evidence and SQL), charts,",
                "top tables, a flame graph of syscall time, the busiest processes, and every SQL used.",
                "Written to a temp file and renamed into place; created 0600. See docs/report.md.", "",
                "Example:",
                "  ior report samples/pgbench.iortrace -o report.html"})
public final class ReportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TRACE", arity = "1..*", description = "Trace files (or ior exports).")
    List<Path> traces;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The HTML file to write.")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "No progress and no summary.")
    boolean quiet;

    @Mixin
    CacheOptions cache;

    @Override
    public Integer call() throws Exception {
        Path target = out.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) throw new UserException(ExitCodes.USAGE, out + ": is a directory; -o names the HTML file to write");
        if (target.getParent() != null && !Files.isDirectory(target.getParent()))
            throw new UserException(ExitCodes.WRITE_ERROR, out + ": no such directory " + target.getParent());
        ProgressBar progress = new ProgressBar(System.err, quiet);
        boolean tty = !quiet && Tty.stderr();
        String html;
        try (Connection c = TraceCache.connect(traces, cache.rebuild, progress)) {
            progress.done();
            QueryCommand.warnAboutLosses(c);
            List<String> names = new ArrayList<>();
            for (Path t : traces) names.add(t.getFileName().toString());
            html = new Report(c, names, step -> {
                if (tty) System.err.print("\r\033[Kior: report: " + step);
            }).render();
        }
        if (tty) System.err.print("\r\033[K");
        PrivateFile.write(out, html);
        if (!quiet) System.err.println("ior: wrote " + ResultPrinter.visible(out.toString()) + " (" + ior.util.Units.bytes(html.length()) + ")");
        return ExitCodes.OK;
    }
}

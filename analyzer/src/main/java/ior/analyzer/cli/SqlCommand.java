package ior.analyzer.cli;

import ior.analyzer.db.TraceCache;
import ior.analyzer.repl.DotCommands;
import ior.analyzer.repl.LibraryCommands;
import ior.analyzer.repl.Repl;
import ior.analyzer.repl.Session;
import ior.analyzer.repl.TraceSummary;
import ior.recorder.ExitCodes;
import ior.recorder.UserException;
import ior.recorder.VersionProvider;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "sql", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpAutoWidth = true,
        header = "Interactive SQL over the tables of one or more traces.",
        description = {"Opens the traces (building their tables on first use, as `ior query` does), shows a summary",
                "(host, duration, processes, syscalls, lost events, tables) and reads SQL statements ending",
                "with ';' and dot commands (.help lists them). Line editing, history (~/.ior_history),",
                "Tab completion of keywords, tables, columns, dot commands and file paths. Ctrl-C cancels",
                "a running query, Ctrl-D quits.",
                "",
                "When standard input is not a terminal, the statements and dot commands read from it run",
                "in order, errors are reported with their line, and the exit status is 2 if any failed.",
                "",
                "Examples:",
                "  ior sql web.iortrace",
                "  ior sql a.iortrace b.iortrace      (every table gains trace and host columns)",
                "  echo \"SELECT count(*) FROM syscalls;\" | ior sql web.iortrace",
                "  ior sql web.iortrace < report.sql > report.txt"})
public final class SqlCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TRACE", arity = "1..*", description = "Trace files.")
    List<Path> traces;

    @Option(names = "--history", paramLabel = "FILE",
            description = "History file (default: $IOR_HISTORY, else ~/.ior_history).")
    Path history;

    @Option(names = "--bail", description = "Stop at the first failing statement (when reading a script).")
    boolean bail;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar and no summary (lost events are still reported).")
    boolean quiet;

    @Mixin
    CacheOptions cache;

    @Override
    public Integer call() throws Exception {
        boolean interactive = System.console() != null && System.console().isTerminal();
        ProgressBar progress = new ProgressBar(System.err, quiet);
        try (Connection c = TraceCache.connect(traces, cache.rebuild, progress)) {
            progress.done();
            return interactive ? interactive(c) : script(c);
        } catch (SQLException e) {
            throw new UserException(ExitCodes.FAILURE, "opening the traces failed: " + e.getMessage(), e);
        }
    }

    private int interactive(Connection c) throws IOException, SQLException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).name("ior").build()) {
            PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, terminal.encoding());
            PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, terminal.encoding());
            boolean color = !Terminal.TYPE_DUMB.equals(terminal.getType()) && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
            try (Session s = new Session(c, out, err, true, LibraryCommands.addTo(DotCommands.standard(), traces))) {
                if (!quiet) TraceSummary.print(c, out, color);
                else QueryCommand.warnAboutLosses(c); // lost events are never silent
                out.flush();
                Repl.run(s, terminal, historyFile());
            }
        }
        return ExitCodes.OK;
    }

    /** SQL piped in: run it all, like `duckdb < file`; failures make the exit status non-zero. */
    private int script(Connection c) throws IOException {
        QueryCommand.warnAboutLosses(c);
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        try (Session s = new Session(c, out, System.err, false, LibraryCommands.addTo(DotCommands.standard(), traces))) {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            s.runScript(in, "stdin", bail);
            return s.failures() == 0 ? ExitCodes.OK : ExitCodes.USAGE;
        }
    }

    private Path historyFile() {
        if (history != null) return history;
        String env = System.getenv("IOR_HISTORY");
        if (env != null && !env.isEmpty()) return Path.of(env);
        Path home = Path.of(System.getProperty("user.home"));
        return Files.isDirectory(home) ? home.resolve(".ior_history") : null;
    }
}

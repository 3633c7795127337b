package ior.analyzer.cli;

import ior.analyzer.db.TraceCache;
import ior.analyzer.print.StraceFormat;
import ior.recorder.ExitCodes;
import ior.recorder.UserException;
import ior.recorder.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "print", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpAutoWidth = true,
        header = "Print the syscalls of a trace as strace does, one line each.",
        description = {"Like strace -f -tt -y -T: time (UTC), pid (pid/tid for other threads), comm, the call with",
                "decoded arguments (fds with their path, paths quoted, flags by name), the result (an fd",
                "with its path, or -1 ENOENT (No such file or directory)) and the time spent in the call.",
                "Lines stream in trace order: millions print without being held in memory, so pipe them",
                "to grep or less. Control characters in paths and names are escaped (\\x1b).",
                "Filters combine with AND; --where takes any condition on the syscalls table (docs/tables.md).",
                "",
                "Examples:",
                "  ior print web.iortrace | less",
                "  ior print web.iortrace -p 4242 --syscall openat,close",
                "  ior print web.iortrace --failed --where \"file LIKE '/etc/%%'\"",
                "  ior print web.iortrace --where 'latency_ns > 1e6' --limit 20"})
public final class PrintCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TRACE", description = "Trace file.")
    Path trace;

    @Option(names = "--where", paramLabel = "SQL", description = "Only rows matching this SQL condition on the syscalls table.")
    String where;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", description = "Print at most N lines.")
    Long limit;

    @Option(names = {"-p", "--pid"}, paramLabel = "PID", split = ",", description = "Only these processes (or threads).")
    List<Integer> pids;

    @Option(names = {"-s", "--syscall"}, paramLabel = "NAME", split = ",", description = "Only these syscalls (e.g. openat,close).")
    List<String> syscalls;

    @Option(names = {"-P", "--path"}, paramLabel = "PATH", description = "Only calls on this path (as in the file column).")
    List<String> paths;

    @Option(names = {"-Z", "--failed"}, description = "Only calls that returned an error.")
    boolean failed;

    @Option(names = "--time", paramLabel = "STYLE", defaultValue = "clock",
            description = "clock (HH:MM:SS.micro, UTC), relative (seconds since the first call), epoch (seconds) or none (default: ${DEFAULT-VALUE}).")
    StraceFormat.Time time;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar (lost events are still reported on stderr).")
    boolean quiet;

    @Mixin
    CacheOptions cache;

    static final String COLUMNS = "time_ns, pid, tid, comm, nr, syscall, arg0, arg1, arg2, arg3, arg4, arg5, fd, file, old_file, flags, ret, latency_ns";

    @Override
    public Integer call() throws Exception {
        if (limit != null && limit < 0) throw new UserException(ExitCodes.USAGE, "--limit must be 0 or more");
        ProgressBar progress = new ProgressBar(System.err, quiet);
        // rows stream as they come (set by TraceCache); trace order needs a sort (rows are stored as
        // calls return): past this much memory DuckDB spills it to a private temp dir instead of
        // growing with the trace. Both are set before the connection's configuration is locked.
        List<String> settings = List.of("SET memory_limit = '" + memoryLimit() + "'",
                "SET temp_directory = '" + tempDir().toString().replace("'", "''") + "'");
        try (Connection c = TraceCache.connect(List.of(trace), cache.rebuild, progress, settings)) {
            progress.done();
            QueryCommand.warnAboutLosses(c); // lost events are never silent, even with -q
            List<Object> params = new ArrayList<>();
            String sql = query(params);
            long origin = firstTime(c);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.size(); i++) ps.setObject(i + 1, params.get(i));
                try (ResultSet rs = ps.executeQuery()) {
                    print(rs, new StraceFormat(time, origin));
                }
            } catch (SQLException e) {
                throw new UserException(ExitCodes.USAGE, "SQL error: " + ResultPrinter.visible(e.getMessage().strip()));
            }
        }
        return ExitCodes.OK;
    }

    String query(List<Object> params) {
        List<String> cond = new ArrayList<>();
        if (where != null && !where.isBlank()) cond.add("(" + where + ")");
        if (pids != null && !pids.isEmpty()) {
            cond.add("(pid IN (" + marks(pids.size()) + ") OR tid IN (" + marks(pids.size()) + "))");
            params.addAll(pids);
            params.addAll(pids);
        }
        if (syscalls != null && !syscalls.isEmpty()) {
            cond.add("syscall IN (" + marks(syscalls.size()) + ")");
            params.addAll(syscalls);
        }
        if (paths != null && !paths.isEmpty()) {
            cond.add("(file IN (" + marks(paths.size()) + ") OR old_file IN (" + marks(paths.size()) + "))");
            params.addAll(paths);
            params.addAll(paths);
        }
        if (failed) cond.add("is_error");
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM syscalls");
        if (!cond.isEmpty()) sql.append(" WHERE ").append(String.join(" AND ", cond));
        sql.append(" ORDER BY seq");
        if (limit != null) sql.append(" LIMIT ").append(limit);
        return sql.toString();
    }

    /** IOR_PRINT_MEMORY (a DuckDB size such as 512MB) or 1GB. */
    private static String memoryLimit() {
        return ior.analyzer.db.MemoryLimit.fromEnv("IOR_PRINT_MEMORY", "1GB");
    }

    private static Path tempDir() throws IOException {
        Path d = Path.of(System.getProperty("java.io.tmpdir"), "ior-" + System.getProperty("user.name") + "-duckdb");
        Files.createDirectories(d);
        return d;
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static long firstTime(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT min(time_ns) FROM syscalls")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static void print(ResultSet rs, StraceFormat f) throws SQLException {
        Writer out = new BufferedWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), 1 << 16);
        StraceFormat.Row r = new StraceFormat.Row();
        StringBuilder sb = new StringBuilder(256);
        try {
            while (rs.next()) {
                r.timeNs = rs.getLong(1);
                r.pid = rs.getInt(2);
                r.tid = rs.getInt(3);
                r.comm = rs.getString(4);
                r.nr = rs.getInt(5);
                r.syscall = rs.getString(6);
                for (int i = 0; i < 6; i++) r.args[i] = rs.getLong(7 + i);
                r.fd = rs.getInt(13);
                r.hasFd = !rs.wasNull();
                r.file = rs.getString(14);
                r.oldFile = rs.getString(15);
                r.flags = rs.getString(16);
                r.ret = rs.getLong(17);
                r.hasRet = !rs.wasNull();
                r.latencyNs = rs.getLong(18);
                r.hasLatency = !rs.wasNull();
                sb.setLength(0);
                f.append(sb, r);
                sb.append('\n');
                out.append(sb);
            }
            out.flush();
        } catch (IOException e) {
            // the reader went away (| head): stop quietly, as strace and cat do
        }
    }
}

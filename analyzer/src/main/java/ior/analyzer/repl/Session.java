package ior.analyzer.repl;

import ior.analyzer.cli.ResultPrinter;
import ior.analyzer.cli.ResultPrinter.Format;
import ior.analyzer.db.SqlText;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * One REPL session over a DuckDB connection: the settings the dot commands change (mode, timing,
 * output, row cap), running SQL and dot commands, and cancelling what runs. The same code serves
 * a person at a terminal ({@link Repl}) and a script piped in or read with .read.
 */
public final class Session implements AutoCloseable {
    /** Rows a person sees by default (the DuckDB shell shows 40: the first and last 20). */
    public static final long DEFAULT_MAX_ROWS = 40;
    private static final int MAX_READ_DEPTH = 16;

    private final Connection conn;
    private final PrintStream terminal;
    private final PrintStream err;
    private final boolean interactive;
    private final DotCommands commands;
    private final Catalog catalog;
    private PrintStream out;
    private String outputName;
    private String lastResultSql; // the last statement that returned rows: what .chart draws
    private IntSupplier width = () -> 0;
    private Format mode = Format.table;
    private boolean timing;
    private long maxRows;
    private String nullText = ResultPrinter.NULL;
    private volatile Statement running;
    private volatile boolean cancelled;
    private int failures;
    private boolean quit;
    private int readDepth;

    public Session(Connection conn, PrintStream terminal, PrintStream err, boolean interactive, DotCommands commands) {
        this.conn = conn;
        this.terminal = terminal;
        this.out = terminal;
        this.err = err;
        this.interactive = interactive;
        this.commands = commands;
        this.catalog = new Catalog(conn);
        this.maxRows = interactive ? DEFAULT_MAX_ROWS : 0;
        // Results arrive as the query produces them instead of after all of it is materialized:
        // the first rows of a big SELECT show at once and a capped table holds only what it shows.
        try (Statement st = conn.createStatement()) {
            st.execute("SET jdbc_stream_results = true");
        } catch (SQLException e) {
            // an older driver materializes results: slower for huge ones, otherwise the same
        }
    }

    public Connection connection() { return conn; }
    public PrintStream out() { return out; }
    public PrintStream terminal() { return terminal; }
    public PrintStream err() { return err; }
    public boolean interactive() { return interactive; }
    public DotCommands commands() { return commands; }
    public Catalog catalog() { return catalog; }
    public Format mode() { return mode; }
    public void mode(Format f) { mode = f; }
    public boolean timing() { return timing; }
    public void timing(boolean on) { timing = on; }
    public long maxRows() { return maxRows; }
    public void maxRows(long n) { maxRows = n; }
    public String nullText() { return nullText; }
    public void nullText(String s) { nullText = s; }
    public void width(IntSupplier w) { width = w; }
    public int failures() { return failures; }
    public void requestQuit() { quit = true; }
    public boolean quitRequested() { return quit; }
    /** The file results go to, null for the terminal. */
    public String outputName() { return outputName; }
    public String lastResultSql() { return lastResultSql; }
    void lastResultSql(String sql) { lastResultSql = sql; }

    /** Sends results to stream (named name), or back to the terminal when stream is null. */
    public void output(PrintStream stream, String name) {
        if (out != terminal) out.close();
        out = stream == null ? terminal : stream;
        outputName = stream == null ? null : name;
    }

    /** How results are shown now: capped and fitted only when they go to a person's terminal. */
    ResultPrinter.Options printOptions() {
        boolean toTerminal = out == terminal && interactive;
        return new ResultPrinter.Options(maxRows, toTerminal ? width.getAsInt() : 0, nullText, toTerminal, () -> cancelled);
    }

    /** Runs one input from the prompt: a dot command line, or SQL of one or more statements. */
    public boolean run(String input) {
        if (isDotLine(input)) return runDot(input.strip());
        boolean ok = true;
        for (String stmt : SqlText.split(input).all()) {
            ok &= runSql(stmt);
            if (quit) break;
        }
        return ok;
    }

    static boolean isDotLine(String input) {
        return input.stripLeading().startsWith(".");
    }

    /**
     * Runs a script as the DuckDB shell does: a line starting with '.' between statements is a dot
     * command; SQL runs statement by statement as each ';' arrives (a last one may lack it).
     * Errors are reported with the line they start on; with bail the first one stops the script.
     */
    public boolean runScript(BufferedReader in, String source, boolean bail) throws IOException {
        if (++readDepth > MAX_READ_DEPTH) {
            readDepth--;
            return fail("Error: .read nested more than " + MAX_READ_DEPTH + " deep");
        }
        try {
            StringBuilder buf = new StringBuilder();
            int lineNo = 0, startLine = 1;
            boolean ok = true;
            String line;
            while (!quit && (line = in.readLine()) != null) {
                lineNo++;
                if (buf.isEmpty() && line.isBlank()) continue;
                if (buf.isEmpty()) startLine = lineNo;
                if (buf.isEmpty() && isDotLine(line)) {
                    if (!runDot(line.strip())) {
                        ok = false;
                        if (bail) return false;
                    }
                    continue;
                }
                buf.append(line).append('\n');
                SqlText.Split s = SqlText.split(buf.toString());
                for (String stmt : s.statements()) {
                    if (!runSql(stmt, source, startLine)) {
                        ok = false;
                        if (bail) return false;
                    }
                    if (quit) return ok;
                }
                buf.setLength(0);
                if (!s.rest().isEmpty()) buf.append(s.rest()).append('\n');
                else startLine = lineNo + 1;
            }
            if (!buf.toString().isBlank()) ok &= runSql(buf.toString().strip(), source, startLine);
            return ok;
        } finally {
            readDepth--;
        }
    }

    public boolean runSql(String sql) {
        return runSql(sql, null, 0);
    }

    private boolean runSql(String sql, String source, int line) {
        cancelled = false;
        long t0 = System.nanoTime();
        try (Statement st = conn.createStatement()) {
            running = st;
            if (cancelled) return interrupted();
            if (st.execute(sql)) {
                lastResultSql = sql;
                try (ResultSet rs = st.getResultSet()) {
                    ResultPrinter.print(rs, mode, out, printOptions());
                }
            } else catalog.invalidate(); // DDL, ATTACH, SET ...: names may have changed
            out.flush();
            if (cancelled) return interrupted();
            if (timing) terminal.printf("Run Time: real %.3f s%n", (System.nanoTime() - t0) / 1e9);
            return true;
        } catch (SQLException e) {
            out.flush();
            if (cancelled) return interrupted();
            String where = source == null ? "" : " (" + source + " line " + line + ")";
            return fail("Error" + where + ": " + visibleLines(e.getMessage()));
        } finally {
            running = null;
        }
    }

    private boolean interrupted() {
        err.println("Interrupted: query cancelled");
        err.flush();
        failures++;
        return false;
    }

    /** Reports a failure: printed on stderr, counted for the exit status. */
    public boolean fail(String message) {
        err.println(message);
        err.flush();
        failures++;
        return false;
    }

    /** DuckDB's message as it wrote it, lines kept, but with whatever the data put in it escaped. */
    static String visibleLines(String msg) {
        if (msg == null) return "unknown error";
        StringBuilder sb = new StringBuilder();
        for (String l : msg.strip().split("\n", -1)) {
            if (!sb.isEmpty()) sb.append('\n');
            sb.append(ResultPrinter.visible(l));
        }
        return sb.toString();
    }

    public boolean runDot(String line) {
        List<String> words = words(line);
        DotCommand cmd = commands.find(words.getFirst());
        if (cmd == null) return fail("Error: unknown command " + ResultPrinter.visible(words.getFirst()) + ": .help lists them");
        try {
            cancelled = false;
            cmd.handler().run(this, words.subList(1, words.size()));
            out.flush();
            return true;
        } catch (DotCommand.UsageError e) {
            return fail("Error: " + e.getMessage() + "\nUsage: " + cmd.name() + (cmd.usage().isEmpty() ? "" : " " + cmd.usage()));
        } catch (SQLException e) {
            return cancelled ? interrupted() : fail("Error: " + visibleLines(e.getMessage()));
        } catch (Exception e) {
            return fail("Error: " + cmd.name() + ": " + ResultPrinter.visible(String.valueOf(e.getMessage())));
        }
    }

    /** Splits a dot command line into words; '...' and "..." group words with spaces. */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
                else cur.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) out.add(cur.toString());
                cur.setLength(0);
                inWord = false;
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (inWord) out.add(cur.toString());
        return out;
    }

    /** Cancels the running statement (Ctrl-C); the session goes on. Safe from any thread. */
    public void cancel() {
        cancelled = true;
        Statement st = running;
        if (st != null) {
            try {
                st.cancel();
            } catch (SQLException | RuntimeException e) {
                // it finished meanwhile
            }
        }
    }

    /** Runs a query whose result a dot command prints in the current mode. */
    public void printQuery(String sql, Object... params) throws SQLException {
        try (var ps = conn.prepareStatement(sql)) {
            running = ps;
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            try (ResultSet rs = ps.executeQuery()) {
                ResultPrinter.print(rs, mode, out, printOptions());
            }
        } finally {
            running = null;
        }
    }

    @Override
    public void close() {
        output(null, null);
        out.flush();
    }
}

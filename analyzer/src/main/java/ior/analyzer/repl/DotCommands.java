package ior.analyzer.repl;

import ior.analyzer.cli.ResultPrinter;
import ior.analyzer.cli.ResultPrinter.Format;
import ior.analyzer.repl.DotCommand.ArgCompletion;
import ior.analyzer.repl.DotCommand.UsageError;

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The registry of dot commands: .help lists it, the REPL dispatches through it, Tab completes
 * from it. {@link #standard()} has the built-in ones; features add theirs with {@link #add}
 * (LibraryCommands adds .queries, .run, .export and .chart).
 */
public final class DotCommands {
    private final Map<String, DotCommand> byName = new LinkedHashMap<>();

    public DotCommands add(DotCommand c) {
        if (byName.putIfAbsent(c.name(), c) != null) throw new IllegalStateException("two dot commands named " + c.name());
        return this;
    }

    /** The command named name (".tables"), or null. */
    public DotCommand find(String name) {
        return byName.get(name.toLowerCase(Locale.ROOT));
    }

    public Collection<DotCommand> all() {
        return byName.values();
    }

    /** The commands every session has. */
    public static DotCommands standard() {
        DotCommands d = new DotCommands();
        CatalogCommands.addTo(d);
        d.add(new DotCommand(".mode", "[table|csv|json|markdown|line]", "How results are printed; without an argument, show the current mode",
                DotCommands::mode, ArgCompletion.of(modes())));
        d.add(new DotCommand(".timing", "on|off", "Print how long each statement ran", DotCommands::timing, ArgCompletion.of("on", "off")));
        d.add(new DotCommand(".maxrows", "[N]", "Rows shown of a result in table, markdown and line mode (first and last half; 0: all)",
                DotCommands::maxRows, ArgCompletion.NONE));
        d.add(new DotCommand(".nullvalue", "[TEXT]", "How NULL is shown (default NULL, dimmed on a terminal)", DotCommands::nullValue, ArgCompletion.NONE));
        d.add(new DotCommand(".output", "[FILE]", "Write results to FILE; without FILE, back to the terminal", DotCommands::output, ArgCompletion.FILES));
        d.add(new DotCommand(".read", "FILE", "Run the SQL and dot commands in FILE", DotCommands::read, ArgCompletion.FILES));
        d.add(new DotCommand(".help", "[PATTERN]", "List the commands (those whose name or help contains PATTERN)", DotCommands::help, ArgCompletion.NONE));
        d.add(new DotCommand(".quit", "", "Leave (also .exit and Ctrl-D)", (s, a) -> s.requestQuit(), ArgCompletion.NONE));
        d.add(new DotCommand(".exit", "", "Leave (also .quit and Ctrl-D)", (s, a) -> s.requestQuit(), ArgCompletion.NONE));
        return d;
    }

    private static String[] modes() {
        Format[] f = Format.values();
        String[] s = new String[f.length];
        for (int i = 0; i < f.length; i++) s[i] = f[i].name();
        return s;
    }

    static void expectAtMost(List<String> args, int n) throws UsageError {
        if (args.size() > n) throw new UsageError("too many arguments");
    }

    private static void mode(Session s, List<String> args) throws UsageError {
        expectAtMost(args, 1);
        if (args.isEmpty()) {
            s.terminal().println("current output mode: " + s.mode());
            return;
        }
        try {
            s.mode(Format.valueOf(args.getFirst().toLowerCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new UsageError("unknown mode " + ResultPrinter.visible(args.getFirst()));
        }
    }

    private static void timing(Session s, List<String> args) throws UsageError {
        expectAtMost(args, 1);
        if (args.isEmpty()) {
            s.terminal().println("timing " + (s.timing() ? "on" : "off"));
            return;
        }
        s.timing(onOff(args.getFirst()));
    }

    static boolean onOff(String v) throws UsageError {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "on", "true", "1", "yes" -> true;
            case "off", "false", "0", "no" -> false;
            default -> throw new UsageError("expected on or off, not " + ResultPrinter.visible(v));
        };
    }

    private static void maxRows(Session s, List<String> args) throws UsageError {
        expectAtMost(args, 1);
        if (args.isEmpty()) {
            s.terminal().println("maxrows " + s.maxRows() + (s.maxRows() == 0 ? " (all rows)" : ""));
            return;
        }
        try {
            long n = Long.parseLong(args.getFirst());
            if (n < 0) throw new NumberFormatException();
            s.maxRows(n);
        } catch (NumberFormatException e) {
            throw new UsageError("expected a row count (0 for all), not " + ResultPrinter.visible(args.getFirst()));
        }
    }

    private static void nullValue(Session s, List<String> args) throws UsageError {
        expectAtMost(args, 1);
        if (args.isEmpty()) s.terminal().println("nullvalue " + ResultPrinter.visible(s.nullText()));
        else s.nullText(ResultPrinter.visible(args.getFirst()));
    }

    private static void output(Session s, List<String> args) throws UsageError {
        expectAtMost(args, 1);
        if (args.isEmpty()) {
            s.output(null, null);
            return;
        }
        String name = args.getFirst();
        try {
            s.output(new PrintStream(new FileOutputStream(name), false, StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new UsageError("cannot write " + ResultPrinter.visible(name) + ": " + e.getMessage());
        }
    }

    private static void read(Session s, List<String> args) throws Exception {
        if (args.size() != 1) throw new UsageError("expected one FILE");
        Path p = Path.of(args.getFirst());
        BufferedReader in;
        try {
            in = Files.newBufferedReader(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageError("cannot read " + ResultPrinter.visible(args.getFirst()) + ": " + e.getMessage());
        }
        try (in) {
            s.runScript(in, p.getFileName().toString(), false);
        }
    }

    private static void help(Session s, List<String> args) throws UsageError {
        expectAtMost(args, 1);
        String pat = args.isEmpty() ? "" : args.getFirst().toLowerCase(Locale.ROOT);
        List<String[]> rows = new ArrayList<>();
        int w = 0;
        for (DotCommand c : s.commands().all()) {
            if (!c.name().contains(pat) && !c.help().toLowerCase(Locale.ROOT).contains(pat)) continue;
            String u = c.usage().isEmpty() ? c.name() : c.name() + " " + c.usage();
            rows.add(new String[] {u, c.help()});
            w = Math.max(w, u.length());
        }
        if (rows.isEmpty()) throw new UsageError("no command matches " + ResultPrinter.visible(pat));
        for (String[] r : rows) s.terminal().println(r[0] + " ".repeat(w - r[0].length() + 2) + r[1]);
        if (pat.isEmpty()) {
            s.terminal().println();
            s.terminal().println("SQL runs when a statement ends with ';' (Enter before it continues the statement).");
            s.terminal().println("Tab completes; Up/Down recall history; Ctrl-C cancels a query; Ctrl-D leaves.");
        }
    }
}

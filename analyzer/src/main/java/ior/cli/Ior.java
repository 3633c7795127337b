package ior.cli;

import ior.analyzer.cli.DiffCommand;
import ior.analyzer.cli.ExportCommand;
import ior.analyzer.cli.PrintCommand;
import ior.analyzer.cli.ChartCommand;
import ior.analyzer.cli.FlameGraphCommand;
import ior.analyzer.cli.QueryCommand;
import ior.analyzer.cli.ReportCommand;
import ior.analyzer.cli.SqlCommand;
import ior.recorder.Cli;
import ior.recorder.InfoCommand;
import ior.recorder.RecordCommand;
import ior.recorder.VersionProvider;
import picocli.CommandLine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;

/** The `ior` command: recording (from the recorder module) and analysis. */
@Command(name = "ior", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "ior: record Linux syscalls cheaply, analyze them offline.",
        description = {"", "Data flow: ior record -> trace file -> ior info / analysis commands.", ""},
        usageHelpAutoWidth = true,
        footer = {"", "Exit status: 0 ok, 1 internal error, 2 usage, 3 missing privileges,",
                "4 host cannot record, 5 write failed, 6 bad or missing input file;",
                "ior record -- COMMAND exits with the command's status."})
public final class Ior {
    /** The subcommands by name, in the order --help lists them; a run gets only the one it names (Cli.commandLine). */
    static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("record", RecordCommand::new);
        m.put("info", InfoCommand::new);
        m.put("query", QueryCommand::new);
        m.put("sql", SqlCommand::new);
        m.put("print", PrintCommand::new);
        m.put("export", ExportCommand::new);
        m.put("chart", ChartCommand::new);
        m.put("flamegraph", FlameGraphCommand::new);
        m.put("report", ReportCommand::new);
        m.put("diff", DiffCommand::new);
        m.put("help", CommandLine.HelpCommand::new);
        return Collections.unmodifiableMap(m);
    }

    public static void main(String[] args) {
        // Arrow checks bounds and reference counts on every value written unless told otherwise;
        // BatchBuilder sizes its vectors itself. Must be set before Arrow's classes load.
        if (System.getProperty("arrow.enable_unsafe_memory_access") == null)
            System.setProperty("arrow.enable_unsafe_memory_access", "true");
        Cli.prepare(args);
        System.exit(Cli.execute(commandLine(args), args));
    }

    /** The command line for args: the one subcommand args[0] names, or all of them. */
    static CommandLine commandLine(String[] args) {
        return Cli.commandLine(new Ior(), SUBCOMMANDS, args);
    }
}

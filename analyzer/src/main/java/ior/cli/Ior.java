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
import picocli.CommandLine.Command;

/** The `ior` command: recording (from the recorder module) and analysis. */
@Command(name = "ior", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "ior: record Linux syscalls cheaply, analyze them offline.",
        description = {"", "Data flow: ior record -> trace file -> ior info / analysis commands.", ""},
        subcommands = {RecordCommand.class, InfoCommand.class, QueryCommand.class, SqlCommand.class, PrintCommand.class, ExportCommand.class,
                ChartCommand.class, FlameGraphCommand.class, ReportCommand.class, DiffCommand.class, CommandLine.HelpCommand.class},
        usageHelpAutoWidth = true,
        footer = {"", "Exit status: 0 ok, 1 internal error, 2 usage, 3 missing privileges,",
                "4 host cannot record, 5 write failed, 6 bad or missing input file;",
                "ior record -- COMMAND exits with the command's status."})
public final class Ior {
    public static void main(String[] args) {
        // Arrow checks bounds and reference counts on every value written unless told otherwise;
        // BatchBuilder sizes its vectors itself. Must be set before Arrow's classes load.
        if (System.getProperty("arrow.enable_unsafe_memory_access") == null)
            System.setProperty("arrow.enable_unsafe_memory_access", "true");
        System.exit(Cli.execute(new CommandLine(new Ior()), args));
    }
}

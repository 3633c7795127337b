package ior.analyzer.cli;

import ior.analyzer.export.ParquetExport;
import ior.recorder.ExitCodes;
import ior.recorder.VersionProvider;
import ior.util.Units;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpAutoWidth = true,
        header = "Write the tables of traces as Parquet, for Spark, Trino, pandas or DuckDB.",
        description = {"Writes one Parquet file per table and trace under DIR (DIR/TABLE/TRACE.parquet, or",
                "DIR/TABLE/host=H/date=D/TRACE.parquet with --partition), zstd-compressed, ordered by time,",
                "with the trace's facts (hostname, start_time, recorder.version, lost_events ...) as",
                "key/value metadata in every file. Every row has `trace` and `host` columns. The export is",
                "built beside DIR and renamed into place; files are created 0600.",
                "`ior query DIR` and `ior sql DIR` open an export like a trace. See docs/parquet.md.", "",
                "Examples:",
                "  ior export web.iortrace -o web-export",
                "  ior export fleet/*.iortrace -o lake --partition host,date"})
public final class ExportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TRACE", arity = "1..*", description = "Trace files.")
    List<Path> traces;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Directory to create (must not exist, be empty, or be an export replaced with --force).")
    Path out;

    @Option(names = "--partition", split = ",", paramLabel = "COLS", description = "Hive-partition by host, date or both (host,date).")
    List<String> partition = new ArrayList<>();

    @Option(names = "--tables", split = ",", paramLabel = "TABLES", description = "Only these tables (default: all).")
    List<String> tables = new ArrayList<>();

    @Option(names = "--compression", defaultValue = "zstd", paramLabel = "CODEC", description = "zstd, snappy, gzip, lz4, brotli or uncompressed (default: ${DEFAULT-VALUE}).")
    String compression;

    @Option(names = "--row-group-size", defaultValue = "122880", paramLabel = "ROWS", description = "Rows per row group (default: ${DEFAULT-VALUE}).")
    int rowGroupSize;

    @Option(names = "--force", description = "Replace an existing export in DIR.")
    boolean force;

    @Option(names = {"-q", "--quiet"}, description = "No progress and no summary.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Stack traces on failure.")
    boolean verbose;

    @Override
    public Integer call() {
        ProgressBar progress = new ProgressBar(System.err, quiet);
        boolean tty = !quiet && Tty.stderr();
        if (rowGroupSize < 1024) throw new ior.recorder.UserException(ExitCodes.USAGE, "--row-group-size: at least 1024 rows");
        ParquetExport.Summary s = ParquetExport.run(
                new ParquetExport.Options(traces, out, partition, tables, compression, rowGroupSize, force), progress,
                msg -> {
                    progress.done();
                    if (tty) System.err.print("\r\033[Kior: " + ResultPrinter.visible(msg));
                });
        if (tty) System.err.print("\r\033[K");
        if (!quiet)
            System.err.println("ior: exported " + s.rows() + " rows in " + s.files() + " files (" + Units.bytes(s.bytes()) + ") to " + ResultPrinter.visible(s.dir().toString()));
        return ExitCodes.OK;
    }
}

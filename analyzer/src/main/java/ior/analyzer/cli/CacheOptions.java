package ior.analyzer.cli;

import picocli.CommandLine.Option;

/**
 * The options of every command that opens traces through their cached tables (picocli mixin).
 * --verbose is read by the top-level error handler from the raw arguments; it is declared here
 * so that picocli accepts it and --help lists it.
 */
public final class CacheOptions {
    @Option(names = "--rebuild", description = "Rebuild the trace's tables even when the cache is current.")
    boolean rebuild;

    @Option(names = {"-v", "--verbose"}, description = "Stack traces on failure.")
    boolean verbose;
}

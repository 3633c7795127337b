package org.duckdb;

/**
 * ior's stand-in for the DuckDB JDBC driver's class of this name (the driver's own is left out of
 * ior.jar, analyzer/pom.xml). The driver's registers a JFR periodic event for DuckDB's memory
 * when its class loads, wherever JFR is present: that brings up JFR's metadata, annotation proxies
 * and event instrumentation in every ior command, ~0.1 s of the main thread before the database
 * opens plus the compilation of the class-file API it uses, for a recording nobody makes
 * (docs/benchmarks.md, start-up). Same package and signatures as the driver's, doing nothing;
 * DependencyPatchesTest checks that the driver still links to it.
 */
final class JfrMemoryMonitor {
    private JfrMemoryMonitor() {
    }

    static void init() {
    }

    static void connectionOpened(DuckDBConnection connection) {
    }

    static void connectionClosed(long databaseAddress) {
    }
}

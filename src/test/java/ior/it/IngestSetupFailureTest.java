package ior.it;

import ior.analyzer.ingest.Ingest;
import ior.format.TraceReader;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The replay starts before DuckDB's tables are set up: when the set-up fails, the replay is
 * stopped and the set-up's error is what the ingest reports (no hang on a queue nobody reads).
 */
class IngestSetupFailureTest {
    @Test
    void aFailedTableSetUpStopsTheReplay() throws Exception {
        Path trace = IorRun.root().resolve("samples/pgbench.iortrace");
        try (DuckDBConnection conn = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
             Statement st = conn.createStatement();
             TraceReader reader = TraceReader.open(trace)) {
            st.execute("CREATE TABLE _ior_syscalls (x INT)"); // the ingest's CREATE TABLE now fails
            Exception e = assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> assertThrows(Exception.class, () -> new Ingest().run(reader, conn, done -> { })));
            assertTrue(String.valueOf(e.getMessage()).contains("_ior_syscalls"), "the set-up's own error: " + e);
        }
    }
}

package ior.fuzz;

import ior.analyzer.ingest.Ingest;
import ior.format.TraceFormatException;
import ior.format.TraceReader;
import org.duckdb.DuckDBConnection;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.sql.DriverManager;

/**
 * The fuzz target for the analyzer's ingest: a mutated trace (CRCs recomputed, so the mutations
 * reach the records) is replayed through pairing, fd state and the table builders into a real
 * in-memory DuckDB, as `ior query` does. Only {@link TraceFormatException} may come out.
 * Slower per input than {@link TraceFuzz} (a database per input), so it runs fewer inputs.
 */
public final class IngestFuzz {
    private IngestFuzz() {}

    private static final Path NAME = Path.of("fuzz.iortrace");

    public static void fuzzerTestOneInput(byte[] data) throws Exception {
        check(data);
    }

    public static void check(byte[] data) throws Exception {
        byte[] fixed = TraceFuzz.withCrcsFixed(data);
        TraceReader reader;
        try {
            reader = TraceReader.of(NAME, MemorySegment.ofArray(fixed));
        } catch (TraceFormatException expected) {
            return;
        }
        try (reader) {
            new Ingest().run(reader, conn(), done -> { });
        } catch (TraceFormatException expected) {
            // e.g. a CRC-valid snapshot whose entries do not fit
        } finally {
            dropTables();
        }
    }

    // One in-memory database for the whole run (opening one per input costs more than the ingest);
    // each input starts from an empty one.
    private static DuckDBConnection conn;

    private static DuckDBConnection conn() throws Exception {
        if (conn == null) conn = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
        return conn;
    }

    private static void dropTables() throws Exception {
        if (!conn.getAutoCommit()) conn.rollback();
        conn.setAutoCommit(true);
        try (var st = conn.createStatement()) {
            for (var t : ior.analyzer.table.Tables.ALL) {
                if (t.hasView()) st.execute("DROP VIEW IF EXISTS " + t.name());
                for (var p : t.storedParts()) st.execute("DROP TABLE IF EXISTS " + p.storedName());
            }
        }
    }
}

package ior.analyzer.db;

import ior.analyzer.table.TableDef;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.duckdb.DuckDBConnection;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/**
 * Moves Arrow batches into DuckDB tables through the Arrow C data interface: each batch is
 * exported as a one-batch stream, registered, and inserted (a registered stream can be scanned
 * once, so it is loaded into the table right away).
 */
public final class DuckLoader {
    private final DuckDBConnection conn;
    private final BufferAllocator allocator;
    private final Set<String> created = new HashSet<>();
    private int streams;

    public DuckLoader(DuckDBConnection conn, BufferAllocator allocator) {
        this.conn = conn;
        this.allocator = allocator;
    }

    public void load(TableDef table, VectorSchemaRoot root) throws SQLException {
        String view = "_ior_arrow_" + (streams++);
        try (OneBatchReader reader = new OneBatchReader(allocator, root);
             ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator);
             Statement st = conn.createStatement()) {
            Data.exportArrayStream(allocator, reader, stream);
            conn.registerArrowStream(view, stream);
            long t0 = System.nanoTime();
            try { if (created.add(table.name())) st.execute("CREATE TABLE " + table.storedName() + " AS SELECT * FROM " + view);
            else st.execute("INSERT INTO " + table.storedName() + " SELECT * FROM " + view); } finally { if (System.getenv("IOR_TIMING") != null) System.err.printf("load %s %d rows %.1f ms%n", table.name(), root.getRowCount(), (System.nanoTime() - t0) / 1e6); }
        } catch (java.io.IOException e) {
            throw new SQLException("exporting a batch of " + table.name() + ": " + e.getMessage(), e);
        }
    }
}

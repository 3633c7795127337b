package ior.analyzer.ingest;

import ior.analyzer.db.DuckLoader;
import ior.analyzer.table.Tables;
import ior.bench.Chunks;
import ior.bench.Flags;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.duckdb.DuckDBConnection;
import org.openjdk.jmh.annotations.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * DuckDB's side: DuckLoader inserting one full syscalls batch (64K rows, made by the real Java
 * replay of the standard chunk) into a file database, in one open transaction with
 * preserve_insertion_order = false, as Ingest does. Each iteration starts a new database; the
 * commit and checkpoint at its end are not measured. ops = rows.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {Flags.NATIVE, Flags.OPENS, Flags.UNSAFE})
public class DuckLoadBench {
    static final int ROWS = 64 * 1024;

    private BufferAllocator alloc;
    private VectorSchemaRoot batch;
    private Path db;
    private DuckDBConnection conn;
    private DuckLoader loader;

    @Setup(Level.Trial)
    public void makeBatch() {
        if (Ingest.BATCH_ROWS != ROWS) throw new IllegalStateException("Ingest.BATCH_ROWS is " + Ingest.BATCH_ROWS);
        alloc = new RootAllocator();
        try (PipelineBench.JavaReplay r = new PipelineBench.JavaReplay(alloc, (t, root) -> {
            if (batch != null) return;
            batch = VectorSchemaRoot.create(root.getSchema(), alloc);
            for (int i = 0; i < root.getFieldVectors().size(); i++) root.getVector(i).makeTransferPair(batch.getVector(i)).transfer();
            batch.setRowCount(root.getRowCount());
        })) {
            while (batch == null) r.chunk(Chunks.standard().body());
        }
        if (batch.getRowCount() != ROWS) throw new IllegalStateException("batch of " + batch.getRowCount());
    }

    @Setup(Level.Iteration)
    public void open() throws Exception {
        db = Files.createTempFile("ior-jmh-", ".duckdb");
        Files.delete(db);
        conn = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + db);
        try (Statement st = conn.createStatement()) {
            st.execute("SET preserve_insertion_order = false");
        }
        conn.setAutoCommit(false);
        loader = new DuckLoader(conn, alloc);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void load() throws Exception {
        loader.load(Tables.SYSCALLS, batch);
    }

    @TearDown(Level.Iteration)
    public void close() throws Exception {
        conn.rollback();
        conn.close();
        Files.deleteIfExists(db);
        Files.deleteIfExists(Path.of(db + ".wal"));
    }

    @TearDown(Level.Trial)
    public void free() {
        batch.close();
        alloc.close();
    }
}

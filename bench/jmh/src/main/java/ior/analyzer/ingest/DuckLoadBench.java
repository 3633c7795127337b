package ior.analyzer.ingest;

import ior.analyzer.db.DuckLoader;
import ior.analyzer.table.Col;
import ior.analyzer.table.TableDef;
import ior.analyzer.table.Tables;
import ior.bench.Chunks;
import ior.bench.Flags;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.duckdb.DuckDBConnection;
import org.openjdk.jmh.annotations.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * DuckDB's side: DuckLoader inserting one full syscalls batch (64K rows, made by the real Java
 * replay of the standard chunk) into a file database, in one open transaction with
 * preserve_insertion_order = false, as Ingest does. Each iteration starts a new database; the
 * commit and checkpoint at its end are not measured. ops = rows.
 *
 * <p>Variants: {@code db} file (as ior) or in-memory; {@code columns} all 36, or the 27 without
 * the VARCHAR ones (comm, syscall, family, kind, fd_kind, file, old_file, errno, flags, epoll_op),
 * to see what the strings cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {Flags.NATIVE, Flags.OPENS, Flags.UNSAFE, Flags.ARROW_UNCHECKED})
public class DuckLoadBench {
    static final int ROWS = 64 * 1024;

    @Param({"file", "memory"})
    public String db;

    @Param({"all", "no_text"})
    public String columns;

    private BufferAllocator alloc;
    private VectorSchemaRoot batch;
    private VectorSchemaRoot view;
    private TableDef def;
    private Path path;
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
        if (columns.equals("all")) {
            view = batch;
            def = Tables.SYSCALLS;
        } else {
            List<FieldVector> keep = new ArrayList<>();
            List<Col> cols = new ArrayList<>();
            for (int i = 0; i < Tables.SYSCALLS.columns().size(); i++) {
                Col c = Tables.SYSCALLS.columns().get(i);
                if (c.type() == Col.Type.VARCHAR) continue;
                keep.add(batch.getVector(i));
                cols.add(c);
            }
            view = new VectorSchemaRoot(keep);
            view.setRowCount(batch.getRowCount());
            def = new TableDef("syscalls_no_text", "", cols);
        }
    }

    @Setup(Level.Iteration)
    public void open() throws Exception {
        path = Files.createTempFile("ior-jmh-", ".duckdb");
        Files.delete(path);
        conn = (DuckDBConnection) DriverManager.getConnection(db.equals("file") ? "jdbc:duckdb:" + path : "jdbc:duckdb:");
        try (Statement st = conn.createStatement()) {
            st.execute("SET preserve_insertion_order = false");
        }
        conn.setAutoCommit(false);
        loader = new DuckLoader(conn, alloc);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void load() throws Exception {
        loader.load(def, view);
    }

    @TearDown(Level.Iteration)
    public void close() throws Exception {
        conn.rollback();
        conn.close();
        Files.deleteIfExists(path);
        Files.deleteIfExists(Path.of(path + ".wal"));
    }

    @TearDown(Level.Trial)
    public void free() {
        batch.close();
        alloc.close();
    }
}

package ior.analyzer.db;

import ior.analyzer.table.TableDef;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Loads batches into DuckDB on a thread of its own while the replay fills the next ones: the
 * filled vectors are handed over (Arrow transfer, no copy), at most {@code depth} batches wait,
 * and every database call happens on the loader thread, in order.
 */
public final class AsyncLoader implements AutoCloseable {
    private final DuckLoader loader;
    private final BufferAllocator allocator;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ior-duckdb-loader");
        t.setDaemon(true);
        return t;
    });
    private final Semaphore slots;
    private volatile Exception failure;

    public AsyncLoader(DuckLoader loader, BufferAllocator allocator, int depth) {
        this.loader = loader;
        this.allocator = allocator;
        this.slots = new Semaphore(depth);
    }

    /** Takes the rows of root (leaving its vectors empty) and loads them soon. */
    public void load(TableDef table, VectorSchemaRoot root) throws Exception {
        if (failure != null) throw failure;
        VectorSchemaRoot taken = VectorSchemaRoot.create(root.getSchema(), allocator);
        for (int i = 0; i < root.getFieldVectors().size(); i++)
            root.getVector(i).makeTransferPair(taken.getVector(i)).transfer();
        taken.setRowCount(root.getRowCount());
        slots.acquire();
        thread.execute(() -> {
            try (taken) {
                if (failure == null) loader.load(table, taken);
            } catch (Exception e) {
                failure = e;
            } finally {
                slots.release();
            }
        });
    }

    /** Waits for every batch to be loaded; rethrows the first failure. */
    public void finish() throws Exception {
        thread.shutdown();
        if (!thread.awaitTermination(1, TimeUnit.HOURS)) throw new IllegalStateException("loading into DuckDB timed out");
        if (failure != null) throw failure;
    }

    /** Runs an action on the loader thread, after the batches before it (commit, statements). */
    public void run(SqlAction action) throws Exception {
        if (failure != null) throw failure;
        thread.submit(() -> {
            action.run();
            return null;
        }).get();
    }

    @FunctionalInterface
    public interface SqlAction {
        void run() throws Exception;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}

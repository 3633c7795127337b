package ior.analyzer.db;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * An Arrow stream fed by another thread: the replay puts filled batches in, DuckDB pulls them
 * out through the C stream interface while the next ones are being made. One INSERT for the
 * whole table, and the two sides overlap.
 */
public final class QueueReader extends ArrowReader {
    private static final VectorSchemaRoot END = VectorSchemaRoot.of();
    private final Schema schema;
    private final BlockingQueue<VectorSchemaRoot> queue;
    private volatile Exception producerFailure;
    private volatile boolean cancelled;

    public QueueReader(BufferAllocator allocator, Schema schema, int depth) {
        super(allocator);
        this.schema = schema;
        this.queue = new ArrayBlockingQueue<>(depth);
    }

    /** Producer side: takes the rows of root (its vectors are left empty). Blocks when DuckDB is behind. */
    public void put(VectorSchemaRoot root, BufferAllocator allocator) throws InterruptedException {
        VectorSchemaRoot taken = VectorSchemaRoot.create(root.getSchema(), allocator);
        for (int i = 0; i < root.getFieldVectors().size(); i++)
            root.getVector(i).makeTransferPair(taken.getVector(i)).transfer();
        taken.setRowCount(root.getRowCount());
        while (!queue.offer(taken, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            if (cancelled) {
                taken.close(); // the consumer failed: drop, and let the producer run out
                return;
            }
        }
    }

    /** Consumer side gave up (DuckDB failed): producers stop blocking. */
    public void cancel() {
        cancelled = true;
        closeReadSource();
    }

    /** Producer side: no more batches (failure is null when all went well). */
    public void end(Exception failure) throws InterruptedException {
        producerFailure = failure;
        while (!queue.offer(END, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) if (cancelled) return;
    }

    public Exception producerFailure() {
        return producerFailure;
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        VectorSchemaRoot next;
        try {
            next = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the next batch", e);
        }
        if (next == END) {
            queue.offer(END); // later calls see the end too
            return false;
        }
        try (next; ArrowRecordBatch batch = new VectorUnloader(next).getRecordBatch()) {
            new VectorLoader(getVectorSchemaRoot()).load(batch);
        }
        return true;
    }

    @Override
    public long bytesRead() {
        return 0;
    }

    @Override
    protected void closeReadSource() {
        VectorSchemaRoot r;
        while ((r = queue.poll()) != null) if (r != END) r.close();
    }

    @Override
    protected Schema readSchema() {
        return schema;
    }
}

package ior.analyzer.ingest;

import org.apache.arrow.memory.AllocationManager;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.unsafe.UnsafeAllocationManager;
import org.apache.arrow.memory.util.MemoryUtil;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The memory of the ingest's Arrow buffers, kept for the next batch when DuckDB is done with one.
 * Every batch of the replay gets fresh buffers (the last went to DuckDB with its stream), and a
 * batch's buffers are a few hundred KB each: malloc hands those out as mappings of their own and
 * unmaps them on free, so every batch faulted in (and zeroed) its memory anew, ~1,200 page faults
 * a batch, 0.1-0.15 s of a 10M-syscall ingest (docs/benchmarks.md). Blocks come back in the sizes
 * Arrow asks for (rounded to powers of two), so a freed block is handed out again as is. At most
 * maxKeptBytes are kept; the rest is freed at once, and everything at close.
 *
 * <p>Blocks are taken on the replay thread and given back on DuckDB's: the lists are guarded by
 * this object's lock, taken once per buffer (a batch has one or two a column), never per row.
 */
final class BufferPool implements AllocationManager.Factory, AutoCloseable {
    private final long maxKeptBytes;
    private final Map<Long, ArrayDeque<Long>> free = new HashMap<>();
    private long keptBytes;
    private boolean closed;
    /** Blocks handed out again instead of allocated: for the tests. */
    private long reused;

    BufferPool(long maxKeptBytes) {
        this.maxKeptBytes = maxKeptBytes;
    }

    @Override
    public AllocationManager create(BufferAllocator accountingAllocator, long size) {
        long address = take(size);
        return new Block(accountingAllocator, address != 0 ? address : MemoryUtil.allocateMemory(size), size);
    }

    @Override
    public ArrowBuf empty() {
        return UnsafeAllocationManager.FACTORY.empty();
    }

    private synchronized long take(long size) {
        ArrayDeque<Long> list = free.get(size);
        if (list == null || list.isEmpty()) return 0;
        keptBytes -= size;
        reused++;
        return list.pop();
    }

    private void give(long address, long size) {
        synchronized (this) {
            if (!closed && keptBytes + size <= maxKeptBytes) {
                free.computeIfAbsent(size, s -> new ArrayDeque<>()).push(address);
                keptBytes += size;
                return;
            }
        }
        MemoryUtil.freeMemory(address);
    }

    synchronized long reused() {
        return reused;
    }

    synchronized long keptBytes() {
        return keptBytes;
    }

    /** Frees what is kept; blocks given back later are freed at once. */
    @Override
    public synchronized void close() {
        closed = true;
        for (ArrayDeque<Long> list : free.values())
            for (long address : list) MemoryUtil.freeMemory(address);
        free.clear();
        keptBytes = 0;
    }

    private final class Block extends AllocationManager {
        private final long address;
        private final long size;

        Block(BufferAllocator accountingAllocator, long address, long size) {
            super(accountingAllocator);
            this.address = address;
            this.size = size;
        }

        @Override
        public long getSize() {
            return size;
        }

        @Override
        protected long memoryAddress() {
            return address;
        }

        @Override
        protected void release0() {
            give(address, size);
        }
    }
}

package ior.analyzer.ingest;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BufferPool: a batch's memory is handed to the next batch, within its cap, and vectors start clean. */
class BufferPoolTest {
    private static BufferAllocator allocator(BufferPool pool) {
        return new RootAllocator(RootAllocator.configBuilder().allocationManagerFactory(pool).build());
    }

    @Test
    void aReleasedBlockIsHandedOutAgain() {
        try (BufferPool pool = new BufferPool(1 << 20); BufferAllocator a = allocator(pool)) {
            ArrowBuf first = a.buffer(512 * 1024);
            long address = first.memoryAddress();
            first.close();
            assertEquals(512 * 1024, pool.keptBytes());
            try (ArrowBuf second = a.buffer(512 * 1024)) {
                assertEquals(address, second.memoryAddress(), "the same memory");
                assertEquals(1, pool.reused());
                assertEquals(0, pool.keptBytes());
            }
            // another size is not served from a block of this one
            try (ArrowBuf other = a.buffer(64 * 1024)) {
                assertEquals(1, pool.reused());
            }
        }
    }

    @Test
    void keepsNoMoreThanItsCap() {
        try (BufferPool pool = new BufferPool(1 << 20); BufferAllocator a = allocator(pool)) {
            ArrowBuf[] bufs = new ArrowBuf[3];
            for (int i = 0; i < bufs.length; i++) bufs[i] = a.buffer(512 * 1024);
            for (ArrowBuf b : bufs) b.close();
            assertEquals(1 << 20, pool.keptBytes(), "two of the three kept, the third freed");
        }
    }

    @Test
    void aVectorInReusedMemoryStartsEmpty() {
        try (BufferPool pool = new BufferPool(64 << 20); BufferAllocator a = allocator(pool)) {
            try (BigIntVector v = new BigIntVector("v", a)) {
                v.allocateNew(4096);
                for (int i = 0; i < 4096; i++) v.set(i, -1L);
                v.setValueCount(4096);
            }
            try (BigIntVector v = new BigIntVector("v", a)) {
                v.allocateNew(4096);
                assertTrue(pool.reused() > 0, "the second vector got the first one's memory");
                v.setValueCount(4096);
                for (int i = 0; i < 4096; i++) assertTrue(v.isNull(i), "row " + i + " is NULL until set");
            }
        }
    }
}

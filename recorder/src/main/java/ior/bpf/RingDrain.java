package ior.bpf;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

import static ior.format.TraceFormat.*;

/**
 * Drains the BPF ring buffer by mmap, as libbpf's ringbuf_process_ring does but without a
 * callback per record: walk committed records up to the first BUSY one, hand the whole byte range
 * to the sink in one piece (the kernel maps the data area twice, so a range that wraps is still
 * contiguous), then release-store the consumer position. Nothing is allocated per drain.
 */
public final class RingDrain implements AutoCloseable {
    /** Receives committed ring bytes: ring.position() to ring.limit(). */
    public interface Sink {
        void chunk(ByteBuffer ring, long firstTs, long lastTs, int records) throws IOException;
    }

    /** Largest range handed to the sink at once; bigger writes are slower (cache) and delay the next drain. */
    public static final int MAX_CHUNK = 1 << 20;

    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();

    private final MemorySegment consumer;   // page 0, read-write
    private final MemorySegment producerAndData;
    private final MemorySegment data;       // 2 * size bytes, read-only
    private final ByteBuffer dataView;      // the same bytes as one ByteBuffer, sliced by position/limit
    private final long mask;
    private final int epfd;
    private final MemorySegment epollEvents = Arena.ofAuto().allocate(12 * 4, 8);
    private long records, bytes;

    public RingDrain(int ringFd, long size, long pageSize) {
        this.mask = size - 1;
        this.consumer = Libc.mmap(pageSize, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED, ringFd, 0);
        this.producerAndData = Libc.mmap(pageSize + 2 * size, Libc.PROT_READ, Libc.MAP_SHARED, ringFd, pageSize);
        this.data = producerAndData.asSlice(pageSize);
        this.dataView = data.asByteBuffer();
        this.epfd = Libc.epollCreate();
        Libc.epollAdd(epfd, ringFd, Arena.ofAuto().allocate(12, 8));
    }

    /** Drains up to MAX_CHUNK bytes into the sink; returns the bytes consumed (0 when empty). */
    public long drainOnce(Sink sink) throws IOException {
        long c = (long) LONG.getVolatile(consumer, 0L);
        long p = (long) LONG.getAcquire(producerAndData, 0L);
        if (c == p) return 0;
        long pos = c;
        long limit = c + Math.min(mask + 1, MAX_CHUNK);
        long first = -1, last = -1;
        int n = 0;
        while (pos < p) {
            int h = (int) INT.getAcquire(data, pos & mask);
            if ((h & RB_BUSY) != 0) break;
            long len = h & RB_LEN_MASK;
            long total = (len + RB_HEADER_SIZE + 7) & ~7L;
            if (pos > c && pos + total > limit) break;
            if ((h & RB_DISCARD) == 0 && len >= 8) {
                if (n == 0) first = pos;
                last = pos;
                n++;
            }
            pos += total;
        }
        if (pos == c) return 0;
        // only the first and last timestamps are needed: read two, not one per record
        long firstTs = first < 0 ? 0 : data.get(ValueLayout.JAVA_LONG_UNALIGNED, (first & mask) + RB_HEADER_SIZE);
        long lastTs = last < 0 ? 0 : data.get(ValueLayout.JAVA_LONG_UNALIGNED, (last & mask) + RB_HEADER_SIZE);
        int start = (int) (c & mask);
        dataView.limit(start + (int) (pos - c)).position(start);
        sink.chunk(dataView, firstTs, lastTs, n);
        LONG.setRelease(consumer, 0L, pos);
        records += n;
        bytes += pos - c;
        return pos - c;
    }

    /** Bytes committed by the kernel and not yet consumed. */
    public long backlog() {
        long c = (long) LONG.getVolatile(consumer, 0L);
        long p = (long) LONG.getAcquire(producerAndData, 0L);
        return p - c;
    }

    /** Waits until the kernel signals data (only sent past the wake-up threshold) or the timeout. */
    public void await(int timeoutMs) {
        Libc.epollWait(epfd, epollEvents, 4, timeoutMs);
    }

    public long records() {
        return records;
    }

    public long bytes() {
        return bytes;
    }

    @Override
    public void close() {
        Libc.close(epfd);
        Libc.munmap(consumer);
        Libc.munmap(producerAndData);
    }
}

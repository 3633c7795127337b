package ior.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.zip.CRC32C;

import static ior.format.TraceFormat.*;

/**
 * Appends blocks to one trace file. Each block goes out in a single gathering write, so a crash
 * leaves at most one torn block at the tail; when a write fails the file is cut back to the end of
 * the last whole block, which keeps it readable.
 *
 * <p>The chunk path ({@link #writeChunk}) allocates nothing: headers live in reused direct
 * buffers and the ring-buffer bytes are written straight from the caller's buffer.
 */
public final class TraceWriter implements AutoCloseable {
    private final Path path;
    private final FileChannel ch;
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer blockHeader = ByteBuffer.allocateDirect(BLOCK_HEADER_SIZE + CHUNK_HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    private final ByteBuffer pad = ByteBuffer.allocateDirect(8);
    private final ByteBuffer[] gather = new ByteBuffer[3];
    private long seq;
    private long goodSize;   // end of the last whole block
    private long chunks, records, ringBytes;

    private TraceWriter(Path path, FileChannel ch) {
        this.path = path;
        this.ch = ch;
    }

    /** Creates (or replaces) the file with mode 0600 and writes the preamble and header block. */
    public static TraceWriter create(Path path, Map<String, String> header) throws IOException {
        Files.deleteIfExists(path);
        FileChannel ch = FileChannel.open(path, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        TraceWriter w = new TraceWriter(path, ch);
        ByteBuffer pre = ByteBuffer.allocate(PREAMBLE_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        pre.put(MAGIC).putShort((short) MAJOR).putShort((short) MINOR).putInt(0).flip();
        w.writeFully(new ByteBuffer[]{pre});
        w.goodSize = PREAMBLE_SIZE;
        w.writeBlock(BLOCK_HEADER, encodeHeader(header));
        return w;
    }

    /** Header body: u32 count, then per entry u16 key_len, u32 value_len, key, value (UTF-8). */
    public static ByteBuffer encodeHeader(Map<String, String> header) {
        int size = 4;
        for (var e : header.entrySet())
            size += 6 + e.getKey().getBytes(StandardCharsets.UTF_8).length + e.getValue().getBytes(StandardCharsets.UTF_8).length;
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(header.size());
        for (var e : header.entrySet()) {
            byte[] k = e.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] v = e.getValue().getBytes(StandardCharsets.UTF_8);
            b.putShort((short) k.length).putInt(v.length).put(k).put(v);
        }
        return b.flip();
    }

    /** Writes one block of any type; body is consumed from position to limit. */
    public void writeBlock(int type, ByteBuffer body) throws IOException {
        int len = body.remaining();
        crc.reset();
        crc.update(body.duplicate());
        blockHeader.clear();
        putBlockHeader(type, len, (int) crc.getValue());
        blockHeader.flip();
        gather[0] = blockHeader;
        gather[1] = body;
        gather[2] = padding(len);
        writeFully(gather);
        goodSize += BLOCK_HEADER_SIZE + align8(len);
    }

    /**
     * Writes one chunk of raw ring-buffer bytes (ring.position() to ring.limit(), a multiple of 8).
     * The hot path of the recorder: no allocation.
     */
    public void writeChunk(ByteBuffer ring, long firstTs, long lastTs, int recordCount) throws IOException {
        int ringLen = ring.remaining();
        blockHeader.clear();
        blockHeader.position(BLOCK_HEADER_SIZE);
        blockHeader.putLong(firstTs).putLong(lastTs).putInt(recordCount).putInt(0);
        blockHeader.position(BLOCK_HEADER_SIZE);
        crc.reset();
        crc.update(blockHeader);
        int ringPos = ring.position();
        crc.update(ring);
        ring.position(ringPos);
        blockHeader.clear();
        putBlockHeader(BLOCK_CHUNK, CHUNK_HEADER_SIZE + ringLen, (int) crc.getValue());
        blockHeader.position(0).limit(BLOCK_HEADER_SIZE + CHUNK_HEADER_SIZE);
        gather[0] = blockHeader;
        gather[1] = ring;
        gather[2] = padding(ringLen);
        writeFully(gather);
        goodSize += BLOCK_HEADER_SIZE + CHUNK_HEADER_SIZE + align8(ringLen);
        chunks++;
        records += recordCount;
        ringBytes += ringLen;
    }

    private void putBlockHeader(int type, int bodyLen, int crcValue) {
        blockHeader.putInt(0, BLOCK_MAGIC);
        blockHeader.putShort(4, (short) type);
        blockHeader.putShort(6, (short) 0);
        blockHeader.putInt(8, bodyLen);
        blockHeader.putInt(12, crcValue);
        blockHeader.putLong(16, seq++);
        if (blockHeader.position() < BLOCK_HEADER_SIZE) blockHeader.position(BLOCK_HEADER_SIZE);
    }

    private ByteBuffer padding(int len) {
        pad.clear();
        pad.limit(align8(len) - len);
        return pad;
    }

    private void writeFully(ByteBuffer[] bufs) throws IOException {
        try {
            long want = 0;
            for (ByteBuffer b : bufs) want += b.remaining();
            while (want > 0) want -= ch.write(bufs);
        } catch (IOException e) {
            // Keep the file readable: drop the torn block, then report.
            try {
                ch.truncate(goodSize);
            } catch (IOException ignored) {
                // the reader copes with a torn tail anyway
            }
            throw e;
        }
    }

    /** Loss block body: u64 ts, u32 ncpu, u32 ncounters, then u64 cumulative[counter][cpu]. */
    public void writeLoss(long ts, long[][] perCounterPerCpu) throws IOException {
        int ncounters = perCounterPerCpu.length;
        int ncpu = ncounters == 0 ? 0 : perCounterPerCpu[0].length;
        ByteBuffer b = ByteBuffer.allocate(16 + 8 * ncounters * ncpu).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(ts).putInt(ncpu).putInt(ncounters);
        for (long[] perCpu : perCounterPerCpu) for (long v : perCpu) b.putLong(v);
        writeBlock(BLOCK_LOSS, b.flip());
    }

    /** Trailer body: u64 end_ts, u64 chunks, u64 records, u64 ring_bytes, u64 lost, u32 stop_reason, u32 reserved. */
    public void writeTrailer(long endTs, long lost, int stopReason) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(endTs).putLong(chunks).putLong(records).putLong(ringBytes).putLong(lost).putInt(stopReason).putInt(0);
        writeBlock(BLOCK_TRAILER, b.flip());
    }

    public long size() {
        return goodSize;
    }

    public long records() {
        return records;
    }

    public Path path() {
        return path;
    }

    /** Flushes to stable storage, then closes: a finished trace survives a power cut. */
    @Override
    public void close() throws IOException {
        try {
            ch.force(false);
        } catch (IOException ignored) {
            // closing still matters; the data is in the page cache
        }
        ch.close();
    }
}

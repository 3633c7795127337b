package ior.fuzz;

import ior.format.RecordCursor;
import ior.format.RecordPrinter;
import ior.format.Records;
import ior.format.Snapshot;
import ior.format.TraceFormat;
import ior.format.TraceFormatException;
import ior.format.TraceReader;
import ior.format.TraceSummary;
import ior.syscalls.SyscallTable;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The fuzz target for the trace reader and its decoders: every input is read the way `ior info
 * --dump` and the analyzer read a file (blocks, header, snapshot, loss blocks, every record, every
 * item and string). The only exception allowed out is {@link TraceFormatException}; anything else,
 * a hang, or an allocation out of proportion to the input is a finding.
 *
 * <p>Each input is read twice: as it is, which exercises the block checks (lengths, magic, CRC),
 * and with every block's CRC recomputed, so mutations inside block bodies get past the CRC and
 * reach the header, snapshot, loss and record decoders.
 *
 * <p>Entry points: {@link #fuzzerTestOneInput} for the standalone Jazzer driver
 * (scripts/fuzz.sh) and {@link TraceReaderFuzzTest} for JUnit.
 */
public final class TraceFuzz {
    private TraceFuzz() {}

    private static final Path NAME = Path.of("fuzz.iortrace");
    private static final SyscallTable TABLE = SyscallTable.x86_64();
    private static final RecordPrinter PRINTER = new RecordPrinter(TABLE);
    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /**
     * Bytes one input may make the reader allocate: a fixed allowance plus a multiple of its size
     * (every string, record line and list entry is bounded by the bytes that encode it). A length
     * field trusted without a check allocates far more.
     */
    static long allocationBudget(int inputLength) {
        return (8L << 20) + 256L * inputLength;
    }

    public static void fuzzerTestOneInput(byte[] data) {
        check(data);
    }

    public static void check(byte[] data) {
        checkOne(data);
        checkOne(withCrcsFixed(data));
    }

    private static void checkOne(byte[] data) {
        long used = readAll(data);
        // the first read down a new path also loads (and instruments) classes: measure again
        if (used > allocationBudget(data.length)) used = readAll(data);
        if (used > allocationBudget(data.length))
            throw new AssertionError("reading " + data.length + " bytes allocated " + used + " bytes");
    }

    /** Reads every part of the trace and returns the bytes allocated; fails on anything but a typed format error. */
    static long readAll(byte[] data) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        try (TraceReader r = TraceReader.of(NAME, MemorySegment.ofArray(data))) {
            TraceSummary.of(r);
            RecordCursor c = new RecordCursor();
            long[] sink = new long[1];
            r.forEachBlock((type, seq, offset, body) -> {
                if (type == TraceFormat.BLOCK_SNAPSHOT) {
                    Snapshot s = Snapshot.decode(body);
                    sink[0] += s.processes().size() + s.threads().size() + s.fds().size();
                } else if (type == TraceFormat.BLOCK_CHUNK) {
                    c.wrap(body);
                    while (c.next()) {
                        sink[0] += PRINTER.format(c).length();
                        if (c.type() == Records.SYS_ENTER || c.type() == Records.SYS_EXIT) {
                            for (int i = 0; i < 6; i++) sink[0] += c.arg(i);
                            if (c.type() == Records.SYS_EXIT) sink[0] += c.ret();
                            int end = c.itemsEnd();
                            for (int at = c.itemsStart(), next; at < end && (next = c.nextItem(at)) > 0; at = next) {
                                sink[0] += c.itemKind(at) + c.itemArg(at) + c.bytesString(at + Records.ITEM_HEADER, c.itemLen(at)).length();
                                sink[0] += c.string(at + Records.ITEM_HEADER, c.itemLen(at)).length();
                            }
                        }
                    }
                }
            });
        } catch (TraceFormatException expected) {
            // the one outcome a bad file may have besides being read
        } catch (IOException e) {
            throw new AssertionError("an untyped IOException escaped the reader", e);
        }
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }

    /**
     * A copy of data whose blocks carry correct CRCs, as far as their headers can be followed
     * (magic present, body inside the input).
     */
    public static byte[] withCrcsFixed(byte[] data) {
        byte[] out = data.clone();
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        CRC32C crc = new CRC32C();
        long off = TraceFormat.PREAMBLE_SIZE;
        while (off + TraceFormat.BLOCK_HEADER_SIZE <= out.length) {
            int at = (int) off;
            if (b.getInt(at) != TraceFormat.BLOCK_MAGIC) break;
            long len = Integer.toUnsignedLong(b.getInt(at + 8));
            if (off + TraceFormat.BLOCK_HEADER_SIZE + len > out.length) break;
            crc.reset();
            crc.update(out, at + TraceFormat.BLOCK_HEADER_SIZE, (int) len);
            b.putInt(at + 12, (int) crc.getValue());
            off += TraceFormat.BLOCK_HEADER_SIZE + TraceFormat.align8(len);
        }
        return out;
    }
}

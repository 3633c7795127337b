package ior.bench;

import ior.format.Records;
import ior.format.TraceFormat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;

/**
 * Chunk bodies laid out exactly as the recorder writes them (chunk header, then each record behind
 * its 8-byte ring-buffer header, padded to 8), built from a {@link Workload}.
 */
public final class Chunks {
    private Chunks() {}

    /** The standard benchmark chunk: ~1 MiB, the calls of {@link Workload#generate} with these arguments. */
    public static final int STD_MIN_CALLS = 11500, STD_PATHS = 300;
    public static final long STD_SEED = 42;
    /** Records and calls in the standard chunk (checked by {@link #standard}). */
    public static final int STD_RECORDS = 23_058, STD_CALLS = 11_529;

    public record Chunk(MemorySegment body, List<Workload.Call> calls, int records) {}

    private static Chunk std;

    /** The standard chunk (built once per JVM). */
    public static synchronized Chunk standard() {
        if (std == null) {
            List<Workload.Call> calls = Workload.generate(STD_MIN_CALLS, STD_PATHS, STD_SEED);
            Chunk c = encode(calls, STD_SEED);
            if (c.records() != STD_RECORDS || calls.size() != STD_CALLS)
                throw new IllegalStateException("standard chunk changed: " + c.records() + " records, " + calls.size()
                        + " calls, " + c.body().byteSize() + " bytes; update STD_RECORDS/STD_CALLS");
            std = c;
        }
        return std;
    }

    /**
     * Encodes the calls as enter/exit records. A third of the time the next call's enter comes
     * before this call's exit (two threads in the kernel at once), as on a multi-CPU machine.
     */
    public static Chunk encode(List<Workload.Call> calls, long seed) {
        Random rnd = new Random(seed);
        ByteBuffer b = ByteBuffer.allocate(8 << 20).order(ByteOrder.LITTLE_ENDIAN);
        b.position(TraceFormat.CHUNK_HEADER_SIZE);
        int records = 0;
        long first = Long.MAX_VALUE, last = Long.MIN_VALUE;
        for (int i = 0; i < calls.size(); i++) {
            Workload.Call c = calls.get(i);
            Workload.Call next = i + 1 < calls.size() ? calls.get(i + 1) : null;
            enter(b, c);
            records++;
            if (next != null && next.tid != c.tid && rnd.nextInt(3) == 0) {
                enter(b, next);
                exit(b, c);
                exit(b, next);
                records += 3;
                i++;
                last = Math.max(last, next.exitTs);
            } else {
                exit(b, c);
                records++;
            }
            first = Math.min(first, c.enterTs);
            last = Math.max(last, c.exitTs);
        }
        int size = b.position();
        b.putLong(0, first).putLong(8, last).putInt(16, records).putInt(20, 0);
        MemorySegment seg = Arena.ofAuto().allocate(size, 8);
        MemorySegment.copy(MemorySegment.ofArray(b.array()), 0, seg, 0, size);
        return new Chunk(seg, calls, records);
    }

    private static void enter(ByteBuffer b, Workload.Call c) {
        int nargs = c.args.length;
        int items = 0;
        if (c.path != null) items = (Records.ITEM_HEADER + c.path.length + 1 + 3) & ~3;
        int len = Records.ENTER_ARGS + 8 * nargs + items;
        int start = b.position();
        b.putInt(len).putInt(0);
        b.putLong(c.enterTs).putInt(c.tid).putShort((short) Records.SYS_ENTER).putShort((short) c.nr);
        b.putInt(c.pid).put((byte) nargs).put((byte) 0).putShort((short) items);
        for (long a : c.args) b.putLong(a);
        if (c.path != null) {
            int at = b.position();
            b.put((byte) Records.ITEM_STR).put((byte) c.strArg).putShort((short) (c.path.length + 1)).put(c.path).put((byte) 0);
            while (b.position() - at < items) b.put((byte) 0);
        }
        pad(b, start);
    }

    private static void exit(ByteBuffer b, Workload.Call c) {
        int items = c.outFds != null ? Records.ITEM_HEADER + 8 : 0;
        int len = Records.EXIT_ITEMS + items;
        int start = b.position();
        b.putInt(len).putInt(0);
        b.putLong(c.exitTs).putInt(c.tid).putShort((short) Records.SYS_EXIT).putShort((short) c.nr).putLong(c.ret);
        if (c.outFds != null) b.put((byte) Records.ITEM_BUF).put((byte) 0).putShort((short) 8).putInt(c.outFds[0]).putInt(c.outFds[1]);
        pad(b, start);
    }

    private static void pad(ByteBuffer b, int start) {
        while (((b.position() - start) & 7) != 0) b.put((byte) 0);
    }
}

package ior.fuzz;

import ior.format.RecordCursor;
import ior.format.Snapshot;
import ior.format.TraceFormat;
import ior.format.TraceReader;
import ior.format.TraceWriter;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns real recordings into small fuzz seeds: the same header keys (minus the two bulky ones the
 * reader does not parse: the syscall table text and the compressed tracefs formats), the snapshot
 * cut to a few entries of each kind, and the records re-chunked into small chunks, followed by the
 * recording's own loss blocks and trailer. Small seeds let the fuzzer spend its time on structure.
 *
 * <pre>java -cp TEST_CLASSPATH ior.fuzz.SeedCorpus OUT_DIR RECORDS_PER_SEED TRACE...</pre>
 */
public final class SeedCorpus {
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int perSeed = Integer.parseInt(args[1]);
        Files.createDirectories(out);
        for (int i = 2; i < args.length; i++) {
            Path trace = Path.of(args[i]);
            String base = trace.getFileName().toString().replace(".iortrace", "");
            List<byte[]> seeds = reduce(trace, perSeed);
            for (int k = 0; k < seeds.size(); k++) Files.write(out.resolve("seed-" + base + "-" + k), seeds.get(k));
            System.out.println(base + ": " + seeds.size() + " seeds");
        }
    }

    /** One seed per perSeed records: header, snapshot (first seed only), records, losses, trailer. */
    static List<byte[]> reduce(Path trace, int perSeed) throws IOException {
        List<byte[]> records = new ArrayList<>();
        List<ByteBuffer> losses = new ArrayList<>();
        ByteBuffer[] snapshot = {null}, trailer = {null};
        Map<String, String> header = new LinkedHashMap<>();
        try (TraceReader r = TraceReader.open(trace)) {
            r.header().forEach((k, v) -> {
                if (!k.equals("syscalls.table") && !k.equals("tracefs.formats.z")) header.put(k, v);
            });
            RecordCursor c = new RecordCursor();
            r.forEachBlock((type, seq, offset, body) -> {
                switch (type) {
                    case TraceFormat.BLOCK_SNAPSHOT -> snapshot[0] = trim(Snapshot.decode(body)).encode();
                    case TraceFormat.BLOCK_CHUNK -> {
                        c.wrap(body);
                        while (c.next()) {
                            // the ring-buffer header sits just before the record
                            long start = c.offset() - TraceFormat.RB_HEADER_SIZE;
                            long total = TraceFormat.align8((long) TraceFormat.RB_HEADER_SIZE + c.length());
                            records.add(body.asSlice(start, total).toArray(ValueLayout.JAVA_BYTE));
                        }
                    }
                    case TraceFormat.BLOCK_LOSS -> losses.add(copy(body));
                    case TraceFormat.BLOCK_TRAILER -> trailer[0] = copy(body);
                    default -> { }
                }
            });
        }
        List<byte[]> seeds = new ArrayList<>();
        for (int from = 0; from < Math.max(1, records.size()); from += perSeed) {
            Path tmp = Files.createTempFile("seed", ".iortrace");
            try (TraceWriter w = TraceWriter.create(tmp, header)) {
                if (from == 0 && snapshot[0] != null) w.writeBlock(TraceFormat.BLOCK_SNAPSHOT, snapshot[0].duplicate());
                List<byte[]> part = records.subList(from, Math.min(records.size(), from + perSeed));
                // two chunks per seed, so chunk boundaries are exercised too
                int half = part.size() / 2;
                chunk(w, part.subList(0, half));
                chunk(w, part.subList(half, part.size()));
                if (!losses.isEmpty()) w.writeBlock(TraceFormat.BLOCK_LOSS, losses.getLast().duplicate());
                if (trailer[0] != null) w.writeBlock(TraceFormat.BLOCK_TRAILER, trailer[0].duplicate());
            }
            seeds.add(Files.readAllBytes(tmp));
            Files.delete(tmp);
        }
        return seeds;
    }

    private static void chunk(TraceWriter w, List<byte[]> recs) throws IOException {
        if (recs.isEmpty()) return;
        int len = 0;
        for (byte[] r : recs) len += r.length;
        ByteBuffer ring = ByteBuffer.allocateDirect(len);
        long first = Long.MAX_VALUE, last = Long.MIN_VALUE;
        for (byte[] r : recs) {
            ring.put(r);
            long ts = ByteBuffer.wrap(r).order(ByteOrder.LITTLE_ENDIAN).getLong(TraceFormat.RB_HEADER_SIZE);
            first = Math.min(first, ts);
            last = Math.max(last, ts);
        }
        w.writeChunk(ring.flip(), first, last, recs.size());
    }

    private static Snapshot trim(Snapshot s) {
        return new Snapshot(s.processes().subList(0, Math.min(4, s.processes().size())),
                s.threads().subList(0, Math.min(4, s.threads().size())), s.fds().subList(0, Math.min(8, s.fds().size())));
    }

    private static ByteBuffer copy(MemorySegment body) {
        return ByteBuffer.wrap(body.toArray(ValueLayout.JAVA_BYTE));
    }
}

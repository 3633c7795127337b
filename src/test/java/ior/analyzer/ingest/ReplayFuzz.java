package ior.analyzer.ingest;

import ior.format.TraceFormatException;
import ior.format.TraceReader;
import ior.fuzz.TraceFuzz;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * The fuzz target for the analyzer's replay: a mutated trace (CRCs recomputed, so the mutations
 * reach the records) goes through pairing, fd state, process tracking and the Arrow table
 * builders, as in `ior query`, minus the DuckDB load (which {@code IngestFuzz} covers, slower).
 * Only {@link TraceFormatException} may come out; every row must fit the table's Arrow vectors.
 */
public final class ReplayFuzz {
    private ReplayFuzz() {}

    private static final Path NAME = Path.of("fuzz.iortrace");
    private static final BufferAllocator ALLOC = new RootAllocator();

    public static void fuzzerTestOneInput(byte[] data) throws Exception {
        check(data);
    }

    public static void check(byte[] data) throws Exception {
        try (TraceReader reader = TraceReader.of(NAME, MemorySegment.ofArray(TraceFuzz.withCrcsFixed(data)))) {
            long[] rows = {0};
            new Ingest().replay(reader, ALLOC, 128, (table, root) -> rows[0] += root.getRowCount());
        } catch (TraceFormatException expected) {
            // the one outcome a bad file may have besides being read
        }
        if (ALLOC.getAllocatedMemory() != 0) throw new AssertionError("Arrow memory leaked: " + ALLOC.getAllocatedMemory());
    }
}

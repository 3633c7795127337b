package ior.analyzer.ingest;

import ior.format.TraceReader;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

import java.nio.file.Path;

/**
 * The ingest's replay alone (read, pair, fd state, Arrow rows; batches dropped, no DuckDB), N
 * passes over one trace in one JVM: the first pass is what an ingest pays, the later ones show
 * the warmed-up cost per row.
 *
 * usage (from the repository root, after a build):
 *   J=/usr/lib/jvm/temurin-25-jdk-amd64/bin; CP=analyzer/target/ior.jar
 *   $J/javac -cp $CP -d /tmp/replay-bench bench/replay/ReplayBench.java
 *   $J/java --add-opens=java.base/java.nio=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
 *     -Darrow.enable_unsafe_memory_access=true -XX:+UseSerialGC -cp /tmp/replay-bench:$CP ior.analyzer.ingest.ReplayBench TRACE 4
 */
public class ReplayBench {
    public static void main(String[] args) throws Exception {
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        for (int i = 0; i < passes; i++) {
            long[] rows = new long[1];
            long t0 = System.nanoTime();
            try (TraceReader r = TraceReader.open(Path.of(args[0])); BufferAllocator alloc = new RootAllocator()) {
                new Ingest().replay(r, alloc, Ingest.BATCH_ROWS, (def, root) -> {
                    if (def.name().startsWith("_ior_syscalls")) rows[0] += root.getRowCount(); // the stored parts of syscalls
                });
            }
            long t = System.nanoTime() - t0;
            System.out.printf("pass %d: %d rows %.0f ms %.1f ns/row%n", i, rows[0], t / 1e6, (double) t / Math.max(1, rows[0]));
        }
    }
}

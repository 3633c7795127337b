package ior.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the analyzer's ingest into DuckDB (see {@link IngestFuzz}), seeded
 * with reduced real recordings and every earlier finding in
 * src/test/resources/ior/fuzz/IngestFuzzTestInputs.
 */
class IngestFuzzTest {
    @FuzzTest(maxDuration = "15s")
    void ingest(byte[] data) throws Exception {
        IngestFuzz.check(data);
    }
}

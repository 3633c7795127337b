package ior.analyzer.ingest;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the analyzer's replay (see {@link ReplayFuzz}), seeded with reduced
 * real recordings and every earlier finding in
 * src/test/resources/ior/analyzer/ingest/ReplayFuzzTestInputs.
 */
class ReplayFuzzTest {
    @FuzzTest(maxDuration = "15s")
    void replay(byte[] data) throws Exception {
        ReplayFuzz.check(data);
    }
}

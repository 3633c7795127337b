package ior.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the trace reader and decoders (see {@link TraceFuzz}). In the normal
 * suite Jazzer replays the seed corpus (reduced real recordings) and every earlier finding from
 * src/test/resources/ior/fuzz/TraceReaderFuzzTestInputs; the fuzz execution of the suite
 * (JAZZER_FUZZ=1) and scripts/fuzz.sh mutate them.
 */
class TraceReaderFuzzTest {
    @FuzzTest(maxDuration = "15s")
    void traceBytes(byte[] data) {
        TraceFuzz.check(data);
    }
}

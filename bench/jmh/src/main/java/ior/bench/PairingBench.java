package ior.bench;

import ior.analyzer.pair.Pairing;
import ior.format.RecordCursor;
import ior.format.Records;
import org.openjdk.jmh.annotations.*;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;

/**
 * (b) Pairing: the cursor walk of {@link DecodeBench} feeding Pairing, whose sink only folds gap
 * and seq into a field (so the CallView it is handed is really set up). ops = records (calls =
 * records / 2).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {Flags.NATIVE, Flags.OPENS, Flags.UNSAFE})
public class PairingBench {
    private MemorySegment chunk;
    private final RecordCursor c = new RecordCursor();
    private Pairing pairing;
    private long sink, seq;

    @Setup
    public void setup() {
        chunk = Chunks.standard().body();
        pairing = new Pairing(Workload.TABLE, (call, gap) -> sink += gap ^ call.seq());
    }

    @Benchmark
    @OperationsPerInvocation(Chunks.STD_RECORDS)
    public long pair() {
        c.wrap(chunk);
        long s = seq;
        while (c.next()) {
            int type = c.type();
            if (type == Records.SYS_ENTER) pairing.enter(c, s);
            else if (type == Records.SYS_EXIT) pairing.exit(c);
            s++;
        }
        seq = s;
        return sink;
    }

    @TearDown
    public void check() {
        if (pairing.paired == 0 || pairing.mismatchedExits + pairing.lostExits + pairing.exitsWithoutEnter != 0)
            throw new IllegalStateException("unexpected pairing: paired " + pairing.paired + " mismatched " + pairing.mismatchedExits
                    + " lost " + pairing.lostExits + " orphan " + pairing.exitsWithoutEnter);
    }
}

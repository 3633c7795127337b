package ior.bench;

import ior.format.RecordCursor;
import ior.format.Records;
import org.openjdk.jmh.annotations.*;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * (a) Decode: a RecordCursor walking the standard ~1 MiB chunk, reading ts, tid, type and nr of
 * every record, pid and the first three args of enters, ret of exits. ops = records. Also the
 * CRC32C that TraceReader computes over every block body (ops = records of that chunk).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {Flags.NATIVE, Flags.OPENS, Flags.UNSAFE})
public class DecodeBench {
    private MemorySegment chunk;
    private final RecordCursor c = new RecordCursor();

    @Setup
    public void setup() {
        chunk = Chunks.standard().body();
    }

    @Benchmark
    @OperationsPerInvocation(Chunks.STD_RECORDS)
    public long cursor() {
        c.wrap(chunk);
        long acc = 0;
        while (c.next()) {
            int type = c.type();
            acc += c.ts() + c.tid() + 31L * type + c.nr();
            if (type == Records.SYS_ENTER) acc += c.enterPid() + c.arg(0) + c.arg(1) + c.arg(2);
            else acc += c.ret();
        }
        return acc;
    }

    @Benchmark
    @OperationsPerInvocation(Chunks.STD_RECORDS)
    public long crc32c() {
        CRC32C crc = new CRC32C();
        crc.update(chunk.asByteBuffer());
        return crc.getValue();
    }
}
